import * as assert from "assert";

import { checkNotEnrolled, MfaEnrolmentRole } from "../../components";
import { doc, only, refusal, runComponents } from "../support/mocked";

const ADMIN = "arn:aws:iam::123456789012:role/Admin";
const OFFICE = ["198.51.100.0/24"];

describe("components/MfaEnrolmentRole", () => {
    it("a role administrators assume only from the office with fresh MFA, allowed only the named users' MFA devices", async () => {
        const run = await runComponents(() => {
            const role = new MfaEnrolmentRole("enrol", { userNames: ["ops-anna", "ops-ben"], userPath: "/operators/", administrators: [ADMIN], sourceCidrs: OFFICE });
            return { roleArn: role.roleArn };
        });
        const component = only(run, "assume-guard:iam:MfaEnrolmentRole", "enrol");
        const guarded = only(run, "assume-guard:iam:GuardedRole", "enrol");
        const role = only(run, "aws:iam/role:Role", "enrol-role");
        const policy = only(run, "aws:iam/rolePolicy:RolePolicy", "enrol-enrol");
        assert.deepStrictEqual([guarded.parent, policy.parent], [component.urn, component.urn]);
        assert.deepStrictEqual(
            { ...role.inputs, assumeRolePolicy: doc(role, "assumeRolePolicy") },
            {
                name: "enrol",
                path: "/",
                description: "Enrols the MFA devices of ops-anna, ops-ben: administrators only, with MFA, from the office.",
                maxSessionDuration: 3600,
                assumeRolePolicy: {
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "TrustConditionedPrincipals",
                            Effect: "Allow",
                            Principal: { AWS: ADMIN },
                            Action: "sts:AssumeRole",
                            Condition: {
                                IpAddress: { "aws:SourceIp": "198.51.100.0/24" },
                                Bool: { "aws:MultiFactorAuthPresent": "true" },
                                NumericLessThan: { "aws:MultiFactorAuthAge": "3600" },
                            },
                        },
                    ],
                },
            },
        );
        assert.deepStrictEqual({ ...policy.inputs, policy: doc(policy) }, {
            role: "enrol",
            name: "mfa-enrolment",
            policy: {
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "TheirVirtualDevices",
                        Effect: "Allow",
                        Action: ["iam:CreateVirtualMFADevice", "iam:DeleteVirtualMFADevice"],
                        Resource: ["arn:aws:iam::123456789012:mfa/ops-anna", "arn:aws:iam::123456789012:mfa/ops-ben"],
                    },
                    {
                        Sid: "EnableOnTheirUsers",
                        Effect: "Allow",
                        Action: ["iam:DeactivateMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice"],
                        Resource: ["arn:aws:iam::123456789012:user/operators/ops-anna", "arn:aws:iam::123456789012:user/operators/ops-ben"],
                    },
                ],
            },
        });
        assert.deepStrictEqual(run.outputs, { roleArn: "arn:aws:iam::123456789012:role/enrol" });
    });

    describe("refuses bad arguments before registering anything", () => {
        const base = { userNames: ["ops-anna"], administrators: [ADMIN], sourceCidrs: OFFICE };
        const cases: [string, Partial<typeof base> & Record<string, unknown>, string][] = [
            ["no users", { userNames: [] }, "MfaEnrolmentRole 'enrol': userNames is empty. Fix: name the users whose MFA devices the role enrols."],
            [
                "no administrators",
                { administrators: [] },
                "MfaEnrolmentRole 'enrol': administrators is empty. Fix: list the administrators' user or role ARNs (or the account ID) that may enrol the devices.",
            ],
            [
                "an enrolled user as its own administrator",
                { administrators: [ADMIN, "arn:aws:iam::123456789012:user/teams/OPS-ANNA"] },
                'MfaEnrolmentRole \'enrol\': administrators[1] "arn:aws:iam::123456789012:user/teams/OPS-ANNA" is user \'OPS-ANNA\', whose MFA device the role enrols. ' +
                    "Fix: trust administrators only, never the users the role enrols: a leaked key of that user could enrol the attacker's device and meet every MFA condition.",
            ],
            ["no network", { sourceCidrs: [] }, 'MfaEnrolmentRole \'enrol\': sourceCidrs: [] is empty. Fix: list at least one CIDR the caller connects from, such as 203.0.113.0/24.'],
            [
                "a user name IAM refuses",
                { userNames: ["ops anna"] },
                'MfaEnrolmentRole \'enrol\': userNames[0]: "ops anna" is not a valid IAM name. Fix: use 1 to 64 characters of letters, digits and +=,.@-_.',
            ],
            [
                "so many users that IAM would refuse the policy",
                { userNames: Array.from({ length: 100 }, (_, i) => `operator-number-${String(i).padStart(2, "0")}`) },
                "MfaEnrolmentRole 'enrol': its policy would be at least 10,628 characters without white space (100 users in userNames), over IAM's quota of 10,240 for a role's inline policies, so AWS would refuse it. Fix: enrol fewer users per role.",
            ],
        ];
        for (const [what, change, message] of cases) {
            it(what, async () => {
                assert.strictEqual(await refusal(() => new MfaEnrolmentRole("enrol", { ...base, ...change } as typeof base)), message);
            });
        }
    });

    it("the administrator check, which also runs once an administrator given as an output is known", () => {
        assert.throws(() => checkNotEnrolled("enrol", 0, "arn:aws:iam::123456789012:user/ops-anna", ["ops-anna"]), {
            message:
                'MfaEnrolmentRole \'enrol\': administrators[0] "arn:aws:iam::123456789012:user/ops-anna" is user \'ops-anna\', whose MFA device the role enrols. ' +
                "Fix: trust administrators only, never the users the role enrols: a leaked key of that user could enrol the attacker's device and meet every MFA condition.",
        });
        for (const fine of [ADMIN, "123456789012", "arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:user/ops-anna-admin"]) {
            checkNotEnrolled("enrol", 0, fine, ["ops-anna"]);
        }
    });
});
