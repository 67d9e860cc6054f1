import { iamUserNoDirectDataAccess as rule } from "../../../policypack/rules/iam-user-no-direct-data-access";
import { assertNoViolations, assertViolations, runRule, unknownMessage } from "../assertions";
import { ACCOUNT, ARN, doc, goodStack, resource, T, UNKNOWN, UNKNOWN_ARRAY, urn, withProps } from "../fixtures";

const NAME = "iam-user-no-direct-data-access";
const WHY =
    "A leaked access key of this user reaches the data directly, with no role, source-IP, external-ID or MFA condition in between. " +
    "Fix: let the user call only sts:AssumeRole on a guarded role, and grant the data access to that role.";
const data = (via: string, found: string, user = "app-user") => `IAM user '${user}' can perform data-plane actions through ${via}: ${found}. ${WHY}`;
const INLINE = urn(T.userPolicy, "app-user-assume");
const USER = urn(T.user, "app-user");

/** The good stack with the user's inline policy replaced. */
const withUserPolicy = (policy: unknown) => withProps(goodStack(), "app-user-assume", { policy });
const user = () => goodStack().find(r => r.name === "app-user")!;

describe("rule iam-user-no-direct-data-access", () => {
    it("Compliance: assume-only user with a Deny outside the office", async () => {
        assertNoViolations(await runRule(rule, goodStack()));
    });

    it("Compliance: Deny statements naming data actions grant nothing", async () => {
        assertNoViolations(await runRule(rule, withUserPolicy(doc({ Effect: "Deny", Action: "dynamodb:*", Resource: "*" }))));
    });

    describe("Noncompliance: inline policy bypass variants", () => {
        const cases: [string, Record<string, unknown>, string][] = [
            ["Action *", { Effect: "Allow", Action: "*", Resource: "*" }, 'statement 1 allows Action "*", reaching dynamodb:GetItem, dynamodb:PutItem, dynamodb:UpdateItem and 134 more'],
            ["dynamodb:*", { Effect: "Allow", Action: "dynamodb:*", Resource: ARN.table }, 'statement 1 allows Action "dynamodb:*", reaching dynamodb:GetItem, dynamodb:PutItem, dynamodb:UpdateItem and 25 more'],
            ["dynamo*:get* spanning the service", { Effect: "Allow", Action: "Dynamo*:Get*", Resource: "*" }, 'statement 1 allows Action "Dynamo*:Get*", reaching dynamodb:GetItem, dynamodb:GetRecords and dynamodb:GetShardIterator'],
            ["? pattern", { Effect: "Allow", Action: ["sts:AssumeRole", "dynamodb:GetIte?"], Resource: "*" }, 'statement 1 allows Action "dynamodb:GetIte?", reaching dynamodb:GetItem'],
            ["mixed case", { Effect: "allow", Action: "DYNAMODB:getitem", Resource: "*" }, 'statement 1 allows Action "DYNAMODB:getitem", reaching dynamodb:GetItem'],
            ["*:GetObject", { Effect: "Allow", Action: "*:GetObject", Resource: "*" }, 'statement 1 allows Action "*:GetObject", reaching s3:GetObject and s3-object-lambda:GetObject'],
            ["NotAction", { Effect: "Allow", NotAction: "iam:*", Resource: "*" }, 'statement 1 allows NotAction "iam:*", reaching dynamodb:GetItem, dynamodb:PutItem, dynamodb:UpdateItem and 134 more'],
            [
                "NotAction excluding DynamoDB and S3 still reaches secrets",
                { Effect: "Allow", NotAction: ["dynamodb:*", "s3:*", "dax:*", "s3*:*", "kms:*", "sqs:*", "kinesis:*", "ssm:*", "rds-data:*", "redshift-data:*", "athena:*", "timestream:*", "logs:*", "es:*", "aoss:*"], Resource: "*" },
                'statement 1 allows NotAction "dynamodb:*", "s3:*", "dax:*" and 12 more, reaching secretsmanager:GetSecretValue, secretsmanager:BatchGetSecretValue and secretsmanager:PutSecretValue',
            ],
            ["a condition on the Allow", { Sid: "OfficeOnly", Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "198.51.100.0/24" } } }, 'statement 1 ("OfficeOnly") allows Action "s3:GetObject", reaching s3:GetObject'],
            ["secrets", { Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "kms:Decrypt"], Resource: "*" }, 'statement 1 allows Action "secretsmanager:GetSecretValue" and "kms:Decrypt", reaching secretsmanager:GetSecretValue and kms:Decrypt'],
        ];
        for (const [title, statement, found] of cases) {
            it(`Noncompliance: ${title}`, async () => {
                assertViolations(await runRule(rule, withUserPolicy(doc(statement))), NAME, [{ urn: INLINE, message: data("inline UserPolicy 'app-user-assume'", found) }]);
            });
        }
    });

    it("Noncompliance: Statement and Action as scalars in a document given as an object", async () => {
        const result = await runRule(rule, withUserPolicy({ Statement: { Effect: "Allow", Action: "dynamodb:Scan", Resource: "*" } }));
        assertViolations(result, NAME, [{ urn: INLINE, message: data("inline UserPolicy 'app-user-assume'", 'statement 1 allows Action "dynamodb:Scan", reaching dynamodb:Scan') }]);
    });

    it("Noncompliance: malformed JSON fails closed", async () => {
        const result = await runRule(rule, withUserPolicy('{"Statement": ['));
        assertViolations(result, NAME, [
            {
                urn: INLINE,
                message:
                    "IAM user 'app-user' receives a policy document that cannot be parsed through inline UserPolicy 'app-user-assume': the document is not valid JSON (Unexpected end of JSON input). " +
                    "What it grants cannot be checked, so the pack fails closed. Fix: give UserPolicy 'app-user-assume' valid IAM policy JSON.",
            },
        ]);
    });

    it("Noncompliance: a document that is not an object fails closed", async () => {
        const result = await runRule(rule, withUserPolicy(42));
        assertViolations(result, NAME, [
            {
                urn: INLINE,
                message:
                    "IAM user 'app-user' receives a policy document that cannot be parsed through inline UserPolicy 'app-user-assume': the document is the number 42, not a JSON object or JSON text. " +
                    "What it grants cannot be checked, so the pack fails closed. Fix: give UserPolicy 'app-user-assume' valid IAM policy JSON.",
            },
        ]);
    });

    describe("AWS managed policies attached to the user", () => {
        const attach = (policyArn: string) => [...goodStack(), resource(T.userPolicyAttachment, "attach", { user: "app-user", policyArn }, { user: [user()] })];
        const ATTACH = urn(T.userPolicyAttachment, "attach");

        it("Noncompliance: AmazonDynamoDBFullAccess", async () => {
            const result = await runRule(rule, attach("arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess"));
            assertViolations(result, NAME, [
                {
                    urn: ATTACH,
                    message: data(
                        "AWS managed policy AmazonDynamoDBFullAccess attached by UserPolicyAttachment 'attach'",
                        'statement 1 allows Action "dynamodb:*" and "dax:*", reaching dynamodb:GetItem, dynamodb:PutItem, dynamodb:UpdateItem and 34 more',
                    ),
                },
            ]);
        });

        it("Noncompliance: AdministratorAccess in the aws-cn partition resolves to the same document", async () => {
            const result = await runRule(rule, attach("arn:aws-cn:iam::aws:policy/AdministratorAccess"));
            assertViolations(result, NAME, [
                {
                    urn: ATTACH,
                    message: data("AWS managed policy AdministratorAccess attached by UserPolicyAttachment 'attach'", 'statement 1 allows Action "*", reaching dynamodb:GetItem, dynamodb:PutItem, dynamodb:UpdateItem and 134 more'),
                },
            ]);
        });

        it("Noncompliance: an AWS managed ARN unknown to the pack", async () => {
            const result = await runRule(rule, attach("arn:aws:iam::aws:policy/NoSuchPolicy"));
            assertViolations(result, NAME, [
                {
                    urn: ATTACH,
                    message:
                        "IAM user 'app-user' is attached arn:aws:iam::aws:policy/NoSuchPolicy through AWS managed policy NoSuchPolicy attached by UserPolicyAttachment 'attach', an AWS managed policy this pack does not know. " +
                        "Its permissions cannot be checked, so the pack fails closed. Fix: attach a known policy, or refresh policypack/data with scripts/refresh-managed-policies.ts if AWS published it recently.",
                },
            ]);
        });

        it("Compliance: a managed policy without data actions (IAMUserChangePassword)", async () => {
            assertNoViolations(await runRule(rule, attach("arn:aws:iam::aws:policy/IAMUserChangePassword")));
        });

        it("Noncompliance: ReadOnlyAccess through PolicyAttachment with users", async () => {
            const stack = [...goodStack(), resource(T.policyAttachment, "ro", { users: ["app-user"], policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" })];
            const result = await runRule(rule, stack);
            assertViolations(result, NAME, [
                {
                    urn: urn(T.policyAttachment, "ro"),
                    message: data(
                        "AWS managed policy ReadOnlyAccess attached by PolicyAttachment 'ro'",
                        'statement 1 allows Action "athena:Get*", "dax:BatchGetItem", "dax:GetItem" and 9 more, reaching dynamodb:GetItem, dynamodb:BatchGetItem, dynamodb:Query and 12 more; ' +
                            'statement 2 allows Action "kinesis:Get*", "logs:FilterLogEvents", "logs:Get*" and 12 more, reaching s3:GetObject, s3:GetObjectVersion, s3:GetObjectAcl and 37 more; ' +
                            'statement 3 allows Action "s3express:CreateSession", reaching s3express:CreateSession',
                    ),
                },
            ]);
        });
    });

    describe("customer policies", () => {
        const POLICY = doc({ Effect: "Allow", Action: "dynamodb:Query", Resource: ARN.table });
        const customer = (arn: unknown) => resource(T.policy, "reader", { name: "reader", policy: POLICY, arn });

        it("Noncompliance: attached by its ARN as a string", async () => {
            const stack = [...goodStack(), customer(`arn:aws:iam::${ACCOUNT}:policy/reader`), resource(T.userPolicyAttachment, "attach", { user: "app-user", policyArn: `arn:aws:iam::${ACCOUNT}:policy/reader` })];
            assertViolations(await runRule(rule, stack), NAME, [{ urn: USER, message: data("Policy 'reader' attached by UserPolicyAttachment 'attach'", 'statement 1 allows Action "dynamodb:Query", reaching dynamodb:Query') }]);
        });

        it("Noncompliance: attached through a propertyDependency while its ARN is unknown", async () => {
            const policy = customer(UNKNOWN);
            const stack = [...goodStack(), policy, resource(T.userPolicyAttachment, "attach", { user: "app-user", policyArn: UNKNOWN }, { user: [user()], policyArn: [policy] })];
            assertViolations(await runRule(rule, stack), NAME, [{ urn: USER, message: data("Policy 'reader' attached by UserPolicyAttachment 'attach'", 'statement 1 allows Action "dynamodb:Query", reaching dynamodb:Query') }]);
        });

        it("Noncompliance: a customer ARN the stack does not define fails closed", async () => {
            const stack = [...goodStack(), resource(T.userPolicyAttachment, "attach", { user: "app-user", policyArn: `arn:aws:iam::${ACCOUNT}:policy/elsewhere` })];
            assertViolations(await runRule(rule, stack), NAME, [
                {
                    urn: USER,
                    message:
                        `IAM user 'app-user' is attached arn:aws:iam::${ACCOUNT}:policy/elsewhere through policy arn:aws:iam::${ACCOUNT}:policy/elsewhere attached by UserPolicyAttachment 'attach', a policy defined outside this stack. ` +
                        "Its permissions cannot be checked, so the pack fails closed. Fix: define the policy in this stack so that the pack can read it.",
                },
            ]);
        });
    });

    describe("groups", () => {
        const group = resource(T.group, "readers", { name: "readers", path: "/teams/" });
        const groupPolicy = resource(T.groupPolicy, "readers-inline", { group: "readers", policy: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }) });
        const found = 'statement 1 allows Action "s3:GetObject", reaching s3:GetObject';

        it("Noncompliance: GroupMembership adds the user to a group with a data policy", async () => {
            const stack = [...goodStack(), group, groupPolicy, resource(T.groupMembership, "members", { group: "readers", users: ["app-user"] })];
            assertViolations(await runRule(rule, stack), NAME, [{ urn: USER, message: data("inline GroupPolicy 'readers-inline', of group 'readers' joined through GroupMembership 'members'", found) }]);
        });

        it("Noncompliance: UserGroupMembership from the user's side, by group ARN", async () => {
            const stack = [...goodStack(), group, groupPolicy, resource(T.userGroupMembership, "joins", { user: "app-user", groups: [`arn:aws:iam::${ACCOUNT}:group/teams/readers`] })];
            assertViolations(await runRule(rule, stack), NAME, [{ urn: USER, message: data("inline GroupPolicy 'readers-inline', of group 'readers' joined through UserGroupMembership 'joins'", found) }]);
        });

        it("Noncompliance: a managed policy on the group, membership followed through propertyDependencies", async () => {
            const membership = resource(T.groupMembership, "members", { group: UNKNOWN, users: [UNKNOWN] }, { group: [group], users: [user()] });
            const attach = resource(T.groupPolicyAttachment, "g-ro", { group: "readers", policyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" });
            assertViolations(await runRule(rule, [...goodStack(), group, attach, membership]), NAME, [
                {
                    urn: USER,
                    message: data(
                        "AWS managed policy AmazonS3ReadOnlyAccess attached by GroupPolicyAttachment 'g-ro', of group 'readers' joined through GroupMembership 'members'",
                        'statement 1 allows Action "s3:Get*", "s3:List*", "s3-object-lambda:Get*" and 1 more, reaching s3:GetObject, s3:GetObjectVersion, s3:GetObjectAcl and 23 more',
                    ),
                },
            ]);
        });

        it("Compliance: a data group without the user", async () => {
            assertNoViolations(await runRule(rule, [...goodStack(), group, groupPolicy]));
        });

        it("Noncompliance: PolicyAttachment to the group of a customer policy", async () => {
            const policy = resource(T.policy, "reader", { name: "reader", policy: doc({ Effect: "Allow", Action: "dynamodb:GetItem", Resource: ARN.table }) });
            const stack = [...goodStack(), group, policy, resource(T.groupMembership, "members", { group: "readers", users: ["app-user"] }), resource(T.policyAttachment, "pa", { groups: ["readers"], policyArn: UNKNOWN }, { policyArn: [policy] })];
            assertViolations(await runRule(rule, stack), NAME, [
                { urn: USER, message: data("Policy 'reader' attached by PolicyAttachment 'pa', of group 'readers' joined through GroupMembership 'members'", 'statement 1 allows Action "dynamodb:GetItem", reaching dynamodb:GetItem') },
            ]);
        });
    });

    describe("resource policies", () => {
        const statement = (principal: unknown) => ({ Effect: "Allow", Principal: principal, Action: ["dynamodb:GetItem", "dynamodb:DescribeTable"], Resource: ARN.table });
        const tablePolicy = (principal: unknown) => resource(T.tableResourcePolicy, "items-policy", { resourceArn: ARN.table, policy: doc(statement(principal)) });
        const found = 'statement 1 allows Action "dynamodb:GetItem", reaching dynamodb:GetItem';

        it("Noncompliance: a DynamoDB resource policy naming the user's ARN", async () => {
            assertViolations(await runRule(rule, [...goodStack(), tablePolicy({ AWS: ARN.user })]), NAME, [{ urn: USER, message: data("resource policy ResourcePolicy 'items-policy'", found) }]);
        });

        it("Compliance: a bucket policy naming the account root delegates to the user's identity policies (iam-simulate: ImplicitlyDenied, test/access/resourcePolicies.test.ts)", async () => {
            const bucketPolicy = resource(T.bucketPolicy, "b-policy", { bucket: "b", policy: { Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "s3:PutObject", Resource: "arn:aws:s3:::b/*" }] } });
            assertNoViolations(await runRule(rule, [...goodStack(), bucketPolicy]));
        });

        it("Noncompliance: a user the stack does not define, named by a resource policy, is reported against the policy", async () => {
            const bob = `arn:aws:iam::${ACCOUNT}:user/bob`;
            assertViolations(await runRule(rule, [...goodStack(), tablePolicy({ AWS: bob })]), NAME, [
                { urn: urn(T.tableResourcePolicy, "items-policy"), message: data("resource policy ResourcePolicy 'items-policy'", found, bob) },
            ]);
        });

        it('Noncompliance: Principal "*"', async () => {
            assertViolations(await runRule(rule, [...goodStack(), tablePolicy("*")]), NAME, [{ urn: USER, message: data("resource policy ResourcePolicy 'items-policy'", found) }]);
        });

        it("Compliance: a resource policy naming only a role", async () => {
            assertNoViolations(await runRule(rule, [...goodStack(), tablePolicy({ AWS: ARN.role })]));
        });
    });

    describe("unknown values during preview", () => {
        it("Noncompliance: the inline policy is unknown", async () => {
            assertViolations(await runRule(rule, withUserPolicy(UNKNOWN)), NAME, [
                {
                    urn: INLINE,
                    message: unknownMessage("UserPolicy 'app-user-assume'", "string value at .policy can't be known during preview", "iam-user-no-direct-data-access"),
                },
            ]);
        });

        it("Noncompliance: a membership whose users are unknown and not traceable", async () => {
            const stack = [...goodStack(), resource(T.groupMembership, "members", { group: "readers", users: UNKNOWN_ARRAY })];
            const result = await runRule(rule, stack);
            assertViolations(result, NAME, [
                {
                    urn: urn(T.groupMembership, "members"),
                    message: unknownMessage("GroupMembership 'members'", "Array value at .users can't be known during preview", "iam-user-no-direct-data-access"),
                },
            ]);
        });

        it('Compliance with advisory: onUnknown "warn" lets the runtime downgrade', async () => {
            const result = await runRule(rule, withUserPolicy(UNKNOWN), { onUnknown: "warn" });
            assertViolations(result, NAME, [{ urn: INLINE, message: "can't run policy 'iam-user-no-direct-data-access' from policy pack 'assume-guard@v0.1.0' during preview: string value at .policy can't be known during preview" }]);
        });
    });

    it("Noncompliance: a user outside the stack named by an attachment", async () => {
        const stack = [...goodStack(), resource(T.policyAttachment, "legacy", { users: ["legacy-user"], policyArn: "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess" })];
        const result = await runRule(rule, stack);
        assertViolations(result, NAME, [
            {
                urn: urn(T.policyAttachment, "legacy"),
                message: data(
                    "AWS managed policy AmazonDynamoDBReadOnlyAccess attached by PolicyAttachment 'legacy'",
                    'statement 1 allows Action "dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query" and 6 more, reaching dynamodb:GetItem, dynamodb:BatchGetItem, dynamodb:Query and 6 more',
                    "legacy-user",
                ),
            },
        ]);
    });

    it("Compliance with a recorded exemption: the exempted user's violation is suppressed and reported", async () => {
        const stack = [...goodStack(), resource(T.userPolicyAttachment, "attach", { user: "app-user", policyArn: "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess" })];
        const result = await runRule(rule, stack, { exemptions: [{ resource: "app-*", reason: "break-glass user, reviewed 2025-01" }] });
        assertViolations(result, NAME, []);
        assertViolations(result, "assume-guard-exemptions-used", [
            {
                urn: urn(T.userPolicyAttachment, "attach"),
                message:
                    "iam-user-no-direct-data-access did not report 'attach' because of the exemption \"app-*\": break-glass user, reviewed 2025-01. " +
                    "An exempted resource is not checked by that rule. Fix: remove the exemption from the iam-user-no-direct-data-access config once the resource complies.",
            },
        ]);
    });
});
