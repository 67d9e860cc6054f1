/**
 * Rows of the resource model (resourceTypes.ts) for IAM itself: the principals, customer managed
 * policies, inline policies, every attachment and exclusive-attachment type, and group membership
 * from either side. ARN shapes as in the Service Authorization Reference (service `iam`).
 */
import type { PrincipalKind, ResourceTypeModel } from "./resourceTypes";

const SHAPES = {
    user: "arn:${Partition}:iam::${Account}:user/${UserNameWithPath}",
    group: "arn:${Partition}:iam::${Account}:group/${GroupNameWithPath}",
    role: "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}",
    policy: "arn:${Partition}:iam::${Account}:policy/${PolicyNameWithPath}",
} as const;

const arnOf = (kind: keyof typeof SHAPES) => ({ service: "iam", resourceType: kind, shape: SHAPES[kind] });

function principal(type: string, kind: PrincipalKind, extra: Partial<ResourceTypeModel> = {}): ResourceTypeModel {
    return { type, provider: "aws", principal: kind, arnFields: [{ prop: "arn", form: "arn" }], arn: arnOf(kind), ...extra };
}

function inline(type: string, kind: PrincipalKind, prop: string): ResourceTypeModel {
    return { type, provider: "aws", documents: [{ prop: "policy", role: "identity", to: { kind, prop } }], arnFields: [], arn: arnOf(kind) };
}

function attachment(type: string, links: readonly { kind: PrincipalKind; prop: string; arns: string }[]): ResourceTypeModel {
    return { type, provider: "aws", attachments: links.map(l => ({ to: { kind: l.kind, prop: l.prop }, arns: l.arns })), arnFields: [], arn: arnOf("policy") };
}

/** The IAM rows. */
export const IAM_TYPES: readonly ResourceTypeModel[] = [
    principal("aws:iam/user:User", "user"),
    principal("aws:iam/group:Group", "group"),
    principal("aws:iam/role:Role", "role", {
        documents: [
            { prop: "assumeRolePolicy", role: "trust" },
            { prop: "inlinePolicies", each: "policy", role: "identity", to: { kind: "role", self: true } },
        ],
        attachments: [{ to: { kind: "role", self: true }, arns: "managedPolicyArns" }],
    }),
    { type: "aws:iam/policy:Policy", provider: "aws", customerPolicy: true, documents: [{ prop: "policy", role: "identity" }], arnFields: [{ prop: "arn", form: "arn" }], arn: arnOf("policy") },
    inline("aws:iam/userPolicy:UserPolicy", "user", "user"),
    inline("aws:iam/groupPolicy:GroupPolicy", "group", "group"),
    inline("aws:iam/rolePolicy:RolePolicy", "role", "role"),
    attachment("aws:iam/userPolicyAttachment:UserPolicyAttachment", [{ kind: "user", prop: "user", arns: "policyArn" }]),
    attachment("aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive", [{ kind: "user", prop: "userName", arns: "policyArns" }]),
    attachment("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", [{ kind: "group", prop: "group", arns: "policyArn" }]),
    attachment("aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive", [{ kind: "group", prop: "groupName", arns: "policyArns" }]),
    attachment("aws:iam/rolePolicyAttachment:RolePolicyAttachment", [{ kind: "role", prop: "role", arns: "policyArn" }]),
    attachment("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", [{ kind: "role", prop: "roleName", arns: "policyArns" }]),
    attachment("aws:iam/policyAttachment:PolicyAttachment", [
        { kind: "user", prop: "users", arns: "policyArn" },
        { kind: "group", prop: "groups", arns: "policyArn" },
        { kind: "role", prop: "roles", arns: "policyArn" },
    ]),
    { type: "aws:iam/groupMembership:GroupMembership", provider: "aws", membership: { users: "users", groups: "group" }, arnFields: [], arn: arnOf("group") },
    { type: "aws:iam/userGroupMembership:UserGroupMembership", provider: "aws", membership: { users: "user", groups: "groups" }, arnFields: [], arn: arnOf("group") },
];
