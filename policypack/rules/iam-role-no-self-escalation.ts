/**
 * iam-role-no-self-escalation: a role a user can assume (lib/assumable.ts) cannot give itself more
 * than it holds: no `iam:PutRolePolicy`, `iam:AttachRolePolicy`, `iam:UpdateAssumeRolePolicy` or
 * boundary change on itself (its ARN, `*`, or a pattern matching it), no new default version of a
 * managed policy attached to it, no `iam:PassRole` on any role together with an action that runs
 * the passed role (lib/escalation.ts: the set and its sources). Whoever holds a leaked key that
 * reaches such a role holds the whole account. A role holding full access (`*`, `NotAction`,
 * AdministratorAccess) is judged by its trust instead (iam-data-permissions-scoped and the advisory
 * iam-role-full-access-review: MFA and a network condition).
 */
import { accountFacts } from "../lib/account";
import { AssumableRole, assumableLabel, userAssumableRoles } from "../lib/assumable";
import { HeldStatement, selfEscalations } from "../lib/escalation";
import { StackGraph } from "../lib/graph";
import { isAwsManagedArn } from "../lib/managed";
import { defineRule, Judge, RuleResource } from "../lib/rule";
import { fullAccessRoles } from "../lib/scoping";
import { readProp } from "../lib/values";

const NO_CONFIG = { ownAccounts: [], ownOrganizationIds: [] };

/** The resource's ARN, read or built from its name, path and account facts (`*` for what is not known). */
function arnOf(r: RuleResource, kind: "role" | "policy"): string {
    const text = (key: string) => {
        const read = readProp(r.props, key);
        return read.known && typeof read.value === "string" && read.value !== "" ? read.value : undefined;
    };
    const own = text("arn");
    if (own) {
        return own;
    }
    const account = accountFacts(r, NO_CONFIG).account ?? "*";
    return `arn:*:iam::${account}:${kind}${text("path") ?? "/"}${text("name") ?? r.name}`;
}

function checkRole(role: AssumableRole, graph: StackGraph, byUrn: ReadonlyMap<string, RuleResource>, judge: Judge): void {
    const grants = graph.grantsOf(role.node);
    const held: HeldStatement[] = grants.flatMap(g => (g.source.kind === "parsed" && g.source.parsed.ok ? g.source.parsed.document.statements.map(statement => ({ statement, via: g.via })) : []));
    const attachedPolicies = grants.flatMap(g => {
        const key = g.attached;
        if (key === undefined || isAwsManagedArn(key)) {
            return []; // AWS managed policies cannot be given new versions
        }
        const policy = byUrn.get(key);
        return [policy ? arnOf(policy, "policy") : key];
    });
    const found = selfEscalations(held, { role: arnOf(role.resource, "role"), attachedPolicies });
    if (found.length > 0) {
        judge.report({
            urn: role.resource.urn,
            subjects: grants.map(g => ({ urn: g.holder.urn, name: g.holder.name })),
            what: `${assumableLabel(role)} can raise its own privileges: ${found.join("; ")}`,
            why: "A leaked key that reaches this role then reaches everything in the account, whatever the role was meant to touch",
            fix: "remove these actions from the role, or name only other roles' and policies' ARNs that are not the role's own in their Resource",
        });
    }
}

/** The rule. */
export const iamRoleNoSelfEscalation = defineRule({
    name: "iam-role-no-self-escalation",
    description: "A role a user can assume cannot change its own policies, trust or boundary, rewrite a policy attached to it, or pass any role to compute it controls.",
    enforcementLevel: "mandatory",
    // high, as iam-data-permissions-scoped: the key must still pass the role's trust conditions; critical is kept for what the key alone reaches.
    severity: "high",
    details:
        "A role a user can assume cannot raise its own privileges: no `iam:PutRolePolicy`, `AttachRolePolicy`, `UpdateAssumeRolePolicy` or permissions-boundary change on itself (its ARN, `*`, or a pattern matching it), " +
        "no new version of a policy attached to it, no `iam:PassRole` on any role with an action that runs it (`lambda:CreateFunction`, `ec2:RunInstances`, …). `iam:*` and `*` count; a full-access role is judged by its trust instead.",
    fix: "Remove iam:PutRolePolicy, AttachRolePolicy, UpdateAssumeRolePolicy, boundary changes, policy-version changes and iam:PassRole on * from roles users can assume.",
    related: [
        {
            control: "aws-fsbp:IAM.1",
            whyNot: 'IAM.1 fails a customer managed policy that allows "*" on "*"; this rule fails the narrower grants that let a role a user can assume give itself that much (a policy on itself, a role passed to compute it creates), in every policy the role holds, and leaves full access itself to iam-data-permissions-scoped.',
        },
        {
            control: "aws-fsbp:IAM.21",
            whyNot: 'IAM.21 fails service-wide action wildcards such as "iam:*" in customer managed policies, whatever they reach; this rule fails the escalating IAM actions, written out or through a wildcard, only where they reach the role itself or pass a role to compute.',
        },
    ],
    config: () => ({}),
    stack: (resources, _config, judge) => {
        const graph = StackGraph.shared(resources, (r, fn) => judge.each(r, fn));
        const full = new Set(fullAccessRoles(graph, judge).map(f => f.node));
        const byUrn = new Map(resources.map(r => [r.urn, r]));
        for (const role of userAssumableRoles(graph, judge).filter(r => !full.has(r.node))) {
            judge.each(role.resource, () => checkRole(role, graph, byUrn, judge));
        }
    },
});
