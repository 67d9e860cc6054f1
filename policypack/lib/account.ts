/**
 * The stack's own AWS account, for the cross-account rule. In order:
 * 1. the rule's `accountId` setting;
 * 2. the AWS providers: one account among their `allowedAccountIds` and the ARNs of the roles they
 *    assume (`assumeRoles[].roleArn`, `assumeRole.roleArn`) — that is where the stack deploys;
 * 3. a vote over the ARNs the stack's resources report for themselves (`arn`, known after creation
 *    and in mocked runs) and, as these are unknown during a first preview, over the `Resource` ARNs of
 *    the roles' permission policies (a role's data lives in its own account). The most frequent
 *    account wins; a tie or no ARN at all leaves the account undetermined, and the rule then treats
 *    every account principal as foreign (it fails closed).
 */
import { accountIdsIn } from "./principals";
import { RuleResource } from "./rule";
import { currentRunMemo } from "./runMemo";
import { readProp } from "./values";

/** The stack's account and how it was found, or undefined. */
export interface OwnAccount {
    readonly account?: string;
    readonly source: string;
}

const PROVIDER = "pulumi:providers:aws";
const ROLE_DOCS: Readonly<Record<string, string>> = { "aws:iam/rolePolicy:RolePolicy": "policy", "aws:iam/role:Role": "inlinePolicies" };

/** Determines the stack's own account (see the module comment); once per host run (lib/runMemo.ts). */
export function ownAccount(resources: readonly RuleResource[], configured: string | undefined): OwnAccount {
    if (configured) {
        return { account: configured, source: "the rule's accountId setting" };
    }
    const memo = currentRunMemo();
    return memo ? memo.get("own-account", () => derivedAccount(resources)) : derivedAccount(resources);
}

function derivedAccount(resources: readonly RuleResource[]): OwnAccount {
    const fromProviders = new Set<string>();
    const providerProps = resources.filter(r => r.type === PROVIDER).map(r => r.props);
    // Resources share a few providers: read each provider's props once.
    const seen = new Set<string>();
    for (const r of resources) {
        if (r.provider && r.provider.type === PROVIDER && !seen.has(r.provider.urn)) {
            seen.add(r.provider.urn);
            providerProps.push(r.provider.props);
        }
    }
    for (const props of providerProps) {
        for (const key of ["allowedAccountIds", "assumeRoles", "assumeRole"]) {
            const read = readProp(props, key);
            if (read.known && read.value !== undefined) {
                const text = JSON.stringify(read.value);
                (key === "allowedAccountIds" ? text.match(/\d{12}/g) ?? [] : accountIdsIn(text)).forEach(a => fromProviders.add(a));
            }
        }
    }
    if (fromProviders.size === 1) {
        return { account: [...fromProviders][0], source: "the AWS provider's account" };
    }
    const votes = new Map<string, number>();
    const vote = (text: string) => accountIdsIn(text).forEach(a => votes.set(a, (votes.get(a) ?? 0) + 1));
    for (const r of resources) {
        const arn = readProp(r.props, "arn");
        if (arn.known && typeof arn.value === "string" && r.type.startsWith("aws:")) {
            vote(arn.value + ":");
        }
        const docField = ROLE_DOCS[r.type];
        const doc = docField ? readProp(r.props, docField) : undefined;
        if (doc?.known && doc.value !== undefined) {
            vote(typeof doc.value === "string" ? doc.value : JSON.stringify(doc.value));
        }
    }
    const ranked = [...votes.entries()].sort((a, b) => b[1] - a[1]);
    if (ranked.length > 0 && (ranked.length === 1 || ranked[0][1] > ranked[1][1])) {
        return { account: ranked[0][0], source: "the ARNs in the stack" };
    }
    return { source: ranked.length > 0 ? "the ARNs in the stack name several accounts equally often" : "no setting, provider or ARN in the stack names it" };
}
