import * as pulumi from "@pulumi/pulumi";
import * as assert from "assert";

import { AssumeOnlyUser } from "../../components";
import { doc, only, refusal, runComponents } from "../support/mocked";

const ROLE = "arn:aws:iam::123456789012:role/reader";

describe("components/AssumeOnlyUser", () => {
    it("grants through a group of its own: the user holds no policy, the group's managed policy allows only sts:AssumeRole on the named role", async () => {
        const run = await runComponents(() => new AssumeOnlyUser("vendor", { roleArns: [ROLE] }));
        const component = only(run, "assume-guard:iam:AssumeOnlyUser", "vendor");
        const children = run.resources.filter(r => r.parent === component.urn).sort((a, b) => a.name.localeCompare(b.name));
        assert.deepStrictEqual(
            children.map(r => [r.type, r.name, r.inputs]),
            [
                [
                    "aws:iam/policy:Policy",
                    "vendor-assume",
                    {
                        name: "vendor-assume-only",
                        path: "/",
                        description: "Assume-only: what members of vendor-assume-only may do.",
                        policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "AssumeGuardedRoles", Effect: "Allow", Action: "sts:AssumeRole", Resource: ROLE }] }),
                    },
                ],
                ["aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "vendor-attach", { group: "vendor-assume-only", policyArn: "arn:aws:iam::123456789012:policy/vendor-assume-only" }],
                ["aws:iam/group:Group", "vendor-group", { name: "vendor-assume-only", path: "/" }],
                ["aws:iam/userGroupMembership:UserGroupMembership", "vendor-membership", { user: "vendor", groups: ["vendor-assume-only"] }],
                ["aws:iam/user:User", "vendor-user", { name: "vendor", path: "/" }],
            ],
        );
        // The attachment names the policy by an ARN built from its name, and still waits for it.
        const attach = only(run, "aws:iam/groupPolicyAttachment:GroupPolicyAttachment");
        assert.deepStrictEqual(attach.propertyDependencies["policyArn"], [only(run, "aws:iam/policy:Policy").urn]);
        assert.deepStrictEqual(
            run.resources.filter(r => ["aws:iam/userPolicy:UserPolicy", "aws:iam/userPolicyAttachment:UserPolicyAttachment", "aws:iam/accessKey:AccessKey"].includes(r.type)),
            [],
        );
    });

    it("grantVia inline: the same document as the user's inline policy, and no group", async () => {
        const run = await runComponents(() => new AssumeOnlyUser("vendor", { roleArns: [ROLE], grantVia: "inline" }));
        const component = only(run, "assume-guard:iam:AssumeOnlyUser", "vendor");
        assert.deepStrictEqual(
            run.resources.filter(r => r.parent === component.urn).map(r => [r.type, r.name, r.inputs]),
            [
                ["aws:iam/user:User", "vendor-user", { name: "vendor", path: "/" }],
                [
                    "aws:iam/userPolicy:UserPolicy",
                    "vendor-assume",
                    {
                        user: "vendor",
                        name: "assume-only",
                        policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "AssumeGuardedRoles", Effect: "Allow", Action: "sts:AssumeRole", Resource: ROLE }] }),
                    },
                ],
            ],
        );
    });

    it("denies every action outside the allowed CIDRs except via AWS services, and AssumeRole without MFA, in the group's policy or inline", async () => {
        const args = { roleArns: [ROLE], allowTagSession: true, allowedSourceCidrs: ["198.51.100.0/24"], requireMfa: true };
        const group = await runComponents(() => new AssumeOnlyUser("vendor", args));
        const inline = await runComponents(() => new AssumeOnlyUser("vendor", { ...args, grantVia: "inline" }));
        const expected = {
            Version: "2012-10-17",
            Statement: [
                { Sid: "AssumeGuardedRoles", Effect: "Allow", Action: ["sts:AssumeRole", "sts:TagSession"], Resource: ROLE },
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
        };
        assert.deepStrictEqual([doc(only(group, "aws:iam/policy:Policy")), doc(only(inline, "aws:iam/userPolicy:UserPolicy"))], [expected, expected]);
    });

    it("puts the group and its policy on the user's path, and exposes the group's name", async () => {
        let user: AssumeOnlyUser | undefined;
        const run = await runComponents(() => {
            user = new AssumeOnlyUser("vendor", { roleArns: [ROLE], userName: "retool", path: "/connectors/" });
            return { groupName: user.groupName };
        });
        assert.deepStrictEqual(
            [only(run, "aws:iam/group:Group").inputs, only(run, "aws:iam/groupPolicyAttachment:GroupPolicyAttachment").inputs, run.outputs],
            [
                { name: "retool-assume-only", path: "/connectors/" },
                { group: "retool-assume-only", policyArn: "arn:aws:iam::123456789012:policy/connectors/retool-assume-only" },
                { groupName: "retool-assume-only" },
            ],
        );
    });

    it("exposes the user ARN built from account, partition, path and name", async () => {
        let user: AssumeOnlyUser | undefined;
        const run = await runComponents(() => {
            user = new AssumeOnlyUser("vendor", { roleArns: [ROLE], userName: "retool", path: "/connectors/" });
            return { userArn: user.userArn, userName: user.userName };
        });
        assert.deepStrictEqual(run.outputs, {
            userArn: "arn:aws:iam::123456789012:user/connectors/retool",
            userName: "retool",
        });
    });

    it("creates an access key whose secret is a Pulumi secret", async () => {
        const run = await runComponents(() => {
            const user = new AssumeOnlyUser("vendor", { roleArns: [ROLE], createAccessKey: true });
            return { id: user.accessKeyId, secret: user.secretAccessKey };
        });
        const key = only(run, "aws:iam/accessKey:AccessKey", "vendor-key");
        assert.deepStrictEqual(key.inputs, { user: "vendor" });
        assert.match(run.outputs["id"] as string, /^AKIA[A-Z2-7]{16}$/);
        const secret = run.outputs["secret"] as Record<string, unknown>;
        assert.strictEqual(secret["4dabf18193072939515e22adb298388d"], "1b47061264138c4ac30d75fd1eb44270", "secretAccessKey must be a secret");
        assert.match(secret["value"] as string, /^[A-Z2-7]{40}$/);
    });

    it("with a PGP key, outputs the encrypted secret, still as a Pulumi secret", async () => {
        const run = await runComponents(() => {
            const user = new AssumeOnlyUser("vendor", { roleArns: [ROLE], createAccessKey: true, pgpKey: "keybase:ops" });
            return { secret: user.secretAccessKey };
        });
        assert.deepStrictEqual(only(run, "aws:iam/accessKey:AccessKey").inputs, { user: "vendor", pgpKey: "keybase:ops" });
        const secret = run.outputs["secret"] as Record<string, unknown>;
        assert.strictEqual(secret["4dabf18193072939515e22adb298388d"], "1b47061264138c4ac30d75fd1eb44270");
        assert.match(secret["value"] as string, /^[A-Za-z0-9+/]+=*$/);
    });

    describe("refuses bad arguments before registering anything", () => {
        it("no roles", async () => {
            assert.strictEqual(
                await refusal(() => new AssumeOnlyUser("vendor", { roleArns: [] })),
                "AssumeOnlyUser 'vendor': roleArns is empty. Fix: list the ARNs of the roles this user may assume; a user that can assume nothing is useless.",
            );
        });

        it("a wildcard role", async () => {
            assert.strictEqual(
                await refusal(() => new AssumeOnlyUser("vendor", { roleArns: ["*"] })),
                "AssumeOnlyUser 'vendor': roleArns[0]: \"*\" is not an IAM role ARN. Fix: use an ARN such as arn:aws:iam::123456789012:role/reader.",
            );
        });

        it("an invalid CIDR", async () => {
            assert.strictEqual(
                await refusal(() => new AssumeOnlyUser("vendor", { roleArns: [ROLE], allowedSourceCidrs: ["198.51.100.0/24", "300.1.1.0/24"] })),
                "AssumeOnlyUser 'vendor': allowedSourceCidrs[1]: \"300.1.1.0/24\" is not a CIDR. Fix: write an address and prefix length, such as 203.0.113.0/24 or 2001:db8::/32.",
            );
        });

        it("an inline policy over IAM's quota for a user's inline policies: the count, the quota and the fix; at least, while the role ARN is an output", async () => {
            const cidrs = Array.from({ length: 150 }, (_, i) => `100.64.${i}.0/24`);
            const fix = "Fix: list fewer, wider ranges in allowedSourceCidrs (merge neighbouring networks into one CIDR); for CI, use an OIDC role instead of IP lists.";
            assert.deepStrictEqual(
                [
                    await refusal(() => new AssumeOnlyUser("vendor", { roleArns: [ROLE], allowedSourceCidrs: cidrs, grantVia: "inline" })),
                    await refusal(() => new AssumeOnlyUser("vendor", { roleArns: [pulumi.output(ROLE)], allowedSourceCidrs: cidrs, grantVia: "inline" })),
                ],
                [
                    `AssumeOnlyUser 'vendor': its inline policy would be 2,917 characters without white space (1 role ARN, 150 CIDRs in allowedSourceCidrs), over IAM's quota of 2,048 for a user's inline policies, so AWS would refuse it. ${fix}`,
                    `AssumeOnlyUser 'vendor': its inline policy would be at least 2,912 characters without white space (1 role ARN, 150 CIDRs in allowedSourceCidrs), over IAM's quota of 2,048 for a user's inline policies, so AWS would refuse it. ${fix}`,
                ],
            );
        });

        it("a group policy over IAM's quota for a managed policy (6,144), which 150 CIDRs are not", async () => {
            const cidrs = (n: number) => Array.from({ length: n }, (_, i) => `100.${64 + (i >> 8)}.${i & 255}.0/24`);
            const run = await runComponents(() => new AssumeOnlyUser("vendor", { roleArns: [ROLE], allowedSourceCidrs: cidrs(150) }));
            assert.strictEqual(only(run, "aws:iam/policy:Policy").type, "aws:iam/policy:Policy");
            assert.strictEqual(
                await refusal(() => new AssumeOnlyUser("vendor", { roleArns: [ROLE], allowedSourceCidrs: cidrs(340) })),
                "AssumeOnlyUser 'vendor': its group's managed policy would be 6,243 characters without white space (1 role ARN, 340 CIDRs in allowedSourceCidrs), over IAM's quota of 6,144 for a managed policy, so AWS would refuse it. " +
                    "Fix: list fewer, wider ranges in allowedSourceCidrs (merge neighbouring networks into one CIDR); for CI, use an OIDC role instead of IP lists.",
            );
        });

        it("an unknown grantVia", async () => {
            assert.strictEqual(
                await refusal(() => new AssumeOnlyUser("vendor", { roleArns: [ROLE], grantVia: "attached" as "group" })),
                'AssumeOnlyUser \'vendor\': grantVia "attached" is not a way to grant. Fix: use "group" (the default) or "inline".',
            );
        });

        it("a PGP key without an access key", async () => {
            assert.strictEqual(
                await refusal(() => new AssumeOnlyUser("vendor", { roleArns: [ROLE], pgpKey: "keybase:ops" })),
                "AssumeOnlyUser 'vendor': pgpKey is set but createAccessKey is not. Fix: set createAccessKey: true, or drop pgpKey.",
            );
        });
    });
});
