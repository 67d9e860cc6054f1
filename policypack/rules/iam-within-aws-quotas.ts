/**
 * iam-within-aws-quotas: what AWS would refuse is not a pass. Every IAM document and principal of the
 * stack stays within IAM's quotas (lib/quotas.ts, with their source), counted as AWS counts them:
 * - the inline policies of one user, group or role together (2,048, 5,120, 10,240 characters),
 *   wherever the resource model says they sit (`UserPolicy`, `GroupPolicy`, `RolePolicy`, a role's
 *   `inlinePolicies`);
 * - one customer managed policy (6,144), one role's trust policy (2,048; `maxTrustPolicyCharacters`
 *   for an account that raised the quota, up to 4,096);
 * - the managed policies attached to one user, group or role, counted once each over every
 *   attachment type of the model (10; `maxManagedPoliciesPerUser`/`…PerRole` up to 20).
 * A stack over a quota passes every other rule and still fails at `pulumi up`, part-way through.
 * A value unknown during preview cannot be counted and is reported per `onUnknown`.
 */
import { summarise } from "../lib/actions";
import { fieldDocuments, Grant, StackGraph } from "../lib/graph";
import { documentsOf, CUSTOMER_POLICY_TYPE, TRUST_PROP } from "../lib/model/resourceTypes";
import { PrincipalNode } from "../lib/nodes";
import { ATTACHED_POLICIES, formatCount, INLINE_POLICY_CHARS, MANAGED_POLICY_CHARS, policyChars, QuotaPrincipal, TRUST_POLICY_CHARS } from "../lib/quotas";
import { numberSetting, Setting } from "../lib/config";
import { defineRule, Judge, label, RuleResource } from "../lib/rule";
import { ROLE_TYPE } from "../lib/trust";

/** The quotas an account holds (the adjustable ones as configured). */
interface Quotas {
    readonly trust: number;
    readonly attached: Readonly<Record<QuotaPrincipal, number>>;
}

const WHO: Readonly<Record<QuotaPrincipal, string>> = { user: "IAM user", group: "IAM group", role: "Role" };

const REFUSED = "AWS will refuse this: the update fails part-way through, leaving the stack half-deployed, however the other rules judged it";

/** An adjustable quota: an integer from AWS's default up to the most AWS grants (anything else keeps the default: a bad value must never loosen a rule). */
function quotaSetting(bounds: { readonly default: number; readonly maximum: number }, description: string): Setting<number> {
    return numberSetting({ type: "integer", minimum: bounds.default, maximum: bounds.maximum }, description, bounds.default);
}

/** The inline policies and attachments of one principal, against its quotas. */
function checkPrincipal(node: PrincipalNode, grants: readonly Grant[], quotas: Quotas, judge: Judge): void {
    const kind = node.kind;
    const urn = node.resource?.urn ?? grants[0]?.holder.urn;
    const subjects = grants.map(g => ({ urn: g.holder.urn, name: g.holder.name }));
    const inline = grants.filter(g => g.attached === undefined && g.raw !== undefined);
    for (const g of grants) {
        if (g.source.kind === "unknown") {
            judge.unknown(g.holder, g.source.error);
        }
    }
    const total = inline.reduce((n, g) => n + policyChars(g.raw), 0);
    if (total > INLINE_POLICY_CHARS[kind]) {
        judge.report({
            urn,
            subjects,
            what:
                `${WHO[kind]} '${node.name}' has inline policies of ${formatCount(total)} characters in all, counted without white space as AWS counts them ` +
                `(${summarise(inline.map(g => `${g.via}: ${formatCount(policyChars(g.raw))}`))}), over IAM's quota of ${formatCount(INLINE_POLICY_CHARS[kind])} for a ${kind}'s inline policies`,
            why: REFUSED,
            fix: `shorten them (fewer, wider CIDR ranges; fewer ARNs; for CI, an OIDC role instead of IP lists), or move statements into a customer managed policy attached to the ${kind}`,
        });
    }
    const attached = [...new Set(grants.flatMap(g => (g.attached === undefined ? [] : [g.attached])))];
    if (attached.length > quotas.attached[kind]) {
        const raise = kind === "group" ? "a group's quota cannot be raised" : `or raise the account's quota (up to ${ATTACHED_POLICIES[kind].maximum}) and set maxManagedPoliciesPer${kind === "user" ? "User" : "Role"}`;
        judge.report({
            urn,
            subjects,
            what: `${WHO[kind]} '${node.name}' has ${attached.length} managed policies attached, over IAM's quota of ${quotas.attached[kind]} for a ${kind}`,
            why: REFUSED,
            fix: `merge some of the policies into one, ${raise}`,
        });
    }
}

/** One document that has a quota of its own: a customer managed policy or a role's trust. */
function checkDocument(r: RuleResource, quotas: Quotas, judge: Judge): void {
    const trust = r.type === ROLE_TYPE;
    const field = trust ? documentsOf(ROLE_TYPE, "trust")[0] : documentsOf(CUSTOMER_POLICY_TYPE, "identity")[0];
    for (const d of fieldDocuments(r, field)) {
        if (d.source.kind === "unknown") {
            judge.unknown(r, d.source.error);
            continue;
        }
        const chars = d.raw === undefined || d.raw === null ? 0 : policyChars(d.raw);
        const limit = trust ? quotas.trust : MANAGED_POLICY_CHARS;
        if (chars > limit) {
            const which = trust ? `its trust policy (${TRUST_PROP})` : "its policy document";
            const fix = trust
                ? `trust fewer principals, or list fewer, wider CIDR ranges; for CI, trust an OIDC identity provider instead of IP lists; or raise the account's "Role trust policy length" quota (up to ${formatCount(TRUST_POLICY_CHARS.maximum)}) and set maxTrustPolicyCharacters`
                : "split it into several managed policies, or use patterns that keep the same scope in fewer characters";
            judge.report({
                urn: r.urn,
                what: `${label(r)} has ${which} of ${formatCount(chars)} characters, counted without white space as AWS counts them, over IAM's quota of ${formatCount(limit)} for ${trust ? "a role's trust policy" : "a managed policy"}`,
                why: REFUSED,
                fix,
            });
        }
    }
}

function check(resources: readonly RuleResource[], quotas: Quotas, judge: Judge): void {
    const graph = StackGraph.shared(resources, (r, fn) => judge.each(r, fn));
    graph.problems.forEach(p => judge.unknown(p.resource, p.error));
    for (const r of resources.filter(x => x.type === ROLE_TYPE || x.type === CUSTOMER_POLICY_TYPE)) {
        judge.each(r, () => checkDocument(r, quotas, judge));
    }
    for (const kind of ["user", "group", "role"] as const) {
        for (const node of graph.nodes.principals(kind)) {
            judge.each(node.resource, () => checkPrincipal(node, graph.grantsOf(node), quotas, judge));
        }
    }
}

/** The rule. */
export const iamWithinAwsQuotas = defineRule({
    name: "iam-within-aws-quotas",
    description: "Every IAM document and principal stays within IAM's quotas (inline policies per user, group and role, managed policy and trust policy size, managed policies attached), counted as AWS counts them.",
    enforcementLevel: "mandatory",
    // medium, as dynamodb-table-protected: a refused update is an outage and a half-applied stack, not access a leaked key gains.
    severity: "medium",
    details:
        "What AWS would refuse is not a pass: a user's inline policies total at most 2,048 characters, a group's 5,120, a role's 10,240; a managed policy 6,144; a trust policy 2,048 (`maxTrustPolicyCharacters` up to 4,096 for a raised quota); " +
        "10 managed policies per user, group or role (`maxManagedPoliciesPerUser`/`…PerRole` up to 20). Counted as AWS counts them, without white space.",
    fix: "Shorten the documents or split them (fewer, wider CIDR ranges; for CI, an OIDC role instead of IP lists), or raise the adjustable quota and say so in this rule's settings.",
    settings: {
        maxTrustPolicyCharacters: quotaSetting(TRUST_POLICY_CHARS, 'Your account\'s "Role trust policy length" quota, when raised through Service Quotas (AWS allows up to 4,096).'),
        maxManagedPoliciesPerRole: quotaSetting(ATTACHED_POLICIES.role, 'Your account\'s "Managed policies attached to an IAM role" quota, when raised (up to 20).'),
        maxManagedPoliciesPerUser: quotaSetting(ATTACHED_POLICIES.user, 'Your account\'s "Managed policies attached to an IAM user" quota, when raised (up to 20).'),
    },
    config: (s): Quotas => ({
        trust: s.maxTrustPolicyCharacters,
        attached: { user: s.maxManagedPoliciesPerUser, group: ATTACHED_POLICIES.group.default, role: s.maxManagedPoliciesPerRole },
    }),
    stack: (resources, config, judge) => check(resources, config, judge),
});
