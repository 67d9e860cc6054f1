import { iamDataPermissionsScoped as rule } from "../../../policypack/rules/iam-data-permissions-scoped";
import { assertNoViolations, assertViolations, runRule, unknownMessage } from "../assertions";
import { ACCOUNT, ARN, doc, goodStack, OFFICE, resource, T, trustPolicy, UNKNOWN, urn, withProps } from "../fixtures";

const NAME = "iam-data-permissions-scoped";
const WHY =
    "Whoever holds it reaches every table in the account, including tables created later. " +
    "Fix: name table ARNs (arn:aws:dynamodb:<region>:<account>:table/<name>, plus /index/* or /stream/* where needed) as the Resource.";
const unscoped = (what: string, found: string) => `${what} grants DynamoDB data actions beyond named tables: ${found}. ${WHY}`;
const ROLE_POLICY = urn(T.rolePolicy, "app-role-items");
const withRolePolicy = (policy: unknown) => withProps(goodStack(), "app-role-items", { policy });
const role = () => goodStack().find(r => r.name === "app-role")!;
const admin = (policyArn = "arn:aws:iam::aws:policy/AdministratorAccess") => resource(T.rolePolicyAttachment, "app-role-admin", { role: "app-role", policyArn }, { role: [role()] });
const FULL_WHY =
    "Full access is acceptable only for an operator role that requires MFA and a known network. " +
    'Fix: add Bool aws:MultiFactorAuthPresent "true" and IpAddress aws:SourceIp to every Allow statement of the role\'s trust policy, or grant table-scoped permissions instead.';

const ASSUMABLE_WHY =
    "A leaked key that reaches the role reaches every bucket, secret, queue, stream or key of the account that the pattern spans, including ones created later. " +
    "Fix: name the resources: a bucket as arn:aws:s3:::<bucket>/<prefix>* (and arn:aws:s3:::<bucket> to list it), a secret, queue, stream, key or parameter by its ARN or a literal name prefix.";
const assumable = (found: string, who = `arn:aws:iam::${ACCOUNT}:user/app-user`) => `Role 'app-role', which ${who} can assume, grants data actions on resources it does not name: ${found}. ${ASSUMABLE_WHY}`;

describe("rule iam-data-permissions-scoped", () => {
    it("Compliance: table and index ARNs, ListTables on *", async () => {
        assertNoViolations(await runRule(rule, goodStack()));
    });

    it("Compliance: a stream ARN and a named index", async () => {
        const policy = doc({ Effect: "Allow", Action: ["dynamodb:GetRecords", "dynamodb:Query"], Resource: [`${ARN.table}/stream/2024-01-01T00:00:00.000`, `${ARN.table}/index/by-owner`] });
        assertNoViolations(await runRule(rule, withRolePolicy(policy)));
    });

    const bad: [string, Record<string, unknown>, string][] = [
        ["dynamodb:* on *", { Effect: "Allow", Action: "dynamodb:*", Resource: "*" }, 'statement 1 allows "dynamodb:*" on "*"'],
        ["table/* wildcard", { Effect: "Allow", Action: "dynamodb:GetItem", Resource: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/*` }, `statement 1 allows "dynamodb:GetItem" on "arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/*"`],
        ["a wildcard region", { Effect: "Allow", Action: "dynamodb:Query", Resource: `arn:aws:dynamodb:*:${ACCOUNT}:table/items` }, `statement 1 allows "dynamodb:Query" on "arn:aws:dynamodb:*:${ACCOUNT}:table/items"`],
        ["a table-name prefix", { Effect: "Allow", Action: "dynamodb:Query", Resource: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/items*` }, `statement 1 allows "dynamodb:Query" on "arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/items*"`],
        ["NotResource", { Effect: "Allow", Action: "dynamodb:Scan", NotResource: ARN.table }, `statement 1 allows "dynamodb:Scan" on NotResource ["${ARN.table}"]`],
        ["dynamo*:get* on *", { Effect: "Allow", Action: "Dynamo*:Get*", Resource: "*" }, 'statement 1 allows "Dynamo*:Get*" on "*"'],
    ];
    for (const [title, statement, found] of bad) {
        it(`Noncompliance: ${title}`, async () => {
            assertViolations(await runRule(rule, withRolePolicy(doc(statement))), NAME, [{ urn: ROLE_POLICY, message: unscoped("RolePolicy 'app-role-items'", `its policy: ${found}`) }]);
        });
    }

    it("Noncompliance: a customer policy, judged on the Policy itself", async () => {
        const policy = resource(T.policy, "wide", { name: "wide", policy: { Statement: { Effect: "Allow", Action: ["dynamodb:PutItem"], Resource: "*" } } });
        assertViolations(await runRule(rule, [...goodStack(), policy]), NAME, [{ urn: urn(T.policy, "wide"), message: unscoped("Policy 'wide'", 'its policy: statement 1 allows "dynamodb:PutItem" on "*"') }]);
    });

    it("Noncompliance: AmazonDynamoDBReadOnlyAccess attached to the role", async () => {
        const result = await runRule(rule, [...goodStack(), admin("arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess")]);
        assertViolations(result, NAME, [
            {
                urn: urn(T.rolePolicyAttachment, "app-role-admin"),
                message: unscoped(
                    "RolePolicyAttachment 'app-role-admin'",
                    'AWS managed policy AmazonDynamoDBReadOnlyAccess: statement 1 allows "dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query" and 2 more on "*"',
                ),
            },
            // The user can assume the role, and the managed policy also reads every DAX cluster.
            {
                urn: urn(T.role, "app-role"),
                message: assumable(
                    "AWS managed policy AmazonDynamoDBReadOnlyAccess attached by RolePolicyAttachment 'app-role-admin': statement 1 allows \"dax:GetItem\", \"dax:BatchGetItem\", \"dax:Query\" and 1 more on \"*\"",
                ),
            },
        ]);
    });

    it("Noncompliance: an inline policy of the role and an unknown managed ARN in managedPolicyArns", async () => {
        const stack = withProps(goodStack(), "app-role", {
            inlinePolicies: [{ name: "wide", policy: doc({ Effect: "Allow", Action: "dynamodb:Query", Resource: "*" }) }],
            managedPolicyArns: ["arn:aws:iam::aws:policy/NoSuchPolicy"],
        });
        assertViolations(await runRule(rule, stack), NAME, [
            {
                urn: urn(T.role, "app-role"),
                message: unscoped("Role 'app-role'", 'inlinePolicies[0]: statement 1 allows "dynamodb:Query" on "*"; AWS managed policy NoSuchPolicy is not known to this pack, so its scope cannot be checked'),
            },
        ]);
    });

    it("Noncompliance: a role policy that cannot be parsed", async () => {
        assertViolations(await runRule(rule, withRolePolicy("[]")), NAME, [
            { urn: ROLE_POLICY, message: unscoped("RolePolicy 'app-role-items'", "its policy cannot be parsed (the document is a list, not a JSON object)") },
        ]);
    });

    describe("full access is judged by the role's trust", () => {
        it("Noncompliance: AdministratorAccess on a role trusted from an IP range only", async () => {
            assertViolations(await runRule(rule, [...goodStack(), admin()]), NAME, [
                {
                    urn: urn(T.role, "app-role"),
                    message:
                        "Role 'app-role' holds full access through AWS managed policy AdministratorAccess attached by RolePolicyAttachment 'app-role-admin' (statement 1 allows Action \"*\" on \"*\"), " +
                        `and its trust does not require both MFA and a network condition: statement 1 binds IpAddress aws:SourceIp. ${FULL_WHY}`,
                },
            ]);
        });

        it("Compliance: AdministratorAccess behind MFA and the office network (the operator pattern)", async () => {
            const trust = trustPolicy({ IpAddress: { "aws:SourceIp": OFFICE }, Bool: { "aws:MultiFactorAuthPresent": "true" }, NumericLessThan: { "aws:MultiFactorAuthAge": 3600 } });
            assertNoViolations(await runRule(rule, [...withProps(goodStack(), "app-role", { assumeRolePolicy: trust }), admin()]), NAME);
        });

        it("Compliance: AdministratorAccess behind MFA age and a VPC endpoint", async () => {
            const trust = trustPolicy({ StringEquals: { "aws:SourceVpce": "vpce-0a1b2c3d4e5f" }, NumericLessThan: { "aws:MultiFactorAuthAge": 3600 } });
            assertNoViolations(await runRule(rule, [...withProps(goodStack(), "app-role", { assumeRolePolicy: trust }), admin()]), NAME);
        });

        it("Noncompliance: AdministratorAccess behind MFA and CIDRs that together cover all of IPv4; a narrower configured limit refuses two /24s", async () => {
            const broad = trustPolicy({ IpAddress: { "aws:SourceIp": [OFFICE, "0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"] }, Bool: { "aws:MultiFactorAuthPresent": "true" } });
            const found = (binds: string) =>
                "Role 'app-role' holds full access through AWS managed policy AdministratorAccess attached by RolePolicyAttachment 'app-role-admin' (statement 1 allows Action \"*\" on \"*\"), " +
                `and its trust does not require both MFA and a network condition: statement 1 binds ${binds}. ${FULL_WHY}`;
            assertViolations(await runRule(rule, [...withProps(goodStack(), "app-role", { assumeRolePolicy: broad }), admin()]), NAME, [
                { urn: urn(T.role, "app-role"), message: found('Bool aws:MultiFactorAuthPresent "true"') },
            ]);
            const two = trustPolicy({ IpAddress: { "aws:SourceIp": [OFFICE, "203.0.113.0/24"] }, Bool: { "aws:MultiFactorAuthPresent": "true" } });
            const stack = [...withProps(goodStack(), "app-role", { assumeRolePolicy: two }), admin()];
            assertNoViolations(await runRule(rule, stack), NAME);
            assertViolations(await runRule(rule, stack, { widestIpv4Prefix: 24 }), NAME, [{ urn: urn(T.role, "app-role"), message: found('Bool aws:MultiFactorAuthPresent "true"') }]);
        });

        it("Noncompliance: PowerUserAccess (NotAction) on a role outside the stack", async () => {
            const attach = resource(T.rolePolicyAttachment, "ext", { role: "legacy-admin", policyArn: "arn:aws:iam::aws:policy/PowerUserAccess" });
            assertViolations(await runRule(rule, [...goodStack(), attach]), NAME, [
                {
                    urn: urn(T.rolePolicyAttachment, "ext"),
                    message:
                        "Role 'legacy-admin' holds full access through AWS managed policy PowerUserAccess attached by RolePolicyAttachment 'ext' (statement 1 allows NotAction \"iam:*\", \"organizations:*\" and \"account:*\" on \"*\"), " +
                        `and the role is not defined in this stack, so its trust cannot be checked. ${FULL_WHY}`,
                },
            ]);
        });

        it("Noncompliance: the role's inline policy is unknown during preview", async () => {
            const result = await runRule(rule, withProps(goodStack(), "app-role", { inlinePolicies: UNKNOWN }));
            assertViolations(result, NAME, [
                {
                    urn: urn(T.role, "app-role"),
                    message: unknownMessage("Role 'app-role'", "string value at .inlinePolicies can't be known during preview", "iam-data-permissions-scoped"),
                },
            ]);
        });
    });

    describe("roles a user can assume: every data service of the catalogue names its resources", () => {
        const REGION = "eu-west-1";
        const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
        const items = "inline RolePolicy 'app-role-items'";
        const bad: [string, Record<string, unknown>, string][] = [
            ["s3:* on *", { Effect: "Allow", Action: "s3:*", Resource: "*" }, 'statement 1 allows "s3:*" (s3:GetObject, s3:GetObjectVersion and 44 more) on "*"'],
            ["s3:GetObject on every object of every bucket", { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::*/*" }, 'statement 1 allows "s3:GetObject" on "arn:aws:s3:::*/*"'],
            ["s3:ListBucket on every bucket", { Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::*" }, 'statement 1 allows "s3:ListBucket" on "arn:aws:s3:::*"'],
            ["a bucket-name pattern", { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::exports-*/*" }, 'statement 1 allows "s3:GetObject" on "arn:aws:s3:::exports-*/*"'],
            ["every access point", { Effect: "Allow", Action: "s3:GetObject", Resource: arn("s3", "accesspoint/*") }, `statement 1 allows "s3:GetObject" on "${arn("s3", "accesspoint/*")}"`],
            ["secretsmanager:GetSecretValue on *", { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" }, 'statement 1 allows "secretsmanager:GetSecretValue" on "*"'],
            ["every secret by a type wildcard", { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: arn("secretsmanager", "secret:*") }, `statement 1 allows "secretsmanager:GetSecretValue" on "${arn("secretsmanager", "secret:*")}"`],
            ["kms:Decrypt on every key", { Effect: "Allow", Action: "kms:Decrypt", Resource: arn("kms", "key/*") }, `statement 1 allows "kms:Decrypt" on "${arn("kms", "key/*")}"`],
            ["sqs:ReceiveMessage on every queue", { Effect: "Allow", Action: "sqs:ReceiveMessage", Resource: "arn:aws:sqs:*:*:*" }, 'statement 1 allows "sqs:ReceiveMessage" on "arn:aws:sqs:*:*:*"'],
            ["kinesis reads through NotResource", { Effect: "Allow", Action: "kinesis:GetRecords", NotResource: arn("kinesis", "stream/audit") }, `statement 1 allows "kinesis:GetRecords" on NotResource ["${arn("kinesis", "stream/audit")}"]`],
        ];
        for (const [title, statement, found] of bad) {
            it(`Noncompliance: ${title}`, async () => {
                assertViolations(await runRule(rule, withRolePolicy(doc(statement))), NAME, [{ urn: urn(T.role, "app-role"), message: assumable(`${items}: ${found}`) }]);
            });
        }

        it("Noncompliance: a vendor account's users, through an account principal", async () => {
            const stack = withProps(withRolePolicy(doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::*/*" })), "app-role", {
                assumeRolePolicy: trustPolicy({ StringEquals: { "sts:ExternalId": "acme-1" } }, { AWS: "arn:aws:iam::222222222222:root" }),
            });
            assertViolations(await runRule(rule, stack), NAME, [{ urn: urn(T.role, "app-role"), message: assumable(`${items}: statement 1 allows "s3:GetObject" on "arn:aws:s3:::*/*"`, "any user of account 222222222222") }]);
        });

        it("Compliance: a bucket prefix, named secrets, keys, queues and streams, each statement judged against its own service's ARNs", async () => {
            const policy = JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::exports/vendor/*" },
                    { Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::exports", Condition: { StringLike: { "s3:prefix": "vendor/*" } } },
                    { Effect: "Allow", Action: "s3:GetObject", Resource: arn("s3", "accesspoint/exports/object/*") },
                    { Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [arn("secretsmanager", "secret:api-key-*"), arn("secretsmanager", "secret:db-AbCdEf")] },
                    { Effect: "Allow", Action: "secretsmanager:BatchGetSecretValue", Resource: "*" },
                    { Effect: "Allow", Action: "kms:Decrypt", Resource: arn("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab") },
                    { Effect: "Allow", Action: ["sqs:SendMessage", "s3:PutObject"], Resource: [arn("sqs", "jobs"), "arn:aws:s3:::exports/in/*"] },
                    { Effect: "Allow", Action: "kinesis:GetRecords", Resource: arn("kinesis", "stream/events") },
                    { Effect: "Allow", Action: "logs:FilterLogEvents", Resource: arn("logs", "log-group:/app/api:*") },
                ],
            });
            assertNoViolations(await runRule(rule, withRolePolicy(policy)), NAME);
        });

        it("Compliance: a Lambda service role with s3:* and logs:* on *, and a role only another role can assume", async () => {
            const wide = doc({ Effect: "Allow", Action: ["s3:*", "logs:*"], Resource: "*" });
            const service = withProps(withRolePolicy(wide), "app-role", { assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }) });
            assertNoViolations(await runRule(rule, service), NAME);
            const chained = withProps(withRolePolicy(wide), "app-role", { assumeRolePolicy: trustPolicy(undefined, { AWS: `arn:aws:iam::${ACCOUNT}:role/ci` }) });
            assertNoViolations(await runRule(rule, chained), NAME);
        });
    });
});
