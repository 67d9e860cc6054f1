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
});
