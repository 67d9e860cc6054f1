/**
 * iam-user-permissions-through-groups (advisory): no IAM user holds a policy of its own. Every
 * resource that gives a user one is reported: an inline `UserPolicy`, and an attachment of any
 * managed policy, customer or AWS, to a user (`UserPolicyAttachment`, `UserPolicyAttachmentsExclusive`
 * with policies, `PolicyAttachment` naming users). What the policy allows is the user rules' concern;
 * this rule is about where it is attached, as AWS Security Hub IAM.2 and CIS 1.15 are.
 */
import { defineRule, label } from "../lib/rule";
import { readProp, referenceStrings } from "../lib/values";
import { LOCAL_USER_PATH_TYPES, userFields } from "../lib/userPaths";

/** The rule. */
export const iamUserPermissionsThroughGroups = defineRule({
    name: "iam-user-permissions-through-groups",
    description: "IAM users hold no policy of their own: no inline user policy and no managed policy attached to a user; they receive permissions through groups.",
    enforcementLevel: "advisory",
    // Security Hub rates IAM.2 low: where a policy is attached changes its reviewability, not what it allows.
    severity: "low",
    details:
        "No IAM user holds a policy of its own: every inline `UserPolicy`, and every attachment of a managed policy (customer or AWS) to a user (`UserPolicyAttachment`, `UserPolicyAttachmentsExclusive` with policies, `PolicyAttachment` naming users), is reported. " +
        "Put the policy on a group and make the user a member: `AssumeOnlyUser` does so by default (`grantVia: \"group\"`). What the policy allows is judged by the user rules, whichever way it is attached.",
    strict: { enforcementLevel: "mandatory" },
    fix: "Attach the policy to a group and make the user a member (AssumeOnlyUser: grantVia \"group\", the default).",
    compliance: [
        {
            control: "aws-fsbp:IAM.2",
            why: "IAM.2 (AWS Config rule iam-user-no-policies-check) fails every IAM user with an inline or managed policy attached to it: users must inherit permissions from groups or roles. The rule reports each resource of the stack that attaches one to a user; a user whose policies come from its groups passes both.",
        },
        {
            control: "cis-aws:1.15",
            why: "Security Hub checks CIS 1.15 through IAM.2. CIS recommends a group with an attached (managed) policy, the form AssumeOnlyUser uses; a group's inline policy passes IAM.2 and this rule too.",
        },
    ],
    config: () => ({}),
    resource: {
        types: LOCAL_USER_PATH_TYPES,
        check: (r, _config, judge) => {
            const [userField, policies] = userFields(r.type);
            const users = readProp(r.props, userField);
            const attached = typeof policies === "string" ? readProp(r.props, policies) : undefined;
            for (const read of [users, attached]) {
                if (read && !read.known) {
                    judge.unknown(r, read.error);
                    return;
                }
            }
            // An exclusive attachment of no policies attaches nothing: it is what the control asks for.
            if (attached?.known && Array.isArray(attached.value) && attached.value.length === 0) {
                return;
            }
            const how = typeof policies === "string" ? "attached by" : "held inline in";
            for (const user of users.known ? referenceStrings(users.value).values : []) {
                judge.report({
                    urn: r.urn,
                    subjects: [{ urn: "", name: user }],
                    what: `IAM user '${user}' holds a policy of its own, ${how} ${label(r)}`,
                    why: "A policy on one user is reviewed, and forgotten, user by user; AWS Security Hub IAM.2 and CIS 1.15 expect users to receive permissions only through groups",
                    fix: "attach the policy to a group and make the user a member (AssumeOnlyUser does so by default, grantVia \"group\")",
                });
            }
        },
    },
});
