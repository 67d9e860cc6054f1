import * as assert from "assert";

import { GuardedRole, GuardedRoleArgs } from "../../components";
import { all, doc, only, refusal, runComponents } from "../support/mocked";

const USER = "arn:aws:iam::123456789012:user/connector";
const CIDRS = Array.from({ length: 150 }, (_, i) => `100.64.${i}.0/24`);

async function trustOf(args: GuardedRoleArgs): Promise<unknown> {
    const run = await runComponents(() => new GuardedRole("reader", args));
    return doc(only(run, "aws:iam/role:Role", "reader-role"), "assumeRolePolicy");
}

describe("components/GuardedRole", () => {
    it("trusts the user only from the allowed CIDRs, with a one-hour session by default", async () => {
        const run = await runComponents(() => new GuardedRole("reader", { trustedPrincipals: [USER], sourceCidrs: ["198.51.100.0/24"] }));
        const role = only(run, "aws:iam/role:Role", "reader-role");
        assert.strictEqual(role.parent, only(run, "assume-guard:iam:GuardedRole", "reader").urn);
        assert.deepStrictEqual(
            { ...role.inputs, assumeRolePolicy: JSON.parse(role.inputs["assumeRolePolicy"] as string) },
            {
                name: "reader",
                path: "/",
                maxSessionDuration: 3600,
                assumeRolePolicy: {
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "TrustConditionedPrincipals",
                            Effect: "Allow",
                            Principal: { AWS: USER },
                            Action: "sts:AssumeRole",
                            Condition: { IpAddress: { "aws:SourceIp": "198.51.100.0/24" } },
                        },
                    ],
                },
            },
        );
    });

    it("requires the external ID for a vendor account, rendered as the account's root principal", async () => {
        assert.deepStrictEqual(await trustOf({ trustedPrincipals: ["210987654321"], externalIds: ["customer-42", "customer-42-rotated"] }), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "TrustConditionedPrincipals",
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::210987654321:root" },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "sts:ExternalId": ["customer-42", "customer-42-rotated"] } },
                },
            ],
        });
    });

    it("requires fresh MFA and passes session tags when asked", async () => {
        assert.deepStrictEqual(
            await trustOf({ trustedPrincipals: [USER], requireMfa: true, maxMfaAgeSeconds: 3600, allowTagSession: true, sourceCidrs: ["2001:db8::/32"] }),
            {
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "TrustConditionedPrincipals",
                        Effect: "Allow",
                        Principal: { AWS: USER },
                        Action: ["sts:AssumeRole", "sts:TagSession"],
                        Condition: {
                            IpAddress: { "aws:SourceIp": "2001:db8::/32" },
                            Bool: { "aws:MultiFactorAuthPresent": "true" },
                            NumericLessThan: { "aws:MultiFactorAuthAge": "3600" },
                        },
                    },
                ],
            },
        );
    });

    it("attaches managed policies, sets the session length and boundary, and exposes the ARN known at preview", async () => {
        const run = await runComponents(() => {
            const role = new GuardedRole("operator", {
                trustedPrincipals: [USER],
                requireMfa: true,
                sourceCidrs: ["198.51.100.0/24"],
                maxSessionDuration: 7200,
                roleName: "ops-admin",
                path: "/operators/",
                permissionsBoundary: "arn:aws:iam::123456789012:policy/boundary",
                managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
            });
            return { roleArn: role.roleArn, roleName: role.roleName };
        });
        const role = only(run, "aws:iam/role:Role", "operator-role");
        assert.deepStrictEqual(
            [role.inputs["maxSessionDuration"], role.inputs["permissionsBoundary"], role.inputs["path"]],
            [7200, "arn:aws:iam::123456789012:policy/boundary", "/operators/"],
        );
        assert.deepStrictEqual(
            all(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").map(a => [a.name, a.inputs]),
            [["operator-managed-0", { role: "ops-admin", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }]],
        );
        assert.deepStrictEqual(run.outputs, { roleArn: "arn:aws:iam::123456789012:role/operators/ops-admin", roleName: "ops-admin" });
    });

    it("accepts a trust over the default quota when the account's raised quota is given", async () => {
        const trust = (await trustOf({ trustedPrincipals: [USER], sourceCidrs: CIDRS, maxTrustPolicyCharacters: 4096 })) as { Statement: { Condition: { IpAddress: { "aws:SourceIp": string[] } } }[] };
        assert.strictEqual(trust.Statement[0].Condition.IpAddress["aws:SourceIp"].length, 150);
    });

    describe("refuses bad arguments before registering anything", () => {
        const cases: [string, GuardedRoleArgs, string][] = [
            [
                "a trust that binds no condition",
                { trustedPrincipals: [USER] },
                "GuardedRole 'reader': set at least one of sourceCidrs, externalIds or requireMfa; a role whose trust binds no condition is refused.",
            ],
            [
                "empty condition lists",
                { trustedPrincipals: [USER], sourceCidrs: [], externalIds: [] },
                "GuardedRole 'reader': set at least one of sourceCidrs, externalIds or requireMfa; a role whose trust binds no condition is refused.",
            ],
            [
                "no principals",
                { trustedPrincipals: [], requireMfa: true },
                "GuardedRole 'reader': trustedPrincipals is empty. Fix: list the user, role or account ARNs that may assume this role.",
            ],
            [
                "a wildcard principal",
                { trustedPrincipals: ["*"], requireMfa: true },
                "GuardedRole 'reader': trustedPrincipals[0]: \"*\" is not an IAM user, role or account principal. Fix: use an ARN such as arn:aws:iam::123456789012:user/connector, …:role/name or …:root, or a 12-digit account ID.",
            ],
            [
                "a malformed ARN",
                { trustedPrincipals: ["arn:aws:iam:123456789012:user/x"], requireMfa: true },
                "GuardedRole 'reader': trustedPrincipals[0]: \"arn:aws:iam:123456789012:user/x\" is not an IAM user, role or account principal. Fix: use an ARN such as arn:aws:iam::123456789012:user/connector, …:role/name or …:root, or a 12-digit account ID.",
            ],
            [
                "an external ID outside AWS's rules",
                { trustedPrincipals: ["210987654321"], externalIds: ["x"] },
                "GuardedRole 'reader': externalIds[0]: \"x\" is not a valid external ID. Fix: use 2 to 1,224 characters of letters, digits and +=,.@:/-_.",
            ],
            [
                "a session longer than 12 hours",
                { trustedPrincipals: [USER], requireMfa: true, maxSessionDuration: 86400 },
                "GuardedRole 'reader': maxSessionDuration: 86400 is outside 3600–43200 seconds. Fix: set a whole number of seconds from 3600 to 43200.",
            ],
            [
                "a trust policy over IAM's default quota",
                { trustedPrincipals: [USER], sourceCidrs: CIDRS },
                "GuardedRole 'reader': its trust policy would be 2,816 characters without white space (1 principal, 150 CIDRs in sourceCidrs, 0 external IDs), over IAM's quota of 2,048 for a role's trust policy, so AWS would refuse it. " +
                    "Fix: list fewer, wider ranges in sourceCidrs (merge neighbouring networks into one CIDR); for CI, use an OIDC role instead of IP lists; or trust fewer principals, or raise the account's \"Role trust policy length\" quota and set maxTrustPolicyCharacters.",
            ],
            [
                "a trust quota AWS does not grant",
                { trustedPrincipals: [USER], sourceCidrs: CIDRS, maxTrustPolicyCharacters: 8192 },
                "GuardedRole 'reader': maxTrustPolicyCharacters 8192 is not a trust policy quota AWS grants. Fix: set your account's \"Role trust policy length\" quota, from 2048 to 4096, or leave it unset.",
            ],
            [
                "an MFA age without MFA",
                { trustedPrincipals: [USER], sourceCidrs: ["198.51.100.0/24"], maxMfaAgeSeconds: 600 },
                "GuardedRole 'reader': maxMfaAgeSeconds is set but requireMfa is not. Fix: set requireMfa: true, or drop maxMfaAgeSeconds.",
            ],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                assert.strictEqual(await refusal(() => new GuardedRole("reader", args)), message);
            });
        }
    });
});
