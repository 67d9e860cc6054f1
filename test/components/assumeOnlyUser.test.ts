import * as pulumi from "@pulumi/pulumi";
import * as assert from "assert";

import { AssumeOnlyUser } from "../../components";
import { doc, only, refusal, runComponents } from "../support/mocked";

const ROLE = "arn:aws:iam::123456789012:role/reader";

describe("components/AssumeOnlyUser", () => {
    it("creates a user whose only Allow is sts:AssumeRole on the named role, parented and named after the component", async () => {
        const run = await runComponents(() => new AssumeOnlyUser("vendor", { roleArns: [ROLE] }));
        const component = only(run, "assume-guard:iam:AssumeOnlyUser", "vendor");
        const user = only(run, "aws:iam/user:User", "vendor-user");
        const policy = only(run, "aws:iam/userPolicy:UserPolicy", "vendor-assume");
        assert.deepStrictEqual([user.parent, policy.parent], [component.urn, component.urn]);
        assert.deepStrictEqual(user.inputs, { name: "vendor", path: "/" });
        assert.deepStrictEqual(doc(policy), {
            Version: "2012-10-17",
            Statement: [{ Sid: "AssumeGuardedRoles", Effect: "Allow", Action: "sts:AssumeRole", Resource: ROLE }],
        });
        assert.deepStrictEqual(run.resources.filter(r => r.type === "aws:iam/accessKey:AccessKey"), []);
    });

    it("denies every action outside the allowed CIDRs except via AWS services, and AssumeRole without MFA", async () => {
        const run = await runComponents(
            () =>
                new AssumeOnlyUser("vendor", {
                    roleArns: [ROLE],
                    allowTagSession: true,
                    allowedSourceCidrs: ["198.51.100.0/24"],
                    requireMfa: true,
                }),
        );
        assert.deepStrictEqual(doc(only(run, "aws:iam/userPolicy:UserPolicy")), {
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
        });
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

        it("a policy over IAM's quota for a user's inline policies: the count, the quota and the fix; at least, while the role ARN is an output", async () => {
            const cidrs = Array.from({ length: 150 }, (_, i) => `100.64.${i}.0/24`);
            const fix = "Fix: list fewer, wider ranges in allowedSourceCidrs (merge neighbouring networks into one CIDR); for CI, use an OIDC role instead of IP lists.";
            assert.deepStrictEqual(
                [
                    await refusal(() => new AssumeOnlyUser("vendor", { roleArns: [ROLE], allowedSourceCidrs: cidrs })),
                    await refusal(() => new AssumeOnlyUser("vendor", { roleArns: [pulumi.output(ROLE)], allowedSourceCidrs: cidrs })),
                ],
                [
                    `AssumeOnlyUser 'vendor': its inline policy would be 2,917 characters without white space (1 role ARN, 150 CIDRs in allowedSourceCidrs), over IAM's quota of 2,048 for a user's inline policies, so AWS would refuse it. ${fix}`,
                    `AssumeOnlyUser 'vendor': its inline policy would be at least 2,912 characters without white space (1 role ARN, 150 CIDRs in allowedSourceCidrs), over IAM's quota of 2,048 for a user's inline policies, so AWS would refuse it. ${fix}`,
                ],
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
