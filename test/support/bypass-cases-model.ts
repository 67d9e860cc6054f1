/**
 * Round two of the bypass corpus, for the resource model and the account facts (issue 12): every
 * resource-side grant the model reads (inline policies on secrets, queues and topics, S3 and
 * S3 Control access points, Kinesis, OpenSearch, S3 Tables, KMS keys and replica keys, KMS grants
 * and Lambda permissions naming a user, a resource policy naming a user the stack does not define),
 * the own account swayed by a second provider or by one vendor ARN during a first preview, and the
 * legitimate patterns that must pass: AWS's default key policy, another account's root (ELB log
 * delivery, a partner's table share), `*` narrowed by each of the four narrowing keys.
 */
import { ACCOUNT, base, BypassCase, DATA, doc, extra, ONLY, OFFICE, Props, Res, ROLE, T, TABLE, trust, USER, VENDOR, XACCT } from "./bypass-kit";

const M = {
    secret: "aws:secretsmanager/secret:Secret",
    queue: "aws:sqs/queue:Queue",
    topic: "aws:sns/topic:Topic",
    accessPoint: "aws:s3/accessPoint:AccessPoint",
    accessPointPolicy: "aws:s3control/accessPointPolicy:AccessPointPolicy",
    mrapPolicy: "aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy",
    kinesisPolicy: "aws:kinesis/resourcePolicy:ResourcePolicy",
    openSearch: "aws:opensearch/domain:Domain",
    tablePolicy: "aws:s3tables/tablePolicy:TablePolicy",
    key: "aws:kms/key:Key",
    replicaKey: "aws:kms/replicaKey:ReplicaKey",
    grant: "aws:kms/grant:Grant",
    permission: "aws:lambda/permission:Permission",
    accessEntry: "aws:eks/accessEntry:AccessEntry",
    bucket: "aws:s3/bucketV2:BucketV2",
    provider: "pulumi:providers:aws",
};

const REGION = "us-east-1";
const ARN = (service: string, resource: string, account = ACCOUNT) => `arn:aws:${service}:${REGION}:${account}:${resource}`;
const KEY = ARN("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab");
const ACCESS_POINT = ARN("s3", "accesspoint/exports");
const ELB_LOG_DELIVERY = "arn:aws:iam::127311923021:root";
const OWN_ORG = "o-ownorg1234";
const statement = (Principal: unknown, Action: unknown, Resource: unknown, Condition?: Props) => ({ Effect: "Allow", Principal, Action, Resource, ...(Condition ? { Condition } : {}) });
const toUser = (Action: unknown, Resource: unknown) => doc(statement({ AWS: USER }, Action, Resource));

/** AWS's default key policy (AWS KMS Developer Guide, "Default key policy"). */
const DEFAULT_KEY_POLICY = doc({ Sid: "Enable IAM User Permissions", ...statement({ AWS: `arn:aws:iam::${ACCOUNT}:root` }, "kms:*", "*") });

/** A bypass: the base stack plus `more`, which must fire exactly `rules`. */
const bypass = (name: string, description: string, rules: string[], more: Res[]) => extra(`r2-model-${name}`, description, rules, more);
/** A legitimate stack: the base stack plus `more`, which fires nothing. */
const legit = (name: string, description: string, more: Res[], config?: BypassCase["config"]): BypassCase => ({ ...extra(`r2-model-legit-${name}`, description, [], more), ...(config ? { config } : {}) });
const bucketPolicy = (name: string, policy: string): Res => ({ type: T.bucketPolicy, name, props: { bucket: "exports", policy } });
const starOnObjects = (Condition: Props) => doc(statement("*", "s3:GetObject", "arn:aws:s3:::exports/*", Condition));

/** A role in its first preview: no ARN of its own yet, trusting the vendor's account from the office only. */
function vendorRoleInPreview(): Res[] {
    return base({ trust: trust({ IpAddress: { "aws:SourceIp": OFFICE } }, { AWS: `arn:aws:iam::${VENDOR}:root` }) }).map(r => (r.type === T.role ? { ...r, props: { name: "app-role", maxSessionDuration: 3600, assumeRolePolicy: r.props.assumeRolePolicy } } : r));
}

const providerRes = (name: string, props: Props): Res => ({ type: M.provider, name, props: { region: REGION, ...props } });

/** Round two's cases, bypasses first. */
export const MODEL_CASES: readonly BypassCase[] = [
    bypass("secret-inline-policy", "a secret's own policy property lets the user read it", [DATA, ONLY], [
        { type: M.secret, name: "api-key", props: { name: "api-key", arn: ARN("secretsmanager", "secret:api-key-a1b2c3"), policy: toUser("secretsmanager:GetSecretValue", "*") } },
    ]),
    bypass("queue-inline-policy", "a queue's own policy property lets the user receive its messages", [DATA, ONLY], [
        { type: M.queue, name: "jobs", props: { name: "jobs", arn: ARN("sqs", "jobs"), policy: toUser("sqs:ReceiveMessage", ARN("sqs", "jobs")) } },
    ]),
    bypass("topic-inline-policy", "a topic's own policy property lets the user publish and subscribe", [ONLY], [
        { type: M.topic, name: "alerts", props: { name: "alerts", arn: ARN("sns", "alerts"), policy: toUser(["sns:Publish", "sns:Subscribe"], ARN("sns", "alerts")) } },
    ]),
    bypass("s3-access-point", "an S3 access point's policy lets the user read objects through it", [DATA, ONLY], [
        { type: M.accessPoint, name: "exports-ap", props: { name: "exports", bucket: "exports", accountId: ACCOUNT, arn: ACCESS_POINT, policy: toUser("s3:GetObject", `${ACCESS_POINT}/object/*`) } },
    ]),
    bypass("s3control-access-point-policy", "an S3 Control access point policy lets the user read objects", [DATA, ONLY], [
        { type: M.accessPointPolicy, name: "exports-ap-policy", props: { accessPointArn: ACCESS_POINT, policy: toUser("s3:GetObject", `${ACCESS_POINT}/object/*`) } },
    ]),
    bypass("multi-region-access-point-policy", "a Multi-Region Access Point policy (details.policy) lets the user read objects", [DATA, ONLY], [
        { type: M.mrapPolicy, name: "exports-mrap", props: { accountId: ACCOUNT, details: { name: "exports", policy: toUser("s3:GetObject", `arn:aws:s3::${ACCOUNT}:accesspoint/mfzwi23gnjvgw.mrap/object/*`) } } },
    ]),
    bypass("kinesis-resource-policy", "a Kinesis stream's resource policy lets the user read records", [DATA, ONLY], [
        { type: M.kinesisPolicy, name: "events-policy", props: { resourceArn: ARN("kinesis", "stream/events"), policy: toUser(["kinesis:GetShardIterator", "kinesis:GetRecords"], ARN("kinesis", "stream/events")) } },
    ]),
    bypass("opensearch-access-policies", "an OpenSearch domain's access policies let the user query it", [DATA, ONLY], [
        { type: M.openSearch, name: "search", props: { domainName: "search", arn: ARN("es", "domain/search"), accessPolicies: toUser("es:ESHttpGet", `${ARN("es", "domain/search")}/*`) } },
    ]),
    bypass("s3tables-table-policy", "an S3 Tables table policy lets the user read rows", [DATA, ONLY], [
        { type: M.tablePolicy, name: "orders-policy", props: { tableBucketArn: ARN("s3tables", "bucket/analytics"), namespace: "sales", name: "orders", resourcePolicy: toUser("s3tables:GetTableData", "*") } },
    ]),
    bypass("kms-key-policy-user", "a key policy names the user for kms:Decrypt beside AWS's default statement", [DATA, ONLY], [
        {
            type: M.key,
            name: "data-key",
            props: { arn: KEY, policy: JSON.stringify({ Version: "2012-10-17", Statement: [...JSON.parse(DEFAULT_KEY_POLICY).Statement, statement({ AWS: USER }, "kms:Decrypt", "*")] }) },
        },
    ]),
    bypass("kms-replica-key-user", "a replica key's policy lets the user decrypt", [DATA, ONLY], [
        { type: M.replicaKey, name: "data-key-replica", props: { arn: KEY.replace(REGION, "eu-west-1"), primaryKeyArn: KEY, policy: toUser("kms:Decrypt", "*") } },
    ]),
    bypass("kms-grant-user", "a KMS grant gives the user Decrypt with no policy at all", [DATA, ONLY], [{ type: M.grant, name: "user-grant", props: { keyId: KEY, granteePrincipal: USER, operations: ["Decrypt", "DescribeKey"] } }]),
    bypass("lambda-permission-user", "a Lambda permission lets the user invoke a function with its key alone", [ONLY], [
        { type: M.permission, name: "invoke", props: { function: ARN("lambda", "function:exporter"), action: "lambda:InvokeFunction", principal: USER } },
    ]),
    bypass("eks-access-entry-user", "an EKS access entry lets the user's key call the cluster", [ONLY], [{ type: M.accessEntry, name: "ops-entry", props: { clusterName: "prod", principalArn: USER } }]),
    bypass("undefined-user-bucket-policy", "a bucket policy grants data to a user the stack does not define", [DATA, ONLY], [
        bucketPolicy("exports-policy", toUser("s3:GetObject", "arn:aws:s3:::exports/*").replace(USER, `arn:aws:iam::${ACCOUNT}:user/legacy-etl`)),
    ]),
    bypass("star-principal-account-ifexists", "* narrowed by aws:PrincipalAccount under IfExists narrows nothing", [DATA, ONLY], [
        bucketPolicy("exports-policy", starOnObjects({ StringEqualsIfExists: { "aws:PrincipalAccount": VENDOR } })),
    ]),
    bypass("access-point-delegation-ifexists", "s3:DataAccessPointAccount under IfExists delegates nothing", [DATA, ONLY], [
        bucketPolicy("exports-policy", starOnObjects({ StringEqualsIfExists: { "s3:DataAccessPointAccount": ACCOUNT } })),
    ]),
    bypass("star-principal-arn-users", "* narrowed by aws:PrincipalArn to every user of the account", [DATA, ONLY], [
        bucketPolicy("exports-policy", starOnObjects({ StringLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:user/*` } })),
    ]),
    {
        name: "r2-model-sway-second-provider",
        description: "a second provider assuming a role in the vendor's account does not make the vendor own for the role",
        mustFire: [XACCT],
        resources: [...vendorRoleInPreview(), providerRes("vendor", { assumeRoles: JSON.stringify([{ roleArn: `arn:aws:iam::${VENDOR}:role/deploy` }]) }), { type: M.bucket, name: "vendor-drop", props: { bucket: "vendor-drop" }, provider: "vendor" }],
    },
    {
        name: "r2-model-sway-vendor-arn-first-preview",
        description: "one vendor ARN in a role policy during a first preview does not make the vendor own",
        mustFire: [XACCT],
        resources: vendorRoleInPreview().map(r =>
            r.type === T.rolePolicy
                ? { ...r, props: { ...r.props, policy: doc({ Effect: "Allow", Action: "dynamodb:GetItem", Resource: ARN("dynamodb", "table/shared", VENDOR) }) } }
                : { ...r, props: Object.fromEntries(Object.entries(r.props).filter(([k]) => k !== "arn")) },
        ),
    },
    {
        name: "r2-model-conflicting-account-facts",
        description: "a role whose ARN is outside its provider's allowedAccountIds: conflicting facts prove nothing",
        mustFire: [XACCT],
        resources: [...base().map(r => (r.type === T.role ? { ...r, provider: "prod" } : r)), providerRes("prod", { allowedAccountIds: JSON.stringify([VENDOR]) })],
    },
    // Legitimate patterns: none of the mandatory rules may fire.
    legit("kms-default-key-policy", "AWS's default key policy: the account root only enables IAM policies", [{ type: M.key, name: "data-key", props: { arn: KEY, policy: DEFAULT_KEY_POLICY } }]),
    legit("elb-log-delivery", "a bucket policy lets the ELB log delivery account (another account's root) write logs", [
        bucketPolicy("logs-policy", doc(statement({ AWS: ELB_LOG_DELIVERY }, "s3:PutObject", "arn:aws:s3:::exports/AWSLogs/*"))),
    ]),
    legit("partner-table-share", "a table shared with a partner account's root", [
        { type: T.tablePolicy, name: "items-share", props: { resourceArn: TABLE, policy: doc(statement({ AWS: `arn:aws:iam::${VENDOR}:root` }, ["dynamodb:GetItem", "dynamodb:Query"], TABLE)) } },
    ]),
    legit("star-principal-arn", "* narrowed by aws:PrincipalArn to the role", [bucketPolicy("exports-policy", starOnObjects({ ArnEquals: { "aws:PrincipalArn": ROLE } }))]),
    legit("star-principal-account", "* narrowed by aws:PrincipalAccount to a partner, on a table of the own account", [
        { type: T.tablePolicy, name: "items-share", props: { resourceArn: TABLE, policy: doc(statement("*", "dynamodb:GetItem", TABLE, { StringEquals: { "aws:PrincipalAccount": VENDOR } })) } },
    ]),
    legit(
        "star-principal-org",
        "* narrowed by aws:PrincipalOrgID to a partner's organisation, with the own organisation configured",
        [bucketPolicy("exports-policy", starOnObjects({ StringEquals: { "aws:PrincipalOrgID": "o-partner5678" } }))],
        Object.fromEntries([DATA, ONLY].map(rule => [rule, { ownOrganizationIds: [OWN_ORG] }])),
    ),
    legit("access-point-delegation", "AWS's access-point delegation, and an access point policy naming the role", [
        bucketPolicy("exports-policy", doc(statement({ AWS: "*" }, "*", ["arn:aws:s3:::exports", "arn:aws:s3:::exports/*"], { StringEquals: { "s3:DataAccessPointAccount": ACCOUNT } }))),
        { type: M.accessPointPolicy, name: "exports-ap-policy", props: { accessPointArn: ACCESS_POINT, policy: doc(statement({ AWS: ROLE }, "s3:GetObject", `${ACCESS_POINT}/object/*`)) } },
    ]),
    {
        name: "r2-model-legit-own-provider-account",
        description: "in a first preview, the role's own provider names its account; a vendor provider deploys only its own bucket",
        mustFire: [],
        resources: [
            ...base().map(r => (r.type === T.role ? { ...r, provider: "prod", props: { name: "app-role", maxSessionDuration: 3600, assumeRolePolicy: r.props.assumeRolePolicy } } : r)),
            providerRes("prod", { allowedAccountIds: JSON.stringify([ACCOUNT]) }),
            providerRes("vendor", { assumeRoles: JSON.stringify([{ roleArn: `arn:aws:iam::${VENDOR}:role/deploy` }]) }),
            { type: M.bucket, name: "vendor-drop", props: { bucket: "vendor-drop" }, provider: "vendor" },
        ],
    },
    legit("sns-default-topic-policy", "a topic with AWS's default policy: * with AWS:SourceOwner admits only services", [
        {
            type: M.topic,
            name: "alerts",
            props: {
                name: "alerts",
                arn: ARN("sns", "alerts"),
                policy: doc({ Sid: "__default_statement_ID", ...statement({ AWS: "*" }, ["SNS:GetTopicAttributes", "SNS:Subscribe", "SNS:Publish"], ARN("sns", "alerts"), { StringEquals: { "AWS:SourceOwner": ACCOUNT } }) }),
            },
        },
    ]),
    legit("kms-grant-role", "a KMS grant to the role", [{ type: M.grant, name: "role-grant", props: { keyId: KEY, granteePrincipal: ROLE, operations: ["Decrypt"] } }]),
    legit("lambda-permission-service", "a Lambda permission for S3 notifications from one bucket", [
        { type: M.permission, name: "from-s3", props: { function: ARN("lambda", "function:exporter"), action: "lambda:InvokeFunction", principal: "s3.amazonaws.com", sourceArn: "arn:aws:s3:::exports", sourceAccount: ACCOUNT } },
    ]),
];
