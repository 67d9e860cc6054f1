/**
 * iam-role-full-access-review (advisory): lists the roles that hold full access (DynamoDB data and
 * more through `*` or `NotAction`) behind a trust that requires MFA and a network condition. They
 * pass iam-data-permissions-scoped; this keeps them visible in every report so that full access
 * stays deliberate.
 */
import { summarise } from "../lib/actions";
import { StackGraph } from "../lib/graph";
import { bindingOptions, NETWORK_SETTINGS } from "../lib/conditions";
import { defineRule } from "../lib/rule";
import { fullAccessRoles } from "../lib/scoping";

/** The rule. */
export const iamRoleFullAccessReview = defineRule({
    name: "iam-role-full-access-review",
    description: "Roles holding full access behind MFA and a network condition are listed for review.",
    enforcementLevel: "advisory",
    severity: "low",
    details: "Reports each role that holds full access (`*`, `NotAction`, AdministratorAccess) behind a trust requiring MFA and a network condition, so that full access stays deliberate. Such roles pass `iam-data-permissions-scoped`.",
    fix: "Confirm the role is meant to hold full access, or scope its permissions.",
    related: [
        {
            control: "aws-fsbp:IAM.1",
            whyNot: 'IAM.1 fails every customer managed policy that allows "*" on "*"; this rule reports roles holding full access by any policy, for review, and only when their trust is guarded.',
        },
        {
            control: "cis-aws:1.16",
            whyNot: 'CIS 1.16 asks that no policy allowing "*:*" be attached; this rule lists the guarded roles that hold one for review rather than forbidding them.',
        },
    ],
    settings: NETWORK_SETTINGS,
    config: s => ({ binding: bindingOptions(s) }),
    stack: (resources, config, judge) => {
        const graph = StackGraph.shared(resources, (r, fn) => judge.each(r, fn));
        for (const role of fullAccessRoles(graph, judge, config.binding)) {
            if (role.trust.kind === "guarded" && role.node.resource) {
                judge.report({
                    urn: role.node.resource.urn,
                    what: `Role '${role.node.name}' holds full access through ${summarise(role.paths, 2)}; its trust requires MFA and a network condition`,
                    why: "Whoever assumes it can read and change every table and bucket in the account",
                    fix: "confirm the role is meant to hold full access and keep its session short, or grant table-scoped permissions instead",
                });
            }
        }
    },
});
