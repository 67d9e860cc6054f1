/**
 * iam-role-policies-readable: a role a user can assume (lib/assumable.ts) holds only policies the
 * pack can read. A customer managed policy the stack does not define (its ARN names a policy
 * created elsewhere), an AWS managed ARN missing from the pack's data, or a document that cannot be
 * parsed hides what a leaked key reaches through the role, so it fails closed: a violation naming
 * the role, the attachment and the fix. An attachment reviewed elsewhere is exempted with a reason,
 * by the attachment's (or the role's) name or URN, or by the policy's ARN.
 */
import { StackGraph } from "../lib/graph";
import { AssumableRole, assumableLabel, userAssumableRoles } from "../lib/assumable";
import { defineRule, Judge, label } from "../lib/rule";

const WHY = "What the role can do, and so what a leaked key reaches through it, cannot be checked, so the pack fails closed";

/** Attached policies the pack cannot read: what they are, and the fix. */
const ATTACHED = {
    external: {
        kind: "a customer managed policy this stack does not define",
        fix: "define the policy in this stack (aws.iam.Policy) and attach that, or exempt the attachment with a reason if the policy is reviewed elsewhere",
    },
    "managed-missing": {
        kind: "an AWS managed policy this pack does not know",
        fix: "attach a known policy, or refresh policypack/data with scripts/refresh-managed-policies.ts if AWS published it recently",
    },
} as const;

function checkRole(role: AssumableRole, graph: StackGraph, judge: Judge): void {
    const who = assumableLabel(role);
    for (const g of graph.grantsOf(role.node)) {
        const src = g.source;
        const subjects = [{ urn: g.holder.urn, name: g.holder.name }, { urn: "", name: role.node.name }];
        if (src.kind === "unknown") {
            judge.unknown(g.holder, src.error);
        } else if (src.kind === "external" || src.kind === "managed-missing") {
            const { kind, fix } = ATTACHED[src.kind];
            judge.report({
                urn: role.resource.urn,
                subjects: [...subjects, { urn: "", name: src.arn }],
                what: `${who} is attached ${src.arn} through ${g.via}, ${kind}`,
                why: WHY,
                fix,
            });
        } else if (!src.parsed.ok) {
            judge.report({
                urn: role.resource.urn,
                subjects,
                what: `${who} receives a policy document that cannot be parsed through ${g.via}: ${src.parsed.reason}`,
                why: WHY,
                fix: `give ${label(g.holder)} valid IAM policy JSON`,
            });
        }
    }
}

/** The rule. */
export const iamRolePoliciesReadable = defineRule({
    name: "iam-role-policies-readable",
    description: "A role a user can assume holds only policies the pack can read: customer policies the stack defines, known AWS managed policies, valid documents.",
    enforcementLevel: "mandatory",
    // high, as the rules it serves: an unreadable policy hides what iam-data-permissions-scoped and iam-role-no-self-escalation would judge.
    severity: "high",
    details:
        "A role a user can assume holds only policies the pack can read: a customer managed policy the stack does not define, an AWS managed ARN the pack does not know, or a malformed document fails closed " +
        "(exempt a reviewed attachment, by its name, the role's or the policy's ARN, with a reason).",
    fix: "Define the role's customer managed policies in the stack, attach known AWS managed policies, or exempt a reviewed attachment with a reason.",
    config: () => ({}),
    stack: (resources, _config, judge) => {
        const graph = StackGraph.shared(resources, (r, fn) => judge.each(r, fn));
        graph.problems.filter(p => p.about === "role").forEach(p => judge.unknown(p.resource, p.error));
        for (const role of userAssumableRoles(graph, judge)) {
            judge.each(role.resource, () => checkRole(role, graph, judge));
        }
    },
});
