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
            ["MFA no older than an hour (the key is absent without MFA)", { NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } }],
            ["a VPC endpoint binds the network as an IP does", { StringEquals: { "aws:SourceVpce": "vpce-0a1b2c3d4e5f" } }],
            ["an office /24 plus /28s and an IPv6 /48", { IpAddress: { "aws:SourceIp": [OFFICE, "198.51.100.16/28", "203.0.113.0/28", "2001:db8:1234::/48"] } }],
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
            ["MFA age under IfExists", { NumericLessThanIfExists: { "aws:MultiFactorAuthAge": "3600" } }, `statement 1 admits ${USER} and its conditions bind nothing: NumericLessThanIfExists aws:MultiFactorAuthAge (IfExists passes when the key is absent)`],
            ["an external ID the caller fills in", { StringEquals: { "sts:ExternalId": "${aws:username}" } }, `statement 1 admits ${USER} and its conditions bind nothing: StringEquals sts:ExternalId (a policy variable is filled in from the request itself)`],
            ["the two IPv4 halves", { IpAddress: { "aws:SourceIp": ["0.0.0.0/1", "128.0.0.0/1"] } }, `statement 1 admits ${USER} and its conditions bind nothing: IpAddress aws:SourceIp (the CIDRs together admit 4,294,967,296 IPv4 addresses, more than one /8 (16,777,216))`],
            ["all routed IPv6", { IpAddress: { "aws:SourceIp": ["2000::/3"] } }, `statement 1 admits ${USER} and its conditions bind nothing: IpAddress aws:SourceIp (the CIDRs together admit 2^125 IPv6 addresses, more than one /32 (2^96))`],
            ["an office /24 plus four /2s", { IpAddress: { "aws:SourceIp": [OFFICE, "0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"] } }, `statement 1 admits ${USER} and its conditions bind nothing: IpAddress aws:SourceIp (the CIDRs together admit 4,294,967,296 IPv4 addresses, more than one /8 (16,777,216))`],
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
            ['Principal "*" with an IP and a VPC endpoint, one kind', "*", { ...ip, StringEquals: { "aws:SourceVpce": "vpce-0a1b2c3d4e5f" } }, 'statement 1 admits any AWS principal ("*") and it binds only IpAddress aws:SourceIp and aws:SourceVpce'],
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

        it("Noncompliance: statements bound by the network alone whose CIDRs together are too broad", async () => {
            const stmt = (Sid: string, cidr: string, more: Record<string, unknown> = {}) => ({ Sid, Effect: "Allow", Principal: { AWS: USER }, Action: "sts:AssumeRole", Condition: { IpAddress: { "aws:SourceIp": cidr }, ...more } });
            const trust = { Statement: [stmt("A", "10.0.0.0/8"), stmt("B", "11.0.0.0/8"), stmt("C", "12.0.0.0/8", { Bool: { "aws:MultiFactorAuthPresent": "true" } })] };
            const result = await runRule(rule, withProps(goodStack(), "app-role", { assumeRolePolicy: trust }));
            assertViolations(result, NAME, [
                { urn: ROLE, message: unbound('statement 1 ("A"), statement 2 ("B") are bound by the network alone, and their aws:SourceIp CIDRs together admit 33,554,432 IPv4 addresses, more than one /8 (16,777,216)') },
            ]);
        });

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

    describe("federated principals", () => {
        const GITHUB = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
        const GH = "token.actions.githubusercontent.com";
        const webIdentity = (Principal: unknown, Condition?: Record<string, unknown>, Action = "sts:AssumeRoleWithWebIdentity") =>
            withProps(goodStack(), "app-role", { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal, Action, ...(Condition ? { Condition } : {}) }] }) });
        const GITHUB_WHY = "Every GitHub Actions workflow, in any repository of any owner, can get a token from this issuer and choose its audience, so any of them could assume the role.";
        const GITHUB_FIX =
            `Fix: require StringEquals "${GH}:aud": "sts.amazonaws.com" and StringLike "${GH}:sub": "repo:<owner>/<repo>:ref:refs/heads/<branch>" (or "repo:<owner>/<repo>:*") in that statement.`;

        it("Compliance: GitHub pinned to a repository and branch, with the audience", async () => {
            const stack = webIdentity({ Federated: GITHUB }, { StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com", [`${GH}:sub`]: "repo:octo-org/octo-repo:ref:refs/heads/main" } });
            assertNoViolations(await runRule(rule, stack));
        });

        it("Compliance: a GitHub owner's every repository, once the owner is listed in gitHubOrgWide", async () => {
            const stack = webIdentity({ Federated: GITHUB }, { StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${GH}:sub`]: "repo:octo-org/*" } });
            assertNoViolations(await runRule(rule, stack, { gitHubOrgWide: ["octo-org"] }));
        });

        it("Noncompliance: GitHub with no condition names the issuer, each claim and the fix", async () => {
            const result = await runRule(rule, webIdentity({ Federated: GITHUB }));
            assertViolations(result, NAME, [
                {
                    urn: ROLE,
                    message:
                        `Role 'app-role' trusts GitHub Actions (${GITHUB}) in statement 1 without binding the claims that pick the caller: ${GH}:aud is not required; ` +
                        `none of ${GH}:sub, ${GH}:repository, ${GH}:repository_id, ${GH}:repository_owner_id is required. ${GITHUB_WHY} ${GITHUB_FIX.replace(`StringEquals "${GH}:aud": "sts.amazonaws.com" and `, `StringEquals "${GH}:aud": "sts.amazonaws.com" and `)}`,
                },
            ]);
        });

        it('Noncompliance: GitHub with sub "repo:*" and the audience', async () => {
            const result = await runRule(rule, webIdentity({ Federated: GITHUB }, { StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${GH}:sub`]: "repo:*" } }));
            assertViolations(result, NAME, [
                {
                    urn: ROLE,
                    message:
                        `Role 'app-role' trusts GitHub Actions (${GITHUB}) in statement 1 without binding the claims that pick the caller: StringLike ${GH}:sub "repo:*" (not pinned to one owner and repository). ` +
                        `${GITHUB_WHY} Fix: require StringLike "${GH}:sub": "repo:<owner>/<repo>:ref:refs/heads/<branch>" (or "repo:<owner>/<repo>:*") in that statement.`,
                },
            ]);
        });

        it("Noncompliance: a SAML provider without SAML:aud", async () => {
            const saml = `arn:aws:iam::${ACCOUNT}:saml-provider/okta`;
            const result = await runRule(rule, webIdentity({ Federated: saml }, undefined, "sts:AssumeRoleWithSAML"));
            assertViolations(result, NAME, [
                {
                    urn: ROLE,
                    message:
                        `Role 'app-role' trusts SAML provider (${saml}) in statement 1 without binding the claims that pick the caller: SAML:aud is not required. ` +
                        "AWS requires a SAML role's trust to test SAML:aud, the endpoint an assertion was issued for, so that only assertions issued to AWS sign-in assume the role, so any of them could assume the role. " +
                        'Fix: require StringEquals "SAML:aud": "https://signin.aws.amazon.com/saml" in that statement.',
                },
            ]);
        });

        it('Noncompliance: "*" on AssumeRoleWithWebIdentity, and a federated principal the pack cannot read', async () => {
            const anyone = await runRule(rule, webIdentity("*"));
            assertViolations(anyone, NAME, [
                {
                    urn: ROLE,
                    message:
                        `Role 'app-role' admits any identity provider ("*") in statement 1 through sts:AssumeRoleWithWebIdentity or sts:AssumeRoleWithSAML, and its conditions bind no one provider's claims. ` +
                        "Every account of Google, Cognito, or any provider the account registers can then present a token and assume the role. " +
                        'Fix: name the provider in Principal {"Federated": …} and bind the claims its row requires (for an OIDC provider, aud and sub).',
                },
            ]);
            const unreadable = await runRule(rule, webIdentity({ Federated: "token.actions.githubusercontent.com" }));
            assertViolations(unreadable, NAME, [
                {
                    urn: ROLE,
                    message:
                        'Role \'app-role\' trusts the federated principal "token.actions.githubusercontent.com" in statement 1, which names no identity provider the pack can judge. ' +
                        "Whoever it admits cannot be checked, so the pack fails closed. " +
                        "Fix: name the provider by its IAM ARN (arn:aws:iam::<account>:oidc-provider/<url> or …:saml-provider/<name>) or as a built-in provider such as accounts.google.com, and bind its claims.",
                },
            ]);
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
