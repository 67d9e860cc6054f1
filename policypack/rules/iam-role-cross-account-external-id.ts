/**
 * iam-role-cross-account-external-id: a trust statement admitting a principal from another account
 * (or `*`, or an account the pack cannot tell) requires a non-empty, non-wildcard
 * `StringEquals sts:ExternalId`, unless it requires MFA (`allowMfaInsteadOfExternalId`, default
 * true). It also flags one external ID required by roles that trust different accounts: an external
 * ID names one customer-vendor relationship, and a shared one lets one vendor customer reach another's
 * role. The stack's own account comes from lib/account.ts.
 */
import { summarise } from "../lib/actions";
import { OwnAccount, ownAccount } from "../lib/account";
import { requiredExternalIds } from "../lib/conditions";
import { booleanSetting, stringSetting } from "../lib/config";
import { statementLabel } from "../lib/document";
import { AwsPrincipal } from "../lib/principals";
import { defineRule, Judge, label, RuleResource } from "../lib/rule";
import { assumeStatements, ROLE_TYPE, trustDocument } from "../lib/trust";

/** Which account a principal belongs to, for messages and for the reuse check. */
function accountOf(p: AwsPrincipal): string {
    return p.kind === "any" ? "any account" : p.account ?? "an unknown account";
}

/** True when the principal is not (known to be) in the stack's own account. */
function isForeign(p: AwsPrincipal, own: OwnAccount): boolean {
    return p.kind === "any" || !p.account || !own.account || p.account !== own.account;
}

type Uses = Map<string, Map<string, RuleResource[]>>;

function checkRole(r: RuleResource, own: OwnAccount, allowMfa: boolean, uses: Uses, judge: Judge): void {
    const trust = trustDocument(r, judge);
    if (!trust?.ok) {
        return; // iam-role-trust-requires-conditions reports unparseable trust policies
    }
    const problems: string[] = [];
    for (const a of assumeStatements(trust.document)) {
        const foreign = a.principals.aws.filter(p => isForeign(p, own));
        if (foreign.length === 0) {
            continue;
        }
        const ids = requiredExternalIds(a.statement);
        if (ids.length === 0 && !(allowMfa && a.bindings.has("mfa"))) {
            problems.push(`${statementLabel(a.statement)} admits ${summarise(foreign.map(p => `${p.raw} (${accountOf(p)})`))}`);
        }
        for (const id of ids) {
            const byAccount = uses.get(id) ?? new Map<string, RuleResource[]>();
            foreign.forEach(p => byAccount.set(accountOf(p), [...(byAccount.get(accountOf(p)) ?? []), r]));
            uses.set(id, byAccount);
        }
    }
    if (problems.length > 0) {
        const ownText = own.account ? `the stack's account is ${own.account}, from ${own.source}` : `the stack's own account is unknown: ${own.source}; so every account counts as another`;
        judge.report({
            urn: r.urn,
            message:
                `${label(r)} trusts principals of other accounts without requiring sts:ExternalId: ${problems.join("; ")} (${ownText}). ` +
                `Without an external ID the other account can be tricked into assuming the role for someone else (the confused deputy), and a leaked key there is enough. ` +
                `Fix: add StringEquals sts:ExternalId with a per-account secret to those statements, require MFA, or set accountId if the account is your own.`,
        });
    }
}

function reportReuse(uses: Uses, judge: Judge): void {
    for (const [id, byAccount] of uses) {
        if (byAccount.size < 2) {
            continue;
        }
        const roles = [...new Set([...byAccount.values()].flat())];
        const accounts = [...byAccount.keys()].sort();
        for (const r of roles) {
            judge.report({
                urn: r.urn,
                message:
                    `${label(r)} requires external ID ${JSON.stringify(id)}, which roles in this stack also require for other accounts (${accounts.join(", ")}; roles ${roles.map(x => `'${x.name}'`).join(", ")}). ` +
                    `An external ID should identify one relationship; shared across accounts, one party can assume the role meant for another. ` +
                    `Fix: generate a distinct external ID per trusted account.`,
            });
        }
    }
}

/** The rule. */
export const iamRoleCrossAccountExternalId = defineRule({
    name: "iam-role-cross-account-external-id",
    description: "Roles trusting another account require a concrete sts:ExternalId (or MFA), and no external ID is shared between accounts.",
    enforcementLevel: "mandatory",
    fix: "Require StringEquals sts:ExternalId, unique per trusted account, on cross-account trust statements.",
    schema: {
        accountId: { type: "string", pattern: "^\\d{12}$", description: "The stack's own account; derived from the providers or the stack's ARNs when absent." },
        allowMfaInsteadOfExternalId: { type: "boolean", default: true, description: "Accept Bool aws:MultiFactorAuthPresent \"true\" in place of an external ID." },
    },
    config: raw => ({ accountId: stringSetting(raw, "accountId", /^\d{12}$/), allowMfa: booleanSetting(raw, "allowMfaInsteadOfExternalId", true) }),
    stack: (resources, config, judge) => {
        const own = ownAccount(resources, config.accountId);
        const uses: Uses = new Map();
        resources.filter(r => r.type === ROLE_TYPE).forEach(r => judge.each(r, () => checkRole(r, own, config.allowMfa, uses, judge)));
        reportReuse(uses, judge);
    },
});
