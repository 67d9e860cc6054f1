import { iamRoleTrustRequiresConditions as rule } from "../../../policypack/rules/iam-role-trust-requires-conditions";
import { assertNoViolations, assertViolations, runRule, unknownMessage } from "../assertions";
import { ACCOUNT, ARN, goodStack, OFFICE, trustPolicy, UNKNOWN, urn, T, VENDOR, withProps } from "../fixtures";

const NAME = "iam-role-trust-requires-conditions";
const ROLE = urn(T.role, "app-role");
const WHY =
    "Anyone holding such a principal's credentials, such as a leaked access key, can assume the role from anywhere. " +
    'Fix: add IpAddress aws:SourceIp, StringEquals sts:ExternalId or Bool aws:MultiFactorAuthPresent "true" to each such statement (two of them for a "*" principal).';
const unbound = (found: string) => `Role 'app-role' can be assumed without a binding condition: ${found}. ${WHY}`;
const withTrust = (condition: Record<string, unknown>, principal?: unknown) => withProps(goodStack(), "app-role", { assumeRolePolicy: JSON.stringify(trustPolicy(condition, principal)) });
const USER = ARN.user;

describe("rule iam-role-trust-requires-conditions", () => {
    describe("Compliance", () => {
        const ok: [string, Record<string, unknown>, unknown?][] = [
            ["role trusted from allowed CIDRs", { IpAddress: { "aws:SourceIp": [OFFICE, "2001:db8::/32"] } }],
            ["role trusted with an external ID", { StringEquals: { "sts:ExternalId": "c0ffee-42" } }],
            ["role trusted with MFA given as a boolean", { Bool: { "aws:MultiFactorAuthPresent": true } }],
            ["ForAnyValue binds (false when the key is absent)", { "ForAnyValue:StringEquals": { "sts:ExternalId": ["c0ffee-42"] } }],
            ["one binding clause among non-binding ones", { StringEqualsIfExists: { "sts:ExternalId": "x" }, IpAddress: { "aws:SourceIp": OFFICE } }],
            ['"*" principal with an IP and MFA', { IpAddress: { "aws:SourceIp": OFFICE }, Bool: { "aws:MultiFactorAuthPresent": "true" } }, "*"],
            ["service principals are left to the confused-deputy rule", {}, { Service: "lambda.amazonaws.com" }],
        ];
        for (const [title, condition, principal] of ok) {
            it(`Compliance: ${title}`, async () => {
                assertNoViolations(await runRule(rule, withTrust(condition, principal)));
            });
        }
    });

    describe("Noncompliance: conditions that bind nothing", () => {
        const bad: [string, Record<string, unknown>, string][] = [
            ["no condition", {}, `statement 1 admits ${USER} and it has no condition`],
            ["StringEqualsIfExists", { StringEqualsIfExists: { "sts:ExternalId": "x" } }, `statement 1 admits ${USER} and its conditions bind nothing: StringEqualsIfExists sts:ExternalId (IfExists passes when the key is absent)`],
            ["BoolIfExists MFA", { BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } }, `statement 1 admits ${USER} and its conditions bind nothing: BoolIfExists aws:MultiFactorAuthPresent (IfExists passes when the key is absent)`],
            ["ForAllValues", { "ForAllValues:StringEquals": { "sts:ExternalId": ["x"] } }, `statement 1 admits ${USER} and its conditions bind nothing: ForAllValues:StringEquals sts:ExternalId (ForAllValues passes when the key is absent)`],
            ["NotIpAddress", { NotIpAddress: { "aws:SourceIp": "203.0.113.0/24" } }, `statement 1 admits ${USER} and its conditions bind nothing: NotIpAddress aws:SourceIp (a negated operator passes when the key is absent)`],
            ["StringNotEquals", { StringNotEquals: { "sts:ExternalId": "" } }, `statement 1 admits ${USER} and its conditions bind nothing: StringNotEquals sts:ExternalId (a negated operator passes when the key is absent)`],
            ["an empty external ID", { StringEquals: { "sts:ExternalId": "" } }, `statement 1 admits ${USER} and its conditions bind nothing: StringEquals sts:ExternalId (an empty or wildcard value matches anything)`],
            ["a wildcard external ID", { StringLike: { "sts:ExternalId": ["c0ffee", "*"] } }, `statement 1 admits ${USER} and its conditions bind nothing: StringLike sts:ExternalId (an empty or wildcard value matches anything)`],
            ["the whole internet", { IpAddress: { "aws:SourceIp": ["0.0.0.0/0"] } }, `statement 1 admits ${USER} and its conditions bind nothing: IpAddress aws:SourceIp (the CIDRs together admit 4,294,967,296 IPv4 addresses, more than one /8 (16,777,216))`],
            ["MFA false", { Bool: { "aws:MultiFactorAuthPresent": "false" } }, `statement 1 admits ${USER} and its conditions bind nothing: Bool aws:MultiFactorAuthPresent`],
            ["an unrelated key", { StringEquals: { "aws:PrincipalTag/team": "data" } }, `statement 1 admits ${USER} and its conditions bind nothing: StringEquals aws:PrincipalTag/team`],
            ["PrincipalOrgID when not configured", { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } }, `statement 1 admits ${USER} and its conditions bind nothing: StringEquals aws:PrincipalOrgID (not accepted by this rule's settings)`],
        ];
        for (const [title, condition, found] of bad) {
            it(`Noncompliance: ${title}`, async () => {
                assertViolations(await runRule(rule, withTrust(condition)), NAME, [{ urn: ROLE, message: unbound(found) }]);
            });
        }
    });

    describe("Noncompliance: principals", () => {
        const ip = { IpAddress: { "aws:SourceIp": OFFICE } };
        const bad: [string, unknown, Record<string, unknown>, string][] = [
            ['Principal "*" with only an IP', "*", ip, 'statement 1 admits any AWS principal ("*") and it binds only IpAddress aws:SourceIp'],
            ['{"AWS": "*"} without a condition', { AWS: "*" }, {}, 'statement 1 admits any AWS principal ("*") and it has no condition'],
            ["an account root without a condition", { AWS: `arn:aws:iam::${VENDOR}:root` }, {}, `statement 1 admits arn:aws:iam::${VENDOR}:root and it has no condition`],
            ["a bare account ID without a condition", { AWS: ACCOUNT }, {}, `statement 1 admits ${ACCOUNT} and it has no condition`],
            ["a user and a service together", { AWS: [USER], Service: "ec2.amazonaws.com" }, {}, `statement 1 admits ${USER} and it has no condition`],
        ];
        for (const [title, principal, condition, found] of bad) {
            it(`Noncompliance: ${title}`, async () => {
                assertViolations(await runRule(rule, withTrust(condition, principal)), NAME, [{ urn: ROLE, message: unbound(found) }]);
            });
        }

        it("Noncompliance: NotPrincipal admits everyone else", async () => {
            const trust = { Statement: [{ Effect: "Allow", NotPrincipal: { AWS: USER }, Action: "sts:AssumeRole", Condition: ip }] };
            const result = await runRule(rule, withProps(goodStack(), "app-role", { assumeRolePolicy: trust }));
            assertViolations(result, NAME, [{ urn: ROLE, message: unbound('statement 1 admits any AWS principal ("*") and it binds only IpAddress aws:SourceIp') }]);
        });

        it("Noncompliance: a second statement reaching AssumeRole through sts:*", async () => {
            const trust = { Statement: [trustPolicy().Statement as unknown, { Sid: "Ops", Effect: "Allow", Principal: { AWS: USER }, Action: "sts:*" }].flat() };
            const result = await runRule(rule, withProps(goodStack(), "app-role", { assumeRolePolicy: trust }));
            assertViolations(result, NAME, [{ urn: ROLE, message: unbound(`statement 2 ("Ops") admits ${USER} and it has no condition`) }]);
        });
    });

    it("Compliance: aws:PrincipalOrgID counts once configured", async () => {
        const stack = withTrust({ StringEquals: { "aws:PrincipalOrgID": "o-abc123" } }, "*");
        assertNoViolations(await runRule(rule, stack, { acceptedConditionKeys: ["aws:PrincipalOrgID"] }));
    });

    it("Noncompliance: a trust policy that cannot be parsed", async () => {
        const result = await runRule(rule, withProps(goodStack(), "app-role", { assumeRolePolicy: '{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": "alice"}]}' }));
        assertViolations(result, NAME, [
            {
                urn: ROLE,
                message:
                    "Role 'app-role' has a trust policy that cannot be parsed: statement 1 Principal is the string \"alice\", not a JSON object. " +
                    "Who may assume the role cannot be checked, so the pack fails closed. Fix: give assumeRolePolicy valid IAM policy JSON.",
            },
        ]);
    });

    it("Noncompliance: the trust policy is unknown during preview", async () => {
        const result = await runRule(rule, withProps(goodStack(), "app-role", { assumeRolePolicy: UNKNOWN }));
        assertViolations(result, NAME, [
            {
                urn: ROLE,
                message: unknownMessage("Role 'app-role'", "string value at .assumeRolePolicy can't be known during preview", "iam-role-trust-requires-conditions"),
            },
        ]);
    });
});
