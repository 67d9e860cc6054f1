/**
 * E1's synthetic stacks, as the engine describes them to an analyzer during `pulumi preview` of a
 * stack that exists (docs/engine-protocol.md §2): each resource's inputs for `Remediate`/`Analyze`,
 * in registration order, and its outputs, parent and dependencies for `AnalyzeStack`. Every custom
 * resource carries the default provider as the engine attaches it (URN, type, name, its inputs).
 *
 * A unit is what one tenant of an application owns, under a component: the IAM and DynamoDB mix of
 * B4 (bench/synthetic.ts: an assume-only user with a key, a conditioned role with a table grant,
 * groups, managed policies and attachments, table resource policies), plus a bucket with a bucket
 * policy and the role's prefix grant (every 2nd unit), a Lambda function with its execution role,
 * managed and inline policies and an S3 invoke permission (every 4th), and a security group with an
 * ingress rule (every 4th). Outputs have the fields @pulumi/aws 7 gives them (arn, id, tags, …);
 * secrets are in the engine's wire form, `{"4dabf18193072939515e22adb298388d": "1b47…", value}`:
 * an access key's secret, a function's environment (secret as a whole in its outputs, as the
 * engine marks an output secret when its input was).
 *
 * Access keys' outputs carry no `id`: awsguard's access-keys-rotated calls IAM ListAccessKeys for
 * every active key with one, which needs AWS. A real preview pays that call per key; this bench
 * does not, which favours awsguard.
 */
import { HostResource } from "../policypack/host";
import { assumeOnly, grant, tablePolicy, trust } from "./synthetic";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const PREFIX = "urn:pulumi:bench::bench::";
const STACK_URN = `${PREFIX}pulumi:pulumi:Stack::bench-bench`;
const PROVIDER_NAME = "default_7_48_0";
const PROVIDER_URN = `${PREFIX}pulumi:providers:aws::${PROVIDER_NAME}`;
const PROVIDER_INPUTS = { region: REGION, skipCredentialsValidation: "false", skipRegionValidation: "true", version: "7.48.0" };
const PROVIDER = { urn: PROVIDER_URN, type: "pulumi:providers:aws", name: PROVIDER_NAME, props: PROVIDER_INPUTS };
const TENANT = "bench:app:Tenant";
const SIG = "4dabf18193072939515e22adb298388d";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";

/** One stack as the engine sends it. */
export interface EngineStack {
    /** What `Remediate` and `Analyze` receive, one request per resource, in this order: the inputs. */
    readonly analyze: HostResource[];
    /** What `AnalyzeStack` receives: the outputs, with parent and dependencies. */
    readonly stack: HostResource[];
}

/** A value marked secret, as the engine sends it. */
function secret(value: unknown): Record<string, unknown> {
    return { [SIG]: "1b47061264138c4ac30d75fd1eb44270", value };
}

const TAGS = { team: "platform", "cost-center": "1234" };

/** Adds resources to both views, each URN naming its parents' types as the engine's do. */
class Builder {
    public readonly analyze: HostResource[] = [];
    public readonly stack: HostResource[] = [];
    private readonly chains = new Map<string, string>();

    /** A resource: its inputs, the outputs the provider adds, its parent and the URNs its inputs came from. */
    public add(type: string, name: string, inputs: Record<string, unknown>, computed: Record<string, unknown>, parent?: string, deps: Record<string, string[]> = {}): string {
        const chain = parent === undefined ? type : `${this.chains.get(parent)}$${type}`;
        const urn = `${PREFIX}${chain}::${name}`;
        this.chains.set(urn, chain);
        const custom = !type.startsWith("pulumi:") && type !== TENANT;
        const common = { urn, type, name, ...(parent ? { parent } : {}), ...(custom ? { provider: PROVIDER } : {}) };
        this.analyze.push({ ...common, props: inputs });
        const dependencies = [...new Set(Object.values(deps).flat())];
        this.stack.push({ ...common, props: { ...inputs, ...computed }, dependencies, propertyDependencies: deps });
        return urn;
    }
}

const arn = (service: string, resource: string, region = REGION) => `arn:aws:${service}:${region}:${ACCOUNT}:${resource}`;
const iamArn = (resource: string) => `arn:aws:iam::${ACCOUNT}:${resource}`;
const inline = (id: string, name: string) => ({ id, namePrefix: "", name });
const tagged = (id: string, extra: Record<string, unknown> = {}) => ({ id, tags: TAGS, tagsAll: TAGS, ...extra });

/** About `count` resources (whole units). */
export function engineStack(count: number): EngineStack {
    const b = new Builder();
    b.add("pulumi:pulumi:Stack", "bench-bench", {}, {});
    b.add("pulumi:providers:aws", PROVIDER_NAME, PROVIDER_INPUTS, {});
    for (let i = 0; b.analyze.length < count; i++) {
        unit(b, i);
    }
    return { analyze: b.analyze, stack: b.stack };
}

function unit(b: Builder, i: number): void {
    const tenant = b.add(TENANT, `tenant-${i}`, {}, {}, STACK_URN);
    const [user, role, table] = [`user-${i}`, `role-${i}`, `table-${i}`];
    const [userArn, roleArn, tableArn] = [iamArn(`user/${user}`), iamArn(`role/${role}`), arn("dynamodb", `table/${table}`)];
    const userUrn = b.add("aws:iam/user:User", user, { forceDestroy: false, name: user, path: "/" }, { arn: userArn, permissionsBoundary: "", uniqueId: `AIDA${i}`, ...tagged(user) }, tenant);
    b.add("aws:iam/userPolicy:UserPolicy", `${user}-assume`, { name: "assume-only", policy: assumeOnly(roleArn), user }, inline(`${user}:assume-only`, "assume-only"), tenant, { user: [userUrn] });
    const key = { createDate: "2026-11-20T10:00:01Z", encryptedSecret: "", secret: secret(`key-secret-${i}`), sesSmtpPasswordV4: secret(`smtp-${i}`), status: "Active" };
    b.add("aws:iam/accessKey:AccessKey", `${user}-key`, { user }, key, tenant, { user: [userUrn] });
    const roleIn = { assumeRolePolicy: trust(userArn), forceDetachPolicies: false, maxSessionDuration: 3600, name: role, path: "/" };
    const roleOut = { arn: roleArn, createDate: "2026-11-20T10:00:02Z", description: "", inlinePolicies: [], managedPolicyArns: [], permissionsBoundary: "", uniqueId: `AROA${i}`, ...tagged(role) };
    const roleUrn = b.add("aws:iam/role:Role", role, roleIn, roleOut, tenant, { assumeRolePolicy: [userUrn] });
    const tableIn = {
        attributes: [{ name: "pk", type: "S" }],
        billingMode: "PAY_PER_REQUEST",
        deletionProtectionEnabled: true,
        hashKey: "pk",
        name: table,
        pointInTimeRecovery: { enabled: true },
        serverSideEncryption: { enabled: true },
        streamEnabled: false,
    };
    const tableOut = { arn: tableArn, pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 35 }, serverSideEncryption: { enabled: true, kmsKeyArn: arn("kms", `key/k-${i}`) }, ...tagged(table) };
    const tableUrn = b.add("aws:dynamodb/table:Table", table, tableIn, tableOut, tenant);
    b.add("aws:iam/rolePolicy:RolePolicy", `${role}-grant`, { name: `${table}-readwrite`, policy: grant(tableArn), role }, inline(`${role}:${table}-readwrite`, `${table}-readwrite`), tenant, {
        role: [roleUrn],
        policy: [tableUrn],
    });
    if (i % 5 === 0) {
        const group = `group-${i}`;
        const groupUrn = b.add("aws:iam/group:Group", group, { name: group, path: "/" }, { arn: iamArn(`group/${group}`), id: group, uniqueId: `AGPA${i}` }, tenant);
        b.add("aws:iam/groupMembership:GroupMembership", `${group}-members`, { group, name: `${group}-members`, users: [user] }, { id: `${group}-members` }, tenant, { group: [groupUrn], users: [userUrn] });
        b.add("aws:iam/userGroupMembership:UserGroupMembership", `${user}-groups`, { groups: [group], user }, { id: `terraform-${i}` }, tenant, { user: [userUrn], groups: [groupUrn] });
        b.add("aws:iam/groupPolicy:GroupPolicy", `${group}-assume`, { group, name: "assume-only", policy: assumeOnly(roleArn) }, inline(`${group}:assume-only`, "assume-only"), tenant, { group: [groupUrn] });
    }
    if (i % 10 === 0) {
        const policy = `policy-${i}`;
        const policyArn = iamArn(`policy/${policy}`);
        const policyOut = { arn: policyArn, attachmentCount: 1, description: "", policyId: `ANPA${i}`, ...tagged(policyArn) };
        const policyUrn = b.add("aws:iam/policy:Policy", policy, { name: policy, path: "/", policy: grant(tableArn) }, policyOut, tenant);
        b.add("aws:iam/policyAttachment:PolicyAttachment", `${policy}-attach`, { name: `${policy}-attach`, policyArn, roles: [role] }, { groups: [], id: `${policy}-attach`, users: [] }, tenant, {
            roles: [roleUrn],
            policyArn: [policyUrn],
        });
        const managed = "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess";
        b.add("aws:iam/rolePolicyAttachment:RolePolicyAttachment", `${role}-managed`, { policyArn: managed, role }, { id: `${role}-managed` }, tenant, { role: [roleUrn] });
        b.add("aws:dynamodb/resourcePolicy:ResourcePolicy", `${table}-policy`, { policy: tablePolicy(tableArn, roleArn), resourceArn: tableArn }, { confirmRemoveSelfResourceAccess: false, id: tableArn, revisionId: "1" }, tenant, {
            resourceArn: [tableUrn],
        });
    }
    const bucket = i % 2 === 0 ? storage(b, i, tenant, role, roleUrn) : undefined;
    if (i % 4 === 0 && bucket) {
        lambda(b, i, tenant, table, tableArn, tableUrn, bucket);
    }
    if (i % 4 === 2) {
        network(b, i, tenant);
    }
}

/** A bucket, its policy admitting the unit's role to one prefix, and the role's grant on that prefix. */
function storage(b: Builder, i: number, tenant: string, role: string, roleUrn: string): { name: string; arn: string; urn: string } {
    const name = `bench-bucket-${i}`;
    const bucketArn = `arn:aws:s3:::${name}`;
    const out = { acl: "private", arn: bucketArn, bucketDomainName: `${name}.s3.amazonaws.com`, bucketRegionalDomainName: `${name}.s3.${REGION}.amazonaws.com`, hostedZoneId: "Z3AQBSTGFYJSTF", region: REGION, requestPayer: "BucketOwner", ...tagged(name) };
    const urn = b.add("aws:s3/bucket:Bucket", name, { bucket: name, forceDestroy: false, tags: TAGS }, out, tenant);
    const policy = JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "TenantReads", Effect: "Allow", Principal: { AWS: iamArn(`role/${role}`) }, Action: "s3:GetObject", Resource: `${bucketArn}/reports/*` }],
    });
    b.add("aws:s3/bucketPolicy:BucketPolicy", `${name}-policy`, { bucket: name, policy }, { id: name }, tenant, { bucket: [urn] });
    const objects = JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "ReadReports", Effect: "Allow", Action: "s3:GetObject", Resource: `${bucketArn}/reports/*` },
            { Sid: "ListReports", Effect: "Allow", Action: "s3:ListBucket", Resource: bucketArn, Condition: { StringLike: { "s3:prefix": "reports/*" } } },
        ],
    });
    b.add("aws:iam/rolePolicy:RolePolicy", `${role}-reports`, { name: "reports", policy: objects, role }, inline(`${role}:reports`, "reports"), tenant, { role: [roleUrn], policy: [urn] });
    return { name, arn: bucketArn, urn };
}

/** A function run by its own execution role, invoked by the unit's bucket. */
function lambda(b: Builder, i: number, tenant: string, table: string, tableArn: string, tableUrn: string, bucket: { name: string; arn: string; urn: string }): void {
    const role = `fn-${i}-exec`;
    const roleArn = iamArn(`role/${role}`);
    const serviceTrust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] });
    const roleOut = { arn: roleArn, createDate: "2026-11-20T10:00:02Z", description: "", inlinePolicies: [], managedPolicyArns: [], permissionsBoundary: "", uniqueId: `AROAF${i}`, ...tagged(role) };
    const roleUrn = b.add("aws:iam/role:Role", role, { assumeRolePolicy: serviceTrust, forceDetachPolicies: false, maxSessionDuration: 3600, name: role, path: "/" }, roleOut, tenant);
    const basic = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
    b.add("aws:iam/rolePolicyAttachment:RolePolicyAttachment", `${role}-logs`, { policyArn: basic, role }, { id: `${role}-logs` }, tenant, { role: [roleUrn] });
    b.add("aws:iam/rolePolicy:RolePolicy", `${role}-table`, { name: `${table}-readwrite`, policy: grant(tableArn), role }, inline(`${role}:${table}-readwrite`, `${table}-readwrite`), tenant, {
        role: [roleUrn],
        policy: [tableUrn],
    });
    const name = `fn-${i}`;
    const fnArn = arn("lambda", `function:${name}`);
    const variables = { TABLE: table, API_TOKEN: secret(`token-${i}`) };
    const fnIn = {
        code: { [SIG]: ARCHIVE_SIG, hash: `h${i}`, path: "./app" },
        environment: { variables },
        handler: "index.handler",
        memorySize: 256,
        name,
        role: roleArn,
        runtime: "nodejs20.x",
        timeout: 30,
    };
    const fnOut = {
        architectures: ["x86_64"],
        environment: secret({ variables: { TABLE: table, API_TOKEN: `token-${i}` } }),
        invokeArn: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${fnArn}/invocations`,
        arn: fnArn,
        lastModified: "2026-11-20T10:00:03.000+0000",
        packageType: "Zip",
        qualifiedArn: `${fnArn}:$LATEST`,
        sourceCodeHash: `h${i}`,
        tracingConfig: { mode: "PassThrough" },
        version: "$LATEST",
        ...tagged(name),
    };
    const fnUrn = b.add("aws:lambda/function:Function", name, fnIn, fnOut, tenant, { role: [roleUrn], environment: [tableUrn] });
    const permission = { action: "lambda:InvokeFunction", function: name, principal: "s3.amazonaws.com", sourceAccount: ACCOUNT, sourceArn: bucket.arn, statementId: "AllowBucket" };
    b.add("aws:lambda/permission:Permission", `${name}-from-bucket`, permission, { id: "AllowBucket" }, tenant, { function: [fnUrn], sourceArn: [bucket.urn] });
}

/** A security group for the unit's service, and a rule admitting its database port. */
function network(b: Builder, i: number, tenant: string): void {
    const name = `sg-${i}`;
    const rule = (protocol: string, port: number, cidr: string) => ({ cidrBlocks: [cidr], description: "", fromPort: port, ipv6CidrBlocks: [], prefixListIds: [], protocol, securityGroups: [], self: false, toPort: port });
    const sgIn = { description: "tenant service", egress: [rule("-1", 0, "0.0.0.0/0")], ingress: [rule("tcp", 443, "10.0.0.0/16")], name, revokeRulesOnDelete: false, tags: TAGS, vpcId: "vpc-0abc" };
    const sgUrn = b.add("aws:ec2/securityGroup:SecurityGroup", name, sgIn, { arn: arn("ec2", `security-group/sg-${i}`), ownerId: ACCOUNT, ...tagged(`sg-${i}`) }, tenant);
    const ruleIn = { cidrIpv4: "10.0.0.0/16", fromPort: 5432, ipProtocol: "tcp", securityGroupId: `sg-${i}`, toPort: 5432 };
    b.add("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", `${name}-db`, ruleIn, { arn: arn("ec2", `security-group-rule/sgr-${i}`), securityGroupRuleId: `sgr-${i}`, ...tagged(`sgr-${i}`) }, tenant, {
        securityGroupId: [sgUrn],
    });
}
