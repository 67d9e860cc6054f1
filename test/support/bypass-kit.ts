/**
 * What the bypass corpus's cases are made of (test/support/bypass-cases.ts and its round-two files):
 * the accounts and ARNs, a legitimate base stack (an assume-only user, a role trusting it from the
 * office, one scoped table), and helpers that add to it.
 */
export const ACCOUNT = "123456789012";
export const VENDOR = "210987654321";
export const OFFICE = "198.51.100.0/24";
export const USER = `arn:aws:iam::${ACCOUNT}:user/app-user`;
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/app-role`;
export const TABLE = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/items`;
export const PREFIX = "urn:pulumi:corpus::corpus::";

export type Props = Record<string, unknown>;

/** One resource of a case, before it becomes an export entry. */
export interface Res {
    readonly type: string;
    readonly name: string;
    readonly props: Props;
    readonly deps?: Record<string, string[]>;
    /** The name of the case's provider resource that deploys it; the stack's default provider when absent. */
    readonly provider?: string;
}

/** A corpus case: what it is, what it must trigger, and its resources. */
export interface BypassCase {
    readonly name: string;
    readonly description: string;
    /** The mandatory rules that must fire; empty for a legitimate pattern. */
    readonly mustFire: readonly string[];
    readonly resources: readonly Res[];
    /** A `--policy-pack-config` the case is judged under, when it needs settings. */
    readonly config?: Record<string, Record<string, unknown>>;
}

export const T = {
    user: "aws:iam/user:User",
    userPolicy: "aws:iam/userPolicy:UserPolicy",
    userAttach: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    group: "aws:iam/group:Group",
    groupPolicy: "aws:iam/groupPolicy:GroupPolicy",
    groupAttach: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
    membership: "aws:iam/groupMembership:GroupMembership",
    userGroups: "aws:iam/userGroupMembership:UserGroupMembership",
    policy: "aws:iam/policy:Policy",
    attachment: "aws:iam/policyAttachment:PolicyAttachment",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    roleAttach: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    table: "aws:dynamodb/table:Table",
    tablePolicy: "aws:dynamodb/resourcePolicy:ResourcePolicy",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
};

export const urnOf = (type: string, name: string) => `${PREFIX}${type}::${name}`;
export const doc = (...Statement: Props[]) => JSON.stringify({ Version: "2012-10-17", Statement });
export const assume = { Effect: "Allow", Action: "sts:AssumeRole", Resource: ROLE };
export const trust = (Condition?: Props, Principal: unknown = { AWS: USER }, extra: Props = {}) =>
    doc({ Effect: "Allow", Principal, Action: "sts:AssumeRole", ...(Condition ? { Condition } : {}), ...extra });
export const grant = (Action: unknown, Resource: unknown = [TABLE, `${TABLE}/index/*`]) => doc({ Effect: "Allow", Action, Resource });

/** The legitimate base: an assume-only user, a role trusting it from the office, one scoped table. */
export function base(over: { userPolicy?: unknown; trust?: unknown; rolePolicy?: unknown } = {}): Res[] {
    const user = urnOf(T.user, "app-user");
    const role = urnOf(T.role, "app-role");
    return [
        { type: T.user, name: "app-user", props: { name: "app-user", path: "/", arn: USER } },
        { type: T.userPolicy, name: "app-user-assume", props: { user: "app-user", name: "assume-only", policy: over.userPolicy ?? doc(assume) }, deps: { user: [user] } },
        { type: T.role, name: "app-role", props: { name: "app-role", arn: ROLE, maxSessionDuration: 3600, assumeRolePolicy: over.trust ?? trust({ IpAddress: { "aws:SourceIp": OFFICE } }) }, deps: { assumeRolePolicy: [user] } },
        { type: T.table, name: "items", props: { name: "items", arn: TABLE, pointInTimeRecovery: { enabled: true }, deletionProtectionEnabled: true } },
        { type: T.rolePolicy, name: "app-role-items", props: { role: "app-role", name: "items", policy: over.rolePolicy ?? grant(["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"]) }, deps: { role: [role] } },
    ];
}

export const DATA = "iam-user-no-direct-data-access";
export const ONLY = "iam-user-assume-only";
export const TRUST = "iam-role-trust-requires-conditions";
export const XACCT = "iam-role-cross-account-external-id";
export const SCOPED = "iam-data-permissions-scoped";

export const userData = (name: string, description: string, statement: Props): BypassCase => ({
    name,
    description,
    mustFire: [DATA, ONLY],
    resources: base({ userPolicy: doc(assume, statement) }),
});
export const badTrust = (name: string, description: string, trustDoc: string, mustFire: string[] = [TRUST]): BypassCase => ({ name, description, mustFire, resources: base({ trust: trustDoc }) });
export const extra = (name: string, description: string, mustFire: string[], more: Res[], over: Parameters<typeof base>[0] = {}): BypassCase => ({
    name,
    description,
    mustFire,
    resources: [...base(over), ...more],
});
export const u = urnOf(T.user, "app-user");

