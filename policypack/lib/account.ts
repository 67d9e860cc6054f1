/**
 * The own account, per resource, from facts only:
 * 1. the rule's `ownAccounts` setting (and the older `accountId`, read as one more own account);
 * 2. the resource's own provider: its `allowedAccountIds` (the account it deploys into is one of
 *    them) and the role its `assumeRoles` chain (or `assumeRole`) ends in (it deploys into that
 *    role's account). Only the resource's own provider counts: a second provider that assumes a
 *    role in a vendor's account makes the vendor's account a fact for its own resources, not for
 *    the others;
 * 3. the resource's own ARN (or the ARN, account ID or queue URL of the resource it governs), read
 *    from the properties its row of the resource model names.
 * No vote and no guess: when the facts name no single account the account is undetermined, and a
 * rule then treats every account it cannot prove own as foreign. Facts that contradict each other
 * (an ARN outside the provider's allowedAccountIds, an account ownAccounts does not list) are
 * reported as a conflict, and the conflicting facts prove nothing.
 */
import { accountOfArn, accountOfQueueUrl, isAccountId } from "./arn";
import { optionalStringSetting, SettingValues, stringListSetting } from "./config";
import { AWS_PROVIDER_TYPE, modelOf } from "./model/resourceTypes";
import { RuleResource } from "./rule";
import { readProp } from "./values";

/** The settings that declare own accounts and organisations (read by the rules that need them). */
export interface OwnAccountConfig {
    readonly ownAccounts: readonly string[];
    readonly ownOrganizationIds: readonly string[];
}

/** The settings, shared by every rule that reads them (declared once: schema and reader). */
export const OWN_ACCOUNT_SETTINGS = {
    ownAccounts: stringListSetting(
        { pattern: "^\\d{12}$" },
        "Your own AWS accounts. A principal of any other account counts as foreign; a resource whose provider or ARN names an account not listed here is reported as a conflict.",
        [],
    ),
    ownOrganizationIds: stringListSetting(
        { pattern: "^o-[a-z0-9]{10,32}$" },
        "The AWS Organizations your own accounts belong to. Without it, aws:PrincipalOrgID narrows nothing away from your users.",
        [],
    ),
    accountId: optionalStringSetting("^\\d{12}$", "Deprecated: use ownAccounts. Read as one more own account."),
};

/** The own accounts and organisations from the typed settings; `accountId` (the older single setting) joins `ownAccounts`. */
export function ownAccountConfig(s: SettingValues<typeof OWN_ACCOUNT_SETTINGS>): OwnAccountConfig {
    return {
        ownAccounts: [...new Set([...s.ownAccounts.filter(isAccountId), ...(s.accountId ? [s.accountId] : [])])],
        ownOrganizationIds: s.ownOrganizationIds,
    };
}

/** What the facts say about one resource's account. */
export interface AccountFacts {
    /** The account, when the facts name exactly one. */
    readonly account?: string;
    /** Every account the facts prove own (the configured ones, the provider's, the resource's own). */
    readonly own: ReadonlySet<string>;
    /** How the account was found, or why it was not, for messages. */
    readonly source: string;
    /** Set when the facts contradict each other. */
    readonly conflict?: string;
}

interface ProviderFacts {
    readonly allowed: readonly string[];
    readonly assumed?: string;
}

/** The account facts of a resource under a config. */
export function accountFacts(r: RuleResource, config: OwnAccountConfig): AccountFacts {
    const configured = config.ownAccounts;
    const arns = ownArnAccounts(r);
    const provider = providerFacts(r);
    const conflicts: string[] = [];
    if (arns.length > 1) {
        conflicts.push(`its ARNs name accounts ${arns.join(" and ")}`);
    }
    const arn = arns[0];
    if (arn && provider.assumed && arn !== provider.assumed) {
        conflicts.push(`its ARN names account ${arn} but its provider assumes a role in ${provider.assumed}`);
    }
    for (const [what, account] of [["its ARN", arn], ["the role its provider assumes", provider.assumed]] as const) {
        if (account && provider.allowed.length > 0 && !provider.allowed.includes(account)) {
            conflicts.push(`${what} is in account ${account}, outside its provider's allowedAccountIds (${provider.allowed.join(", ")})`);
        }
        if (account && configured.length > 0 && !configured.includes(account)) {
            conflicts.push(`${what} is in account ${account}, which ownAccounts (${configured.join(", ")}) does not list`);
        }
    }
    if (provider.allowed.length > 0 && configured.length > 0 && !provider.allowed.some(a => configured.includes(a))) {
        conflicts.push(`its provider's allowedAccountIds (${provider.allowed.join(", ")}) share no account with ownAccounts (${configured.join(", ")})`);
    }
    if (conflicts.length > 0) {
        return { own: new Set(configured), source: "conflicting facts", conflict: conflicts.join("; ") };
    }
    const own = new Set([...configured, ...provider.allowed, ...(arn ? [arn] : []), ...(provider.assumed ? [provider.assumed] : [])]);
    const pick: [string | undefined, string][] = [
        [arn, "its own ARN"],
        [provider.assumed, "the role its provider assumes"],
        [provider.allowed.length === 1 ? provider.allowed[0] : undefined, "its provider's allowedAccountIds"],
        [configured.length === 1 ? configured[0] : undefined, "the ownAccounts setting"],
    ];
    const found = pick.find(([a]) => a !== undefined);
    return found
        ? { account: found[0], own, source: found[1] }
        : { own, source: own.size > 0 ? `several facts (${[...own].join(", ")})` : "no setting, provider or ARN of its own names it" };
}

/** The accounts named by the resource's own ARN fields (its row's `arnFields`, else `arn`), unknown ones skipped. */
function ownArnAccounts(r: RuleResource): string[] {
    const fields = modelOf(r.type)?.arnFields ?? [{ prop: "arn", form: "arn" as const }];
    const out = new Set<string>();
    for (const f of fields) {
        const read = readProp(r.props, f.prop);
        if (!read.known || typeof read.value !== "string") {
            continue;
        }
        const v = read.value;
        const account = f.form === "arn" ? accountOfArn(v) : f.form === "account" ? (isAccountId(v) ? v : undefined) : accountOfQueueUrl(v);
        if (account) {
            out.add(account);
        }
    }
    return [...out];
}

const providerCache = new WeakMap<object, ProviderFacts>();

/** The facts of the resource's own provider (an AWS provider's allowedAccountIds and assumed role). */
function providerFacts(r: RuleResource): ProviderFacts {
    const p = r.provider;
    if (!p || p.type !== AWS_PROVIDER_TYPE) {
        return { allowed: [] };
    }
    const hit = providerCache.get(p.props);
    if (hit) {
        return hit;
    }
    const allowedRead = readProp(p.props, "allowedAccountIds");
    const allowed = allowedRead.known ? jsonList(allowedRead.value).filter((a): a is string => typeof a === "string" && isAccountId(a)) : [];
    let assumed: string | undefined;
    for (const key of ["assumeRoles", "assumeRole"]) {
        const read = readProp(p.props, key);
        const chain = read.known ? jsonList(read.value) : [];
        const last = chain[chain.length - 1];
        const roleArn = last !== null && typeof last === "object" ? (last as Record<string, unknown>).roleArn : undefined;
        assumed ??= typeof roleArn === "string" ? accountOfArn(roleArn) : undefined;
    }
    const facts = { allowed, ...(assumed ? { assumed } : {}) };
    providerCache.set(p.props, facts);
    return facts;
}

/** A provider setting as a list: the engine passes lists and objects of provider config as JSON text. */
function jsonList(value: unknown): unknown[] {
    let v = value;
    if (typeof v === "string") {
        try {
            v = JSON.parse(v);
        } catch {
            return [];
        }
    }
    return Array.isArray(v) ? v : v !== undefined && v !== null ? [v] : [];
}
