import * as assert from "assert";

import { EXPECTED_DYNAMODB_READ, EXPECTED_DYNAMODB_WRITE } from "./support/expected";
import { MockedRun } from "../gate/mockRuntime";
import { doc, only, programRefusal, runStack } from "./support/mocked";

const SECRET_SIG = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

const READ_WRITE = [...EXPECTED_DYNAMODB_READ, ...EXPECTED_DYNAMODB_WRITE];

/** How a component's user receives its policy: the group, its managed policy's document, the attachment and the membership. */
function grantOf(run: MockedRun, component: string) {
    return {
        group: only(run, "aws:iam/group:Group", `${component}-group`).inputs,
        policy: doc(only(run, "aws:iam/policy:Policy", `${component}-assume`)),
        attachment: only(run, "aws:iam/groupPolicyAttachment:GroupPolicyAttachment", `${component}-attach`).inputs,
        membership: only(run, "aws:iam/userGroupMembership:UserGroupMembership", `${component}-membership`).inputs,
    };
}

describe("index (the program)", () => {
    it("dev: wires the assume-only user to the office-only role and the deletable table", async () => {
        const run = await runStack("dev");
        const { secretAccessKey, accessKeyId, awsCliProfiles, operatorAccessKeyId, operatorSecretAccessKey, operatorUserName, ...plain } = run.outputs;
        assert.deepStrictEqual(plain, {
            roleArn: "arn:aws:iam::123456789012:role/assume-guard-dev-connector",
            userName: "assume-guard-dev-user",
            tableName: "assume-guard-dev-items",
            tableArn: "arn:aws:dynamodb:eu-west-1:123456789012:table/assume-guard-dev-items",
            awsCliProfile:
                "[profile assume-guard-dev-connector]\n" +
                "role_arn = arn:aws:iam::123456789012:role/assume-guard-dev-connector\n" +
                "source_profile = assume-guard-dev-user\n" +
                "duration_seconds = 7200\n" +
                "region = eu-west-1\n",
        });
        assert.deepStrictEqual(awsCliProfiles, {
            connector: plain["awsCliProfile"],
            operator:
                "[profile assume-guard-dev-operator-admin]\n" +
                "role_arn = arn:aws:iam::123456789012:role/assume-guard-dev-operator-admin\n" +
                "source_profile = assume-guard-dev-operator\n" +
                "mfa_serial = arn:aws:iam::123456789012:mfa/assume-guard-dev-operator\n" +
                "duration_seconds = 3600\n" +
                "region = eu-west-1\n",
        });
        // The connector's key and the operator's, each secret a Pulumi secret.
        for (const [id, secret] of [[accessKeyId, secretAccessKey], [operatorAccessKeyId, operatorSecretAccessKey]]) {
            assert.match(id as string, /^AKIA[A-Z2-7]{16}$/);
            assert.deepStrictEqual(Object.keys(secret as object), [...Object.keys(SECRET_SIG), "value"]);
            assert.strictEqual((secret as Record<string, string>)["4dabf18193072939515e22adb298388d"], SECRET_SIG["4dabf18193072939515e22adb298388d"]);
        }
        assert.notStrictEqual(operatorAccessKeyId, accessKeyId);
        assert.strictEqual(operatorUserName, "assume-guard-dev-operator");

        assert.deepStrictEqual(grantOf(run, "connector"), {
            group: { name: "assume-guard-dev-user-assume-only", path: "/" },
            policy: {
                Version: "2012-10-17",
                Statement: [
                    { Sid: "AssumeGuardedRoles", Effect: "Allow", Action: "sts:AssumeRole", Resource: "arn:aws:iam::123456789012:role/assume-guard-dev-connector" },
                    {
                        Sid: "DenyOutsideAllowedNetworks",
                        Effect: "Deny",
                        Action: "*",
                        Resource: "*",
                        Condition: { NotIpAddress: { "aws:SourceIp": "198.51.100.0/24" }, Bool: { "aws:ViaAWSService": "false" } },
                    },
                ],
            },
            attachment: { group: "assume-guard-dev-user-assume-only", policyArn: "arn:aws:iam::123456789012:policy/assume-guard-dev-user-assume-only" },
            membership: { user: "assume-guard-dev-user", groups: ["assume-guard-dev-user-assume-only"] },
        });
        // FSBP IAM.2, CIS 1.15: no user holds a policy of its own.
        assert.deepStrictEqual(run.resources.filter(r => /^aws:iam\/(userPolicy|userPolicyAttachment|userPolicyAttachmentsExclusive|policyAttachment):/.test(r.type)), []);
        const role = only(run, "aws:iam/role:Role", "connector-role");
        assert.deepStrictEqual(doc(role, "assumeRolePolicy"), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "TrustConditionedPrincipals",
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::123456789012:user/assume-guard-dev-user" },
                    Action: "sts:AssumeRole",
                    Condition: { IpAddress: { "aws:SourceIp": "198.51.100.0/24" } },
                },
            ],
        });
        assert.strictEqual(role.inputs["maxSessionDuration"], 7200);
        // The role waits for the user it trusts: IAM refuses a trust policy naming a user that does not exist yet.
        assert.deepStrictEqual(role.propertyDependencies["assumeRolePolicy"], [only(run, "aws:iam/user:User", "connector-user").urn]);
        const table = only(run, "aws:dynamodb/table:Table");
        assert.deepStrictEqual(
            [table.inputs["deletionProtectionEnabled"], table.inputs["pointInTimeRecovery"], table.inputs["rangeKey"]],
            [false, { enabled: true }, "sk"],
        );
        const tableArn = "arn:aws:dynamodb:eu-west-1:123456789012:table/assume-guard-dev-items";
        assert.deepStrictEqual(doc(only(run, "aws:iam/rolePolicy:RolePolicy")), {
            Version: "2012-10-17",
            Statement: [
                { Sid: "TableData", Effect: "Allow", Action: READ_WRITE, Resource: [tableArn, `${tableArn}/index/*`] },
                { Sid: "ListTables", Effect: "Allow", Action: "dynamodb:ListTables", Resource: "*" },
            ],
        });
    });

    it("dev: adds the operator pattern, an admin role reachable only from the office with fresh MFA", async () => {
        const run = await runStack("dev");
        assert.deepStrictEqual(grantOf(run, "operator"), {
            group: { name: "assume-guard-dev-operator-assume-only", path: "/" },
            attachment: { group: "assume-guard-dev-operator-assume-only", policyArn: "arn:aws:iam::123456789012:policy/assume-guard-dev-operator-assume-only" },
            membership: { user: "assume-guard-dev-operator", groups: ["assume-guard-dev-operator-assume-only"] },
            policy: {
                Version: "2012-10-17",
                Statement: [
                    { Sid: "AssumeGuardedRoles", Effect: "Allow", Action: "sts:AssumeRole", Resource: "arn:aws:iam::123456789012:role/assume-guard-dev-operator-admin" },
                    {
                        Sid: "DenyOutsideAllowedNetworks",
                        Effect: "Deny",
                        Action: "*",
                        Resource: "*",
                        Condition: { NotIpAddress: { "aws:SourceIp": "198.51.100.0/24" }, Bool: { "aws:ViaAWSService": "false" } },
                    },
                    {
                        Sid: "DenyAssumeRoleWithoutMfa",
                        Effect: "Deny",
                        Action: "sts:AssumeRole",
                        Resource: "*",
                        Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
                    },
                ],
            },
        });
        const admin = only(run, "aws:iam/role:Role", "operator-admin-role");
        assert.strictEqual(admin.inputs["maxSessionDuration"], 3600);
        assert.deepStrictEqual(doc(admin, "assumeRolePolicy"), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "TrustConditionedPrincipals",
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::123456789012:user/assume-guard-dev-operator" },
                    Action: "sts:AssumeRole",
                    Condition: {
                        IpAddress: { "aws:SourceIp": "198.51.100.0/24" },
                        Bool: { "aws:MultiFactorAuthPresent": "true" },
                        NumericLessThan: { "aws:MultiFactorAuthAge": "3600" },
                    },
                },
            ],
        });
        assert.deepStrictEqual(only(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").inputs, {
            role: "assume-guard-dev-operator-admin",
            policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
        });
    });

    it("prod: trusts only the connector's egress ranges, with a one-hour session and a protected table", async () => {
        const run = await runStack("prod");
        const cidrs = ["35.90.103.132/30", "44.208.168.68/30"];
        assert.deepStrictEqual((doc(only(run, "aws:iam/role:Role", "connector-role"), "assumeRolePolicy") as { Statement: unknown[] }).Statement, [
            {
                Sid: "TrustConditionedPrincipals",
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::123456789012:user/assume-guard-prod-user" },
                Action: "sts:AssumeRole",
                Condition: { IpAddress: { "aws:SourceIp": cidrs } },
            },
        ]);
        assert.strictEqual(only(run, "aws:iam/role:Role", "connector-role").inputs["maxSessionDuration"], 3600);
        assert.strictEqual(only(run, "aws:dynamodb/table:Table").inputs["deletionProtectionEnabled"], true);
        assert.deepStrictEqual(
            (doc(only(run, "aws:iam/policy:Policy", "connector-assume")) as { Statement: { Condition?: unknown }[] }).Statement[1].Condition,
            { NotIpAddress: { "aws:SourceIp": cidrs }, Bool: { "aws:ViaAWSService": "false" } },
        );
        assert.strictEqual(run.outputs["tableArn"], "arn:aws:dynamodb:us-east-1:123456789012:table/assume-guard-prod-items");
        // No operator: no operator outputs.
        assert.deepStrictEqual(Object.keys(run.outputs).filter(k => k.startsWith("operator")), []);
    });

    it("with MFA, external IDs and an account, the profile names the MFA device and the external ID", async () => {
        const run = await runStack("dev", {
            "assume-guard:requireMfa": "true",
            "assume-guard:maxMfaAgeSeconds": "900",
            "assume-guard:externalIds": '["retool-7f3a"]',
            "assume-guard:accountId": "210987654321",
            "aws:allowedAccountIds": '["210987654321"]', // the two must agree
        });
        assert.strictEqual(
            run.outputs["awsCliProfile"],
            "[profile assume-guard-dev-connector]\n" +
                "role_arn = arn:aws:iam::210987654321:role/assume-guard-dev-connector\n" +
                "source_profile = assume-guard-dev-user\n" +
                "mfa_serial = arn:aws:iam::210987654321:mfa/assume-guard-dev-user\n" +
                "external_id = retool-7f3a\n" +
                "duration_seconds = 7200\n" +
                "region = eu-west-1\n",
        );
        assert.deepStrictEqual((doc(only(run, "aws:iam/role:Role", "connector-role"), "assumeRolePolicy") as { Statement: { Condition: unknown }[] }).Statement[0].Condition, {
            IpAddress: { "aws:SourceIp": "198.51.100.0/24" },
            StringEquals: { "sts:ExternalId": "retool-7f3a" },
            Bool: { "aws:MultiFactorAuthPresent": "true" },
            NumericLessThan: { "aws:MultiFactorAuthAge": "900" },
        });
    });

    it("deploys into the account aws:allowedAccountIds names (the gate's mocks answer getCallerIdentity with it)", async () => {
        const run = await runStack("prod", { "aws:allowedAccountIds": '["210987654321"]' });
        assert.deepStrictEqual([run.environment.accountId, run.outputs["roleArn"]], ["210987654321", "arn:aws:iam::210987654321:role/assume-guard-prod-connector"]);
    });

    describe("documentation CIDRs (the example stacks' 198.51.100.0/24)", () => {
        const DEV_CIDRS =
            "assume-guard:allowedCidrs holds 198.51.100.0/24 and assume-guard:operatorCidrs holds 198.51.100.0/24: documentation ranges (RFC 5737, RFC 3849) that no real network uses, kept in the example stack files; ";
        const FIX =
            "Fix: set the public egress CIDRs the connector (allowedCidrs) and the operator's office (operatorCidrs) call AWS from, e.g. pulumi config set --path 'assume-guard:allowedCidrs[0]' <your CIDR>.";

        it("a preview of dev warns, once, naming each key, and registers the stack", async () => {
            const run = await runStack("dev");
            assert.deepStrictEqual(run.warnings, [`${DEV_CIDRS}pulumi up refuses this stack until they are replaced. ${FIX}`]);
            assert.ok(run.resources.some(r => r.type === "aws:iam/role:Role"));
        });

        it("pulumi up of dev is refused before anything is registered", async () => {
            assert.deepStrictEqual(await programRefusal("dev", {}), {
                message: `${DEV_CIDRS}pulumi up refuses to deploy roles that would trust them. ${FIX}`,
                types: ["pulumi:pulumi:Stack"],
            });
        });

        it("with real CIDRs, pulumi up of dev deploys, and prod (real egress ranges) previews without a warning", async () => {
            const real = { "assume-guard:allowedCidrs": '["52.94.76.0/22"]', "assume-guard:operatorCidrs": '["52.95.4.0/24"]' };
            const up = await runStack("dev", real, { preview: false });
            assert.deepStrictEqual([up.warnings, up.resources.filter(r => r.type === "aws:iam/role:Role").length], [[], 2]);
            assert.deepStrictEqual((await runStack("prod")).warnings, []);
        });
    });

    it("with operatorMfaAdministrators, adds the role administrators assume, with MFA from the office, to enrol the operator's MFA device", async () => {
        const run = await runStack("dev", { "assume-guard:operatorMfaAdministrators": '["arn:aws:iam::123456789012:role/Admin"]' });
        const role = only(run, "aws:iam/role:Role", "operator-mfa-role");
        assert.deepStrictEqual([role.inputs["name"], role.inputs["maxSessionDuration"], doc(role, "assumeRolePolicy")], [
            "assume-guard-dev-operator-mfa",
            3600,
            {
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "TrustConditionedPrincipals",
                        Effect: "Allow",
                        Principal: { AWS: "arn:aws:iam::123456789012:role/Admin" },
                        Action: "sts:AssumeRole",
                        Condition: {
                            IpAddress: { "aws:SourceIp": "198.51.100.0/24" },
                            Bool: { "aws:MultiFactorAuthPresent": "true" },
                            NumericLessThan: { "aws:MultiFactorAuthAge": "3600" },
                        },
                    },
                ],
            },
        ]);
        assert.deepStrictEqual(doc(only(run, "aws:iam/rolePolicy:RolePolicy", "operator-mfa-enrol")), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "TheirVirtualDevices",
                    Effect: "Allow",
                    Action: ["iam:CreateVirtualMFADevice", "iam:DeleteVirtualMFADevice"],
                    Resource: "arn:aws:iam::123456789012:mfa/assume-guard-dev-operator",
                },
                {
                    Sid: "EnableOnTheirUsers",
                    Effect: "Allow",
                    Action: ["iam:DeactivateMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice"],
                    Resource: "arn:aws:iam::123456789012:user/assume-guard-dev-operator",
                },
            ],
        });
        assert.strictEqual(run.outputs["operatorMfaEnrolmentRoleArn"], "arn:aws:iam::123456789012:role/assume-guard-dev-operator-mfa");
    });

    it("registers nothing when the stack config is bad", async () => {
        assert.deepStrictEqual(await programRefusal("dev", { "assume-guard:allowedCidrs": '["0.0.0.0/0"]' }), {
            message: 'assume-guard:allowedCidrs[0]: "0.0.0.0/0" matches every address, so the condition binds nothing. Fix: list the real egress CIDRs.',
            types: ["pulumi:pulumi:Stack"],
        });
    });
});
