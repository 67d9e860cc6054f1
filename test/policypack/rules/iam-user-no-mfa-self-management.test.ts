import * as assert from "assert";

import { iamUserNoMfaSelfManagement as rule } from "../../../policypack/rules/iam-user-no-mfa-self-management";
import { evaluate } from "../../support/simulate";
import { assertNoViolations, assertViolations, runRule, unknownMessage } from "../assertions";
import { ACCOUNT, ARN, compliantStack, goodStack, resource, T, UNKNOWN, urn, withProps } from "../fixtures";

const NAME = "iam-user-no-mfa-self-management";
const WHY =
    "A leaked access key could enrol the attacker's own MFA device on the user (IAM allows up to 8 per user) and then meet every MFA condition, the operator's admin role included, or remove the owner's device. " +
    "Fix: remove MFA-device management from the user's policies, and have an administrator enrol the device (once, or through an MfaEnrolmentRole that requires MFA and the operator's network).";
const own = (via: string, found: string) => `IAM user 'app-user' may manage its own MFA devices through ${via}: ${found}. ${WHY}`;
const INLINE = urn(T.userPolicy, "app-user-assume");
/** Findings are reported on the user, whichever path grants it (as the user rules' stack paths are). */
const USER = urn(T.user, "app-user");
const VIA = "inline UserPolicy 'app-user-assume'";
const USER_VAR = `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`;
const MFA_VAR = `arn:aws:iam::${ACCOUNT}:mfa/\${aws:username}`;
const ASSUME = { Effect: "Allow", Action: "sts:AssumeRole", Resource: ARN.role };
const withStatements = (...statements: Record<string, unknown>[]) => withProps(goodStack(), "app-user-assume", { policy: JSON.stringify({ Version: "2012-10-17", Statement: [ASSUME, ...statements] }) });

/** The statements of AWS's sample policy "allows IAM users to self-manage an MFA device" that add a device. */
const SELF_MANAGE = [
    { Sid: "AllowCreateVirtualMFADevice", Effect: "Allow", Action: "iam:CreateVirtualMFADevice", Resource: MFA_VAR },
    { Sid: "AllowManageOwnVirtualMFADevice", Effect: "Allow", Action: ["iam:EnableMFADevice", "iam:ResyncMFADevice", "iam:ListMFADevices"], Resource: USER_VAR },
];

describe("rule iam-user-no-mfa-self-management", () => {
    it("Compliance: the assume-only user, inline or through its group", async () => {
        assertNoViolations(await runRule(rule, goodStack()));
        assertNoViolations(await runRule(rule, compliantStack()));
    });

    it("Compliance: another user's device, another account's users, resync and listing, and Denies", async () => {
        const stack = withStatements(
            { Effect: "Allow", Action: ["iam:EnableMFADevice", "iam:DeactivateMFADevice"], Resource: `arn:aws:iam::${ACCOUNT}:user/bob` },
            { Effect: "Allow", Action: "iam:EnableMFADevice", Resource: "arn:aws:iam::999999999999:user/${aws:username}" },
            { Effect: "Allow", Action: ["iam:ResyncMFADevice", "iam:ListMFADevices"], Resource: USER_VAR },
            { Effect: "Deny", Action: "iam:*MFADevice", Resource: "*" },
        );
        assertNoViolations(await runRule(rule, stack));
    });

    it("Noncompliance: AWS's self-manage sample, whose Allow the evaluator grants on the user's own ARN", async () => {
        const policy = { Version: "2012-10-17", Statement: SELF_MANAGE };
        // aws:username is what IAM fills in for a user's own requests.
        const context = { sourceIp: "198.51.100.7", mfa: null, viaAwsService: false, extra: { "aws:username": "app-user" } };
        const ask = (action: string, resource: string) => evaluate({ principal: ARN.user, action, resource, identityPolicies: [policy], context });
        assert.deepStrictEqual(
            [await ask("iam:CreateVirtualMFADevice", `arn:aws:iam::${ACCOUNT}:mfa/app-user`), await ask("iam:EnableMFADevice", ARN.user), await ask("iam:EnableMFADevice", `arn:aws:iam::${ACCOUNT}:user/bob`)],
            ["Allowed", "Allowed", "ImplicitlyDenied"],
        );
        assertViolations(await runRule(rule, withStatements(...SELF_MANAGE)), NAME, [
            { urn: USER, message: own(VIA, `statement 2 ("AllowCreateVirtualMFADevice") allows iam:CreateVirtualMFADevice on "${MFA_VAR}"; statement 3 ("AllowManageOwnVirtualMFADevice") allows iam:EnableMFADevice on "${USER_VAR}"`) },
        ]);
    });

    it("Noncompliance: the user's own ARN written out, a device of any name, wildcard actions, and a NotResource that spares the user", async () => {
        const stack = withStatements(
            { Effect: "Allow", Action: "iam:DeactivateMFADevice", Resource: ARN.user },
            { Effect: "Allow", Action: "iam:DeleteVirtualMFADevice", Resource: `arn:aws:iam::${ACCOUNT}:mfa/old-phone` },
            { Effect: "Allow", Action: "iam:*MFADevice", Resource: "*" },
            { Effect: "Allow", Action: "iam:EnableMFADevice", NotResource: `arn:aws:iam::${ACCOUNT}:user/bob` },
        );
        assertViolations(await runRule(rule, stack), NAME, [
            {
                urn: USER,
                message: own(
                    VIA,
                    `statement 2 allows iam:DeactivateMFADevice on "${ARN.user}"; statement 3 allows iam:DeleteVirtualMFADevice on "arn:aws:iam::${ACCOUNT}:mfa/old-phone"; ` +
                        'statement 4 allows iam:CreateVirtualMFADevice, iam:EnableMFADevice, iam:DeactivateMFADevice, iam:DeleteVirtualMFADevice on "*"; ' +
                        `statement 5 allows iam:EnableMFADevice on NotResource "arn:aws:iam::${ACCOUNT}:user/bob"`,
                ),
            },
        ]);
    });

    it("Noncompliance: a condition on the Allow is not credited, and a policy variable other than aws:username may name the user", async () => {
        const stack = withStatements({
            Effect: "Allow",
            Action: "iam:EnableMFADevice",
            Resource: `arn:aws:iam::${ACCOUNT}:user/\${aws:PrincipalTag/team}-*`,
            Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
        });
        assertViolations(await runRule(rule, stack), NAME, [{ urn: USER, message: own(VIA, `statement 2 allows iam:EnableMFADevice on "arn:aws:iam::${ACCOUNT}:user/\${aws:PrincipalTag/team}-*"`) }]);
    });

    it("Noncompliance: through a group the user joins, reported on the user", async () => {
        const stack = [
            ...compliantStack(),
            resource(T.group, "self-service", { name: "self-service" }),
            resource(T.userGroupMembership, "joins", { user: "app-user", groups: ["self-service"] }),
            resource(T.groupPolicyAttachment, "iam-full", { group: "self-service", policyArn: "arn:aws:iam::aws:policy/IAMFullAccess" }),
        ];
        assertViolations(await runRule(rule, stack), NAME, [
            {
                urn: urn(T.user, "app-user"),
                message: own(
                    "AWS managed policy IAMFullAccess attached by GroupPolicyAttachment 'iam-full', of group 'self-service' joined through UserGroupMembership 'joins'",
                    'statement 1 allows iam:CreateVirtualMFADevice, iam:EnableMFADevice, iam:DeactivateMFADevice, iam:DeleteVirtualMFADevice on "*"',
                ),
            },
        ]);
    });

    it("Noncompliance: a user policy unknown during preview fails closed", async () => {
        assertViolations(await runRule(rule, withProps(goodStack(), "app-user-assume", { policy: UNKNOWN })), NAME, [
            { urn: INLINE, message: unknownMessage("UserPolicy 'app-user-assume'", "string value at .policy can't be known during preview", NAME) },
        ]);
    });

    describe("one hop away: a role a user can assume", () => {
        const OPERATOR = `arn:aws:iam::${ACCOUNT}:user/operator`;
        const enrolPolicy = JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow", Action: ["iam:CreateVirtualMFADevice", "iam:DeleteVirtualMFADevice"], Resource: `arn:aws:iam::${ACCOUNT}:mfa/operator` },
                { Effect: "Allow", Action: ["iam:EnableMFADevice", "iam:DeactivateMFADevice", "iam:ListMFADevices"], Resource: OPERATOR },
            ],
        });
        const enrolment = (condition: Record<string, unknown>, principal: unknown = { AWS: `arn:aws:iam::${ACCOUNT}:root` }) => {
            const role = resource(T.role, "enrol", { name: "enrol", assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", Condition: condition }] }) });
            return [...compliantStack(), role, resource(T.rolePolicy, "enrol-devices", { role: "enrol", policy: enrolPolicy }, { role: [role] })];
        };
        const OFFICE_ONLY = { IpAddress: { "aws:SourceIp": "198.51.100.0/24" } };

        it("Compliance: an enrolment role whose trust requires MFA and the network (MfaEnrolmentRole's)", async () => {
            assertNoViolations(await runRule(rule, enrolment({ ...OFFICE_ONLY, Bool: { "aws:MultiFactorAuthPresent": "true" } })));
        });

        it("Compliance: a role only a service assumes", async () => {
            assertNoViolations(await runRule(rule, enrolment({}, { Service: "lambda.amazonaws.com" })));
        });

        it("Noncompliance: an enrolment role any user of the account may assume from the office without MFA", async () => {
            assertViolations(await runRule(rule, enrolment(OFFICE_ONLY)), NAME, [
                {
                    urn: urn(T.role, "enrol"),
                    message:
                        `Role 'enrol', which any user of account ${ACCOUNT} can assume, with no MFA (statement 1 requires no MFA), may manage users' MFA devices: ` +
                        `statement 1 allows iam:CreateVirtualMFADevice, iam:DeleteVirtualMFADevice on "arn:aws:iam::${ACCOUNT}:mfa/operator" of inline RolePolicy 'enrol-devices'; ` +
                        `statement 2 allows iam:EnableMFADevice, iam:DeactivateMFADevice on "${OPERATOR}" of inline RolePolicy 'enrol-devices'. ` +
                        "A leaked key that reaches the role enrols the attacker's MFA device on its own user, and then meets every MFA condition. " +
                        'Fix: require MFA in every statement of the role\'s trust (Bool aws:MultiFactorAuthPresent "true", as MfaEnrolmentRole does), or remove MFA-device management from the role.',
                },
            ]);
        });
    });
});
