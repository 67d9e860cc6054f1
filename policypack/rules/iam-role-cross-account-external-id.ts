/**
 * iam-role-cross-account-external-id: a trust statement admitting a principal from another account
 * (or `*`, or an account the pack cannot tell) requires a non-empty, non-wildcard
 * `StringEquals sts:ExternalId`, unless it requires MFA (`allowMfaInsteadOfExternalId`, default
 * true). It also flags one external ID required by roles that trust different accounts: an external
 * ID names one customer-vendor relationship, and a shared one lets one vendor customer reach another's
 * role. Which accounts are the role's own comes from facts only (lib/account.ts): the ownAccounts
 * setting, the role's own provider, the role's own ARN; and a user or role of the stack deployed
 * through the role's provider is in the role's account (lib/sameProvider.ts), even in a first
 * preview where nothing has an ARN yet. Any other account, and every account when the facts name
 * none, is foreign. Facts that contradict each other, on a role or any other resource
 * whose account the pack reads, are a violation of their own.
 */
import { summarise } from "../lib/actions";
import { AccountFacts, accountFacts, OWN_ACCOUNT_SETTINGS, ownAccountConfig } from "../lib/account";
import { requiredExternalIds } from "../lib/conditions";
import { booleanSetting } from "../lib/config";
import { modelOf } from "../lib/model/resourceTypes";
import { statementLabel } from "../lib/document";
import { AwsPrincipal } from "../lib/principals";
import { StackPrincipals } from "../lib/sameProvider";
import { defineRule, Judge, label, RuleResource } from "../lib/rule";
import { assumeStatements, ROLE_TYPE, trustDocument } from "../lib/trust";

/** Which account a principal belongs to, for messages and for the reuse check. */
function accountOf(p: AwsPrincipal): string {
    return p.kind === "any" ? "any account" : p.account ?? "an unknown account";
}

/**
 * True when the principal is not in an account the facts prove own, nor, when no fact names any
 * account (a first preview), a user or role of the stack deployed through the role's provider.
 */
function isForeign(r: RuleResource, p: AwsPrincipal, own: AccountFacts, stack: StackPrincipals): boolean {
    if (p.kind !== "any" && p.account && own.own.has(p.account)) {
        return false;
    }
    return !(own.conflict === undefined && own.own.size === 0 && stack.inRoleAccount(r, p));
}

type Uses = Map<string, Map<string, RuleResource[]>>;

function checkRole(r: RuleResource, own: AccountFacts, stack: StackPrincipals, allowMfa: boolean, uses: Uses, judge: Judge): void {
    const trust = trustDocument(r, judge);
    if (!trust?.ok) {
        return; // iam-role-trust-requires-conditions reports unparseable trust policies
    }
    const problems: string[] = [];
    for (const a of assumeStatements(trust.document)) {
        const foreign = a.principals.aws.filter(p => isForeign(r, p, own, stack));
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
        const listed = [...own.own].join(", ");
        const ownText = own.account
            ? `the role's account is ${own.account}, from ${own.source}`
            : own.conflict
              ? `the role's account is unknown because its facts conflict; so every account${listed ? ` but ${listed}` : ""} counts as another`
              : own.own.size > 0
                ? `the role's account is one of ${listed}; so every other account counts as another`
                : `the role's account is unknown: ${own.source}; so every account counts as another`;
        judge.report({
            urn: r.urn,
            what: `${label(r)} trusts principals of other accounts without requiring sts:ExternalId: ${problems.join("; ")} (${ownText})`,
            why: "Without an external ID the other account can be tricked into assuming the role for someone else (the confused deputy), and a leaked key there is enough",
            fix: "add StringEquals sts:ExternalId with a per-account secret to those statements, require MFA, or list the account in ownAccounts if it is your own",
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
                what: `${label(r)} requires external ID ${JSON.stringify(id)}, which roles in this stack also require for other accounts (${accounts.join(", ")}; roles ${roles.map(x => `'${x.name}'`).join(", ")})`,
                why: "An external ID should identify one relationship; shared across accounts, one party can assume the role meant for another",
                fix: "generate a distinct external ID per trusted account",
            });
        }
    }
}

/** Reports a resource whose account facts contradict each other. */
function reportConflict(r: RuleResource, facts: AccountFacts, judge: Judge): void {
    judge.report({
        urn: r.urn,
        what: `${label(r)} has an account that the facts contradict: ${facts.conflict}`,
        why: "The pack takes the own account only from ownAccounts, the resource's provider and its ARN; when they disagree it cannot tell own principals from foreign ones",
        fix: "correct the provider's allowedAccountIds or assumed role, or the ownAccounts setting, so that they name the account the resource is in",
    });
}

/** True for a resource whose account the pack reads: a principal, a resource policy's holder, a grant. */
function accountMatters(r: RuleResource): boolean {
    const m = modelOf(r.type);
    return m !== undefined && (m.principal !== undefined || m.grant !== undefined || (m.documents ?? []).some(d => d.role === "resource"));
}

/** The rule. */
export const iamRoleCrossAccountExternalId = defineRule({
    name: "iam-role-cross-account-external-id",
    description: "Roles trusting another account require a concrete sts:ExternalId (or MFA), and no external ID is shared between accounts.",
    enforcementLevel: "mandatory",
    severity: "high",
    details:
        "A trust statement admitting a principal of another account (or `*`, or an account the pack cannot tell) requires a non-empty, non-wildcard `StringEquals sts:ExternalId` (unless MFA is required and `allowMfaInsteadOfExternalId` allows it); one external ID required by roles trusting different accounts is flagged. " +
        "Own accounts come from facts only (`ownAccounts`, the role's own provider, its own ARN); a user or role of the stack deployed through the role's provider is in the role's account, even in a first preview where nothing has an ARN yet; facts that contradict each other are a violation.",
    fix: "Require StringEquals sts:ExternalId, unique per trusted account, on cross-account trust statements.",
    strict: { settings: { allowMfaInsteadOfExternalId: false } },
    settings: {
        ...OWN_ACCOUNT_SETTINGS,
        allowMfaInsteadOfExternalId: booleanSetting('Accept Bool aws:MultiFactorAuthPresent "true" in place of an external ID.', true),
    },
    config: s => ({ accounts: ownAccountConfig(s), allowMfa: s.allowMfaInsteadOfExternalId }),
    stack: (resources, config, judge) => {
        const uses: Uses = new Map();
        const stack = new StackPrincipals(resources);
        for (const r of resources.filter(accountMatters)) {
            judge.each(r, () => {
                const facts = accountFacts(r, config.accounts);
                if (facts.conflict) {
                    reportConflict(r, facts, judge);
                }
                if (r.type === ROLE_TYPE) {
                    checkRole(r, facts, stack, config.allowMfa, uses, judge);
                }
            });
        }
        reportReuse(uses, judge);
    },
});
