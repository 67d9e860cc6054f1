/**
 * Small stacks around a generated document, as the pack's host receives them: the user `alice` and
 * the path by which the document reaches her (identity paths, or the table's resource policy), or
 * the role `target` whose trust it is.
 */
import { HostResource } from "../../policypack/host";
import { ACCOUNTS, CALLERS, TABLE_ARN, TrustPolicyCase, UserPolicyCase } from "./arbitraries";

const T = {
    user: "aws:iam/user:User",
    group: "aws:iam/group:Group",
    userPolicy: "aws:iam/userPolicy:UserPolicy",
    groupPolicy: "aws:iam/groupPolicy:GroupPolicy",
    groupMembership: "aws:iam/groupMembership:GroupMembership",
    userGroupMembership: "aws:iam/userGroupMembership:UserGroupMembership",
    policy: "aws:iam/policy:Policy",
    userPolicyAttachment: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    groupPolicyAttachment: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
    policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
    role: "aws:iam/role:Role",
    tableResourcePolicy: "aws:dynamodb/resourcePolicy:ResourcePolicy",
} as const;

/** A resource of the fuzz project; `deps` become propertyDependencies. */
export function fuzzResource(type: string, name: string, props: Record<string, unknown>, deps: Record<string, HostResource[]> = {}): HostResource {
    const propertyDependencies = Object.fromEntries(Object.entries(deps).map(([k, v]) => [k, v.map(r => r.urn)]));
    return { urn: `urn:pulumi:fuzz::assume-guard::${type}::${name}`, type, name, props, propertyDependencies, dependencies: Object.values(propertyDependencies).flat() };
}

const POLICY_ARN = `arn:aws:iam::${ACCOUNTS.own}:policy/fuzz-policy`;

/** The stack in which a user-policy case's document reaches `alice`. */
export function userStack(c: UserPolicyCase): HostResource[] {
    const policy = c.asText ? JSON.stringify(c.document) : c.document;
    const alice = fuzzResource(T.user, "alice", { name: "alice", arn: CALLERS.alice });
    const group = fuzzResource(T.group, "devs", { name: "devs" });
    const managed = fuzzResource(T.policy, "fuzz-policy", { name: "fuzz-policy", policy });
    const user = c.userRef;
    // References by name only, or with the propertyDependencies the engine would record.
    const deps = (d: Record<string, HostResource[]>) => (c.withDependencies ? d : {});
    const members = fuzzResource(T.groupMembership, "devs-members", { group: "devs", users: [user] }, deps({ group: [group], users: [alice] }));
    switch (c.placement) {
        case "inline":
            return [alice, fuzzResource(T.userPolicy, "alice-inline", { user, policy }, deps({ user: [alice] }))];
        case "group-inline":
            return [alice, group, fuzzResource(T.groupPolicy, "devs-inline", { group: "devs", policy }, deps({ group: [group] })), members];
        case "user-group-membership":
            return [
                alice,
                group,
                fuzzResource(T.groupPolicy, "devs-inline", { group: "devs", policy }, deps({ group: [group] })),
                fuzzResource(T.userGroupMembership, "alice-groups", { user, groups: ["devs"] }, deps({ user: [alice], groups: [group] })),
            ];
        case "customer-attachment":
            return [alice, managed, fuzzResource(T.userPolicyAttachment, "alice-attach", { user, policyArn: POLICY_ARN }, deps({ user: [alice], policyArn: [managed] }))];
        case "policy-attachment":
            return [alice, managed, fuzzResource(T.policyAttachment, "attach", { name: "attach", users: [user], policyArn: POLICY_ARN }, deps({ users: [alice], policyArn: [managed] }))];
        case "group-attachment":
            return [alice, group, managed, fuzzResource(T.groupPolicyAttachment, "devs-attach", { group: "devs", policyArn: POLICY_ARN }, deps({ group: [group], policyArn: [managed] })), members];
        case "table-resource-policy":
            return [alice, fuzzResource(T.tableResourcePolicy, "items-policy", { resourceArn: TABLE_ARN, policy })];
    }
}

/** The role `target` of the own account. */
export const TARGET_ROLE_ARN = `arn:aws:iam::${ACCOUNTS.own}:role/target`;

/** The stack holding a trust-policy case: one role. */
export function trustStack(c: TrustPolicyCase): HostResource[] {
    return [fuzzResource(T.role, "target", { name: "target", assumeRolePolicy: c.asText ? JSON.stringify(c.document) : c.document, maxSessionDuration: 3600 })];
}
