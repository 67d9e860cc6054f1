/**
 * Synthetic stacks for benchmarks: a realistic mix of IAM and data resources, wired the way the
 * components wire them (users with assume-only policies and keys, conditioned roles with table
 * grants, tables, groups with memberships from both sides, customer managed policies with
 * attachments, DynamoDB resource policies), as a `pulumi stack export` (deployment version 3).
 */

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const PROVIDER_URN = "urn:pulumi:bench::bench::pulumi:providers:aws::default";
const PROVIDER_REF = `${PROVIDER_URN}::04da6b54-80e4-46f7-96ec-b56ff0331ba9`;

/** One resource of a version-3 stack export. */
export interface ExportedResource {
    urn: string;
    custom: boolean;
    id?: string;
    type: string;
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
    parent?: string;
    provider?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
}

/** A version-3 stack export. */
export interface StackExport {
    version: 3;
    deployment: { manifest: Record<string, unknown>; resources: ExportedResource[] };
}

const urn = (type: string, name: string) => `urn:pulumi:bench::bench::${type}::${name}`;

/** A stack export of about `count` resources (rounded to whole units of the mix). */
export function syntheticExport(count: number): StackExport {
    const stackUrn = urn("pulumi:pulumi:Stack", "bench-bench");
    const resources: ExportedResource[] = [
        { urn: stackUrn, custom: false, type: "pulumi:pulumi:Stack", inputs: {}, outputs: {} },
        { urn: PROVIDER_URN, custom: true, id: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", type: "pulumi:providers:aws", inputs: { region: REGION }, outputs: { region: REGION }, parent: stackUrn },
    ];
    const add = (type: string, name: string, props: Record<string, unknown>, deps: Record<string, string[]> = {}) => {
        const r: ExportedResource = {
            urn: urn(type, name),
            custom: true,
            id: name,
            type,
            inputs: props,
            outputs: props,
            parent: stackUrn,
            provider: PROVIDER_REF,
            dependencies: [...new Set(Object.values(deps).flat())],
            propertyDependencies: deps,
        };
        resources.push(r);
        return r.urn;
    };
    for (let i = 0; resources.length < count; i++) {
        const user = `user-${i}`;
        const role = `role-${i}`;
        const table = `table-${i}`;
        const roleArn = `arn:aws:iam::${ACCOUNT}:role/${role}`;
        const userArn = `arn:aws:iam::${ACCOUNT}:user/${user}`;
        const tableArn = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${table}`;
        const userUrn = add("aws:iam/user:User", user, { name: user, path: "/", arn: userArn });
        add("aws:iam/userPolicy:UserPolicy", `${user}-assume`, { user, name: "assume-only", policy: assumeOnly(roleArn) }, { user: [userUrn] });
        add("aws:iam/accessKey:AccessKey", `${user}-key`, { user, status: "Active", secret: secret(`${user}-secret`) }, { user: [userUrn] });
        const roleUrn = add(
            "aws:iam/role:Role",
            role,
            { name: role, path: "/", arn: roleArn, maxSessionDuration: 3600, assumeRolePolicy: trust(userArn) },
            { assumeRolePolicy: [userUrn] },
        );
        const tableUrn = add("aws:dynamodb/table:Table", table, {
            name: table,
            arn: tableArn,
            billingMode: "PAY_PER_REQUEST",
            hashKey: "pk",
            attributes: [{ name: "pk", type: "S" }],
            pointInTimeRecovery: { enabled: true },
            deletionProtectionEnabled: true,
            serverSideEncryption: { enabled: true },
        });
        add("aws:iam/rolePolicy:RolePolicy", `${role}-grant`, { role, name: `${table}-readwrite`, policy: grant(tableArn) }, { role: [roleUrn], policy: [tableUrn] });
        if (i % 5 === 0) {
            const group = `group-${i}`;
            const groupUrn = add("aws:iam/group:Group", group, { name: group, path: "/", arn: `arn:aws:iam::${ACCOUNT}:group/${group}` });
            add("aws:iam/groupMembership:GroupMembership", `${group}-members`, { name: `${group}-members`, group, users: [user] }, { group: [groupUrn], users: [userUrn] });
            add("aws:iam/userGroupMembership:UserGroupMembership", `${user}-groups`, { user, groups: [group] }, { user: [userUrn], groups: [groupUrn] });
            add("aws:iam/groupPolicy:GroupPolicy", `${group}-assume`, { group, name: "assume-only", policy: assumeOnly(roleArn) }, { group: [groupUrn] });
        }
        if (i % 10 === 0) {
            const policy = `policy-${i}`;
            const policyArn = `arn:aws:iam::${ACCOUNT}:policy/${policy}`;
            const policyUrn = add("aws:iam/policy:Policy", policy, { name: policy, path: "/", arn: policyArn, policy: grant(tableArn) });
            add("aws:iam/policyAttachment:PolicyAttachment", `${policy}-attach`, { name: `${policy}-attach`, roles: [role], policyArn }, { roles: [roleUrn], policyArn: [policyUrn] });
            add("aws:iam/rolePolicyAttachment:RolePolicyAttachment", `${role}-managed`, { role, policyArn: "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess" }, { role: [roleUrn] });
            add("aws:dynamodb/resourcePolicy:ResourcePolicy", `${table}-policy`, { resourceArn: tableArn, policy: tablePolicy(tableArn, roleArn) }, { resourceArn: [tableUrn] });
        }
    }
    return { version: 3, deployment: { manifest: { time: "2026-11-23T00:00:00Z", magic: "bench", version: "v3.248.0" }, resources } };
}

/** A user policy allowing only sts:AssumeRole on `roleArn`, denying everything outside one network. */
export function assumeOnly(roleArn: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "AssumeGuardedRoles", Effect: "Allow", Action: "sts:AssumeRole", Resource: roleArn },
            {
                Sid: "DenyOutsideAllowedNetworks",
                Effect: "Deny",
                Action: "*",
                Resource: "*",
                Condition: { NotIpAddress: { "aws:SourceIp": "198.51.100.0/24" }, Bool: { "aws:ViaAWSService": "false" } },
            },
        ],
    });
}

/** A trust admitting `userArn` from one network. */
export function trust(userArn: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { AWS: userArn }, Action: "sts:AssumeRole", Condition: { IpAddress: { "aws:SourceIp": "198.51.100.0/24" } } }],
    });
}

/** Read and write on one table and its indexes. */
export function grant(tableArn: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"], Resource: [tableArn, `${tableArn}/index/*`] }],
    });
}

/** A table resource policy admitting `roleArn` to read items. */
export function tablePolicy(tableArn: string, roleArn: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { AWS: roleArn }, Action: "dynamodb:GetItem", Resource: tableArn }],
    });
}

function secret(value: string): Record<string, string> {
    return { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: Buffer.from(value).toString("base64") };
}
