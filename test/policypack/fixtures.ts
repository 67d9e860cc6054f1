/**
 * Test fixtures for the pack: resources as the runtime hands them over, a hand-written "good stack"
 * (an assume-only user, a role trusted only from the office network, a table-scoped role policy, a
 * protected table), and helpers that change one thing in it.
 */
import { HostResource } from "../../policypack/host";

/** The stack's own account, and a vendor's. */
export const ACCOUNT = "111111111111";
export const VENDOR = "222222222222";

/** The office network the good stack trusts. */
export const OFFICE = "198.51.100.0/24";

/** The runtime's sentinel for a string unknown during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The runtime's sentinel for a list unknown during preview. */
export const UNKNOWN_ARRAY = "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2";

/** A URN in the test project. */
export function urn(type: string, name: string): string {
    return `urn:pulumi:dev::assume-guard::${type}::${name}`;
}

/** The stack's default AWS provider: it deploys into {@link ACCOUNT} only. */
export const DEFAULT_PROVIDER: NonNullable<HostResource["provider"]> = {
    urn: "urn:pulumi:dev::assume-guard::pulumi:providers:aws::default",
    type: "pulumi:providers:aws",
    name: "default",
    props: { region: "eu-west-1", allowedAccountIds: [ACCOUNT] },
};

/** A resource of `type` named `name`. `deps` become propertyDependencies (field → resource names). */
export function resource(type: string, name: string, props: Record<string, unknown>, deps: Record<string, HostResource[]> = {}, provider?: HostResource["provider"]): HostResource {
    const propertyDependencies = Object.fromEntries(Object.entries(deps).map(([k, v]) => [k, v.map(r => r.urn)]));
    return { urn: urn(type, name), type, name, props, propertyDependencies, dependencies: Object.values(propertyDependencies).flat(), ...(provider ? { provider } : {}) };
}

/** A resource deployed by {@link DEFAULT_PROVIDER}, as the good stack's are. */
export function deployed(type: string, name: string, props: Record<string, unknown>, deps: Record<string, HostResource[]> = {}): HostResource {
    return resource(type, name, props, deps, DEFAULT_PROVIDER);
}

/** Short constructors for the types the pack reads. */
export const T = {
    user: "aws:iam/user:User",
    userPolicy: "aws:iam/userPolicy:UserPolicy",
    userPolicyAttachment: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    userPolicyAttachmentsExclusive: "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
    policy: "aws:iam/policy:Policy",
    policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
    group: "aws:iam/group:Group",
    groupMembership: "aws:iam/groupMembership:GroupMembership",
    userGroupMembership: "aws:iam/userGroupMembership:UserGroupMembership",
    groupPolicy: "aws:iam/groupPolicy:GroupPolicy",
    groupPolicyAttachment: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    accessKey: "aws:iam/accessKey:AccessKey",
    table: "aws:dynamodb/table:Table",
    tableResourcePolicy: "aws:dynamodb/resourcePolicy:ResourcePolicy",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    provider: "pulumi:providers:aws",
} as const;

/** ARNs of the good stack. */
export const ARN = {
    user: `arn:aws:iam::${ACCOUNT}:user/app-user`,
    role: `arn:aws:iam::${ACCOUNT}:role/app-role`,
    table: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/items`,
};

/** The assume-only user's policy: AssumeRole on the role, Deny outside the office except via AWS services. */
export function assumeOnlyPolicy(): Record<string, unknown> {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "AssumeGuardedRoles", Effect: "Allow", Action: "sts:AssumeRole", Resource: ARN.role },
            {
                Sid: "DenyOutsideAllowedNetworks",
                Effect: "Deny",
                Action: "*",
                Resource: "*",
                Condition: { NotIpAddress: { "aws:SourceIp": [OFFICE] }, Bool: { "aws:ViaAWSService": "false" } },
            },
        ],
    };
}

/** The role's trust: the user, from the office network. */
export function trustPolicy(condition: Record<string, unknown> = { IpAddress: { "aws:SourceIp": [OFFICE] } }, principal: unknown = { AWS: ARN.user }): Record<string, unknown> {
    return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", Condition: condition }] };
}

/** The role's data permissions: items of one table and its indexes, plus ListTables. */
export function tablePolicy(): Record<string, unknown> {
    return {
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:PutItem"], Resource: [ARN.table, `${ARN.table}/index/*`] },
            { Effect: "Allow", Action: "dynamodb:ListTables", Resource: "*" },
        ],
    };
}

/**
 * The good stack: every mandatory rule passes, and every advisory but iam-user-permissions-through-groups:
 * the user holds its assume-only policy inline, the path most user-rule tests edit. {@link compliantStack}
 * gives it through a group, and passes every rule.
 */
export function goodStack(): HostResource[] {
    const user = deployed(T.user, "app-user", { name: "app-user", path: "/" });
    const role = deployed(T.role, "app-role", { name: "app-role", assumeRolePolicy: JSON.stringify(trustPolicy()), maxSessionDuration: 3600 });
    return [
        resource(T.provider, "default", DEFAULT_PROVIDER.props),
        user,
        deployed(T.userPolicy, "app-user-assume", { user: "app-user", policy: JSON.stringify(assumeOnlyPolicy()) }, { user: [user] }),
        deployed(T.accessKey, "app-user-key", { user: "app-user" }, { user: [user] }),
        role,
        deployed(T.rolePolicy, "app-role-items", { role: "app-role", policy: JSON.stringify(tablePolicy()) }, { role: [role] }),
        deployed(T.table, "items", { name: "items", pointInTimeRecovery: { enabled: true }, deletionProtectionEnabled: true }),
    ];
}

/** The good stack with the user's policy held as AssumeOnlyUser holds it by default: a customer managed policy attached to a group the user is a member of. Every rule passes. */
export function compliantStack(): HostResource[] {
    const stack = goodStack().filter(r => r.name !== "app-user-assume");
    const user = stack.find(r => r.name === "app-user") as HostResource;
    const group = deployed(T.group, "app-user-group", { name: "app-user-assume-only", path: "/" });
    const policy = deployed(T.policy, "app-user-assume", { name: "app-user-assume-only", path: "/", policy: JSON.stringify(assumeOnlyPolicy()) });
    return [
        ...stack,
        group,
        policy,
        deployed(T.groupPolicyAttachment, "app-user-attach", { group: "app-user-assume-only", policyArn: `arn:aws:iam::${ACCOUNT}:policy/app-user-assume-only` }, { group: [group], policyArn: [policy] }),
        deployed(T.userGroupMembership, "app-user-membership", { user: "app-user", groups: ["app-user-assume-only"] }, { user: [user], groups: [group] }),
    ];
}

/** The stack with the props of resource `name` changed by `patch` (a copy; the stack is not mutated). */
export function withProps(stack: readonly HostResource[], name: string, patch: Record<string, unknown>): HostResource[] {
    if (!stack.some(r => r.name === name)) {
        throw new Error(`no resource ${name} in the stack`);
    }
    return stack.map(r => (r.name === name ? { ...r, props: { ...r.props, ...patch } } : r));
}

/** A policy document with one statement. */
export function doc(statement: Record<string, unknown>): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
}
