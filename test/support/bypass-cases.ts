/**
 * The bypass corpus: small stacks, each a known way around a guard rail (wildcards, case, NotAction,
 * group paths, managed policies, resource policies, fail-open conditions, malformed JSON, documents
 * as objects) or a legitimate pattern that must pass. `scripts/write-bypass-corpus.ts` writes them as
 * `pulumi stack export` files (deployment version 3) to test/fixtures/bypass/, with a
 * `<case>.policy-config.json` beside a case that needs settings. Round two's cases of the resource
 * model and account facts are in bypass-cases-model.ts, its trust cases in bypass-cases-trust.ts, its
 * role and quota cases in bypass-cases-roles.ts. Round three's MFA cases are in bypass-cases-mfa.ts.
 */
import {
    ACCOUNT, assume, badTrust, base, BypassCase, DATA, doc, extra, grant, ONLY, OFFICE, PREFIX, ROLE, SCOPED, T, TABLE, trust, TRUST, u, urnOf, USER, userData, VENDOR, XACCT,
} from "./bypass-kit";
import { MFA_CASES } from "./bypass-cases-mfa";
import { MODEL_CASES } from "./bypass-cases-model";
import { ROLE_CASES } from "./bypass-cases-roles";
import { TRUST_CASES } from "./bypass-cases-trust";

export type { BypassCase };
/** Round one's cases, bypasses first. */
const ROUND_ONE: readonly BypassCase[] = [
    userData("user-star", "the user's policy allows * on *", { Effect: "Allow", Action: "*", Resource: "*" }),
    userData("user-service-star", "dynamodb:* on the table", { Effect: "Allow", Action: "dynamodb:*", Resource: TABLE }),
    userData("user-mixed-case", "DynamoDB:getITEM: action names are case-insensitive", { Effect: "Allow", Action: "DynamoDB:getITEM", Resource: TABLE }),
    userData("user-question-mark", "dynamodb:GetIte? matches GetItem", { Effect: "Allow", Action: "dynamodb:GetIte?", Resource: TABLE }),
    userData("user-infix-wildcard", "dynamo*:*Item spans service and action", { Effect: "Allow", Action: "dynamo*:*Item", Resource: "*" }),
    userData("user-global-getobject", "*:GetObject reaches s3:GetObject", { Effect: "Allow", Action: "*:GetObject", Resource: "*" }),
    userData("user-notaction", "Allow NotAction iam:* reaches every data action", { Effect: "Allow", NotAction: "iam:*", Resource: "*" }),
    userData("user-notaction-misses-secrets", "NotAction dynamodb:* and s3:* still reaches secretsmanager:GetSecretValue", {
        Effect: "Allow",
        NotAction: ["dynamodb:*", "s3:*"],
        Resource: "*",
    }),
    userData("user-condition-on-allow", "a condition on the user's Allow does not make data access acceptable", {
        Effect: "Allow",
        Action: "dynamodb:Scan",
        Resource: TABLE,
        Condition: { IpAddress: { "aws:SourceIp": OFFICE } },
    }),
    userData("user-partiql", "PartiQL reads are data reads", { Effect: "Allow", Action: "dynamodb:PartiQLSelect", Resource: TABLE }),
    userData("user-export", "exporting the table copies its data", { Effect: "Allow", Action: "dynamodb:ExportTableToPointInTime", Resource: TABLE }),
    {
        name: "user-statement-object",
        description: "Statement as a single object and Action as a scalar, document given as an object",
        mustFire: [DATA, ONLY],
        resources: base({ userPolicy: { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::exports/*" } } }),
    },
    extra("group-membership", "data through a group the user joins by GroupMembership", [DATA, ONLY], [
        { type: T.group, name: "analysts", props: { name: "analysts", arn: `arn:aws:iam::${ACCOUNT}:group/analysts` } },
        { type: T.membership, name: "analysts-members", props: { name: "analysts-members", group: "analysts", users: ["app-user"] }, deps: { users: [u] } },
        { type: T.groupPolicy, name: "analysts-read", props: { group: "analysts", policy: grant("dynamodb:Query") } },
    ]),
    extra("user-group-membership-managed", "data through UserGroupMembership to a group with AmazonDynamoDBReadOnlyAccess", [DATA, ONLY], [
        { type: T.group, name: "readers", props: { name: "readers", arn: `arn:aws:iam::${ACCOUNT}:group/readers` } },
        { type: T.userGroups, name: "app-user-groups", props: { user: "app-user", groups: [`arn:aws:iam::${ACCOUNT}:group/readers`] }, deps: { user: [u] } },
        { type: T.groupAttach, name: "readers-ro", props: { group: "readers", policyArn: "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess" } },
    ]),
    extra("managed-s3-readonly", "AmazonS3ReadOnlyAccess attached to the user", [DATA, ONLY], [
        { type: T.userAttach, name: "app-user-s3", props: { user: "app-user", policyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" }, deps: { user: [u] } },
    ]),
    extra("managed-administrator", "AdministratorAccess attached to the user", [DATA, ONLY], [
        { type: T.userAttach, name: "app-user-admin", props: { user: "app-user", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }, deps: { user: [u] } },
    ]),
    extra("managed-readonly", "ReadOnlyAccess reads every table and bucket", [DATA, ONLY], [
        { type: T.userAttach, name: "app-user-ro", props: { user: "app-user", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }, deps: { user: [u] } },
    ]),
    extra("managed-unknown-arn", "an AWS managed ARN the pack does not know", [DATA], [
        { type: T.userAttach, name: "app-user-mystery", props: { user: "app-user", policyArn: "arn:aws:iam::aws:policy/NotARealPolicy" }, deps: { user: [u] } },
    ]),
    extra("customer-policy-attachment", "a customer policy attached through PolicyAttachment users", [DATA, ONLY], [
        { type: T.policy, name: "scan-all", props: { name: "scan-all", arn: `arn:aws:iam::${ACCOUNT}:policy/scan-all`, policy: grant("dynamodb:Scan", "*") } },
        { type: T.attachment, name: "scan-all-users", props: { name: "scan-all-users", users: ["app-user"], policyArn: `arn:aws:iam::${ACCOUNT}:policy/scan-all` }, deps: { users: [u] } },
    ]),
    extra("table-resource-policy-user", "a DynamoDB resource policy naming the user", [DATA], [
        { type: T.tablePolicy, name: "items-policy", props: { resourceArn: TABLE, policy: doc({ Effect: "Allow", Principal: { AWS: USER }, Action: "dynamodb:GetItem", Resource: TABLE }) } },
    ]),
    extra("bucket-policy-user", "a bucket policy naming the user", [DATA], [
        { type: T.bucketPolicy, name: "exports-policy", props: { bucket: "exports", policy: doc({ Effect: "Allow", Principal: { AWS: USER }, Action: "s3:GetObject", Resource: "arn:aws:s3:::exports/*" }) } },
    ]),
    // Round one expected DATA here; the evaluator says the root only delegates to identity policies (test/access/resourcePolicies.test.ts).
    extra("bucket-policy-account-root", "a bucket policy granting the account root gives an assume-only user nothing (iam-simulate: ImplicitlyDenied)", [], [
        { type: T.bucketPolicy, name: "exports-policy", props: { bucket: "exports", policy: doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "s3:GetObject", Resource: "arn:aws:s3:::exports/*" }) } },
    ]),
    {
        name: "user-policy-malformed-json",
        description: "a user policy that is not JSON",
        mustFire: [DATA, ONLY],
        resources: base({ userPolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow",' }),
    },
    { name: "user-policy-number", description: "a user policy that is a number", mustFire: [DATA, ONLY], resources: base({ userPolicy: 42 }) },
    { name: "user-assume-any-role", description: "sts:AssumeRole on * is not assume-only", mustFire: [ONLY], resources: base({ userPolicy: doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }) }) },
    badTrust("trust-no-condition", "a trust with no condition", trust()),
    badTrust("trust-ifexists", "StringEqualsIfExists sts:ExternalId passes without the key", trust({ StringEqualsIfExists: { "sts:ExternalId": "x-123" } })),
    badTrust("trust-forallvalues", "ForAllValues is vacuously true", trust({ "ForAllValues:StringEquals": { "sts:ExternalId": ["x-123"] } })),
    badTrust("trust-not-ip", "NotIpAddress passes without the key", trust({ NotIpAddress: { "aws:SourceIp": "203.0.113.0/24" } })),
    badTrust("trust-mfa-false", "Bool MultiFactorAuthPresent false binds nothing", trust({ Bool: { "aws:MultiFactorAuthPresent": "false" } })),
    badTrust("trust-wildcard-external-id", "StringLike sts:ExternalId * matches any ID", trust({ StringLike: { "sts:ExternalId": "*" } })),
    badTrust("trust-empty-external-id", "an empty external ID", trust({ StringEquals: { "sts:ExternalId": "" } })),
    badTrust("trust-whole-internet", "IpAddress 0.0.0.0/0 matches everyone", trust({ IpAddress: { "aws:SourceIp": "0.0.0.0/0" } })),
    badTrust("trust-star-ip-only", "Principal * needs more than an IP", trust({ IpAddress: { "aws:SourceIp": OFFICE } }, "*")),
    badTrust("trust-aws-star", "Principal {AWS: *} without a condition", trust(undefined, { AWS: "*" })),
    badTrust("trust-not-principal", "NotPrincipal admits everyone but one", doc({ Effect: "Allow", NotPrincipal: { AWS: USER }, Action: "sts:AssumeRole" })),
    badTrust(
        "trust-second-statement",
        "a second statement with sts:* and no condition",
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow", Principal: { AWS: USER }, Action: "sts:AssumeRole", Condition: { IpAddress: { "aws:SourceIp": OFFICE } } },
                { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:*" },
            ],
        }),
    ),
    badTrust("trust-cross-account-ip-only", "another account trusted from an IP but without an external ID", trust({ IpAddress: { "aws:SourceIp": OFFICE } }, { AWS: `arn:aws:iam::${VENDOR}:root` }), [XACCT]),
    badTrust("trust-malformed", "a trust policy that is not JSON", "{not json", [TRUST]),
    { name: "role-dynamodb-star", description: "a role with dynamodb:* on *", mustFire: [SCOPED], resources: base({ rolePolicy: grant("dynamodb:*", "*") }) },
    { name: "role-all-tables", description: "a role with data actions on table/*", mustFire: [SCOPED], resources: base({ rolePolicy: grant("dynamodb:GetItem", `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/*`) }) },
    // Legitimate patterns: none of the mandatory rules may fire.
    { name: "legit-base", description: "assume-only user, office-only trust, scoped table", mustFire: [], resources: base() },
    {
        name: "legit-deny-rails",
        description: "assume-only user with Deny outside the CIDR (ViaAWSService false) and Deny without MFA",
        mustFire: [],
        resources: base({
            userPolicy: doc(
                { ...assume, Action: ["sts:AssumeRole", "sts:TagSession"] },
                { Effect: "Deny", Action: "*", Resource: "*", Condition: { NotIpAddress: { "aws:SourceIp": OFFICE }, Bool: { "aws:ViaAWSService": "false" } } },
                { Effect: "Deny", Action: "sts:AssumeRole", Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } },
            ),
        }),
    },
    { name: "legit-mfa-trust", description: "a same-account trust bound by MFA", mustFire: [], resources: base({ trust: trust({ Bool: { "aws:MultiFactorAuthPresent": "true" } }) }) },
    {
        name: "legit-vendor-external-id",
        description: "a vendor account trusted with an external ID",
        mustFire: [],
        resources: base({ trust: trust({ StringEquals: { "sts:ExternalId": "acme-3f9c1e7a" } }, { AWS: `arn:aws:iam::${VENDOR}:root` }) }),
    },
    {
        name: "legit-service-role",
        description: "a Lambda execution role trusted by its service",
        mustFire: [],
        resources: base({ trust: doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }) }),
    },
    extra("legit-operator-admin", "an AdministratorAccess role behind MFA and the office CIDR", [], [
        {
            type: T.role,
            name: "ops-admin",
            props: { name: "ops-admin", arn: `arn:aws:iam::${ACCOUNT}:role/ops-admin`, maxSessionDuration: 3600, assumeRolePolicy: trust({ IpAddress: { "aws:SourceIp": OFFICE }, Bool: { "aws:MultiFactorAuthPresent": "true" } }) },
        },
        { type: T.roleAttach, name: "ops-admin-access", props: { role: "ops-admin", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }, deps: { role: [urnOf(T.role, "ops-admin")] } },
    ]),
    extra("legit-table-policy-role", "a table resource policy naming the role, not the user", [], [
        { type: T.tablePolicy, name: "items-policy", props: { resourceArn: TABLE, policy: doc({ Effect: "Allow", Principal: { AWS: ROLE }, Action: "dynamodb:GetItem", Resource: TABLE }) } },
    ]),
    {
        name: "legit-streams-and-indexes",
        description: "a role reading its table, indexes and stream",
        mustFire: [],
        resources: base({ rolePolicy: doc({ Effect: "Allow", Action: ["dynamodb:Query", "dynamodb:GetRecords"], Resource: [TABLE, `${TABLE}/index/*`, `${TABLE}/stream/*`] }) }),
    },
    extra("legit-group-assume-only", "a group whose policy only assumes the role", [], [
        { type: T.group, name: "connectors", props: { name: "connectors", arn: `arn:aws:iam::${ACCOUNT}:group/connectors` } },
        { type: T.membership, name: "connectors-members", props: { name: "connectors-members", group: "connectors", users: ["app-user"] }, deps: { users: [u] } },
        { type: T.groupPolicy, name: "connectors-assume", props: { group: "connectors", policy: doc(assume) } },
    ]),
];

/** Every case: round one's, then round two's, then round three's. */
export const CASES: readonly BypassCase[] = [...ROUND_ONE, ...MODEL_CASES, ...TRUST_CASES, ...ROLE_CASES, ...MFA_CASES];

const PROVIDER_TYPE = "pulumi:providers:aws";

/** A case as a `pulumi stack export` (deployment version 3). */
export function toExport(c: BypassCase): Record<string, unknown> {
    const stack = `${PREFIX}pulumi:pulumi:Stack::corpus-corpus`;
    const provider = `${PREFIX}pulumi:providers:aws::default`;
    const providerOf = (r: BypassCase["resources"][number]) => (r.provider ? `${urnOf(PROVIDER_TYPE, r.provider)}::${r.provider}` : `${provider}::prov-1`);
    return {
        version: 3,
        deployment: {
            manifest: { time: "2026-11-23T00:00:00Z", magic: "corpus", version: "v3.248.0" },
            resources: [
                { urn: stack, custom: false, type: "pulumi:pulumi:Stack", outputs: {} },
                { urn: provider, custom: true, id: "prov-1", type: PROVIDER_TYPE, inputs: { region: "us-east-1" }, outputs: { region: "us-east-1" }, parent: stack },
                ...c.resources.map(r => ({
                    urn: urnOf(r.type, r.name),
                    custom: true,
                    id: r.name,
                    type: r.type,
                    inputs: r.props,
                    outputs: r.props,
                    parent: stack,
                    ...(r.type === PROVIDER_TYPE ? {} : { provider: providerOf(r) }),
                    dependencies: [...new Set(Object.values(r.deps ?? {}).flat())],
                    propertyDependencies: r.deps ?? {},
                })),
            ],
        },
    };
}
