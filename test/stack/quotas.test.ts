import * as assert from "assert";

import { main } from "../../gate/cli";
import { assumeOnlyUserPolicy, trustPolicy } from "../../components/iam/documents";
import { runPack } from "../policypack/assertions";
import { resource, T, urn } from "../policypack/fixtures";
import { parseStackConfig } from "../../stack/config";
import { programRefusal, REPO_ROOT } from "../support/mocked";

/** `n` distinct /24s from 100.64.0.0/24 on: their union is far narrower than a /8, so only their number is at fault. */
const cidrs = (n: number) => Array.from({ length: n }, (_, i) => `100.${64 + (i >> 8)}.${i & 255}.0/24`);
const BASE = { "assume-guard:tableName": "items", "aws:region": "eu-west-1" };
const FIX = "Fix: list fewer, wider ranges in assume-guard:allowedCidrs (merge neighbouring networks into one CIDR); for CI, use an OIDC role instead of IP lists.";
const REFUSAL =
    "assume-guard:allowedCidrs: 150 CIDRs make the connector role's trust policy 2,828 characters (IAM's quota for a role's trust policy: 2,048), counted without white space as AWS counts them, " +
    `so AWS would refuse the stack at pulumi up. ${FIX}`;
const REFUSAL_340 =
    "assume-guard:allowedCidrs: 340 CIDRs make the connector user's group's managed policy 6,263 characters (IAM's quota for a managed policy: 6,144) " +
    "and the connector role's trust policy 6,154 characters (IAM's quota for a role's trust policy: 2,048), counted without white space as AWS counts them, " +
    `so AWS would refuse the stack at pulumi up. ${FIX}`;

function refusal(raw: Record<string, string>): string {
    try {
        parseStackConfig({ ...BASE, ...raw }, "dev");
    } catch (e) {
        return (e as Error).message;
    }
    return assert.fail("expected the config to be refused");
}

describe("stack/quotas: documents AWS would refuse for their size", () => {
    it("accepts 100 CIDRs, whose documents fit", () => {
        assert.deepStrictEqual(parseStackConfig({ ...BASE, "assume-guard:allowedCidrs": JSON.stringify(cidrs(100)) }, "dev").allowedCidrs.length, 100);
    });

    it("refuses 150 allowedCidrs with the counts, the quotas and the fix: the role's trust is over, the user's group policy (6,144 allowed) is not", () => {
        assert.strictEqual(refusal({ "assume-guard:allowedCidrs": JSON.stringify(cidrs(150)) }), REFUSAL);
    });

    it("refuses 340 allowedCidrs by both documents, the group's managed policy counted against a managed policy's quota", () => {
        assert.strictEqual(refusal({ "assume-guard:allowedCidrs": JSON.stringify(cidrs(340)) }), REFUSAL_340);
    });

    it("refuses 150 operatorCidrs by the operator's documents", () => {
        assert.strictEqual(
            refusal({ "assume-guard:allowedCidrs": '["198.51.100.0/24"]', "assume-guard:operatorCidrs": JSON.stringify(cidrs(150)) }),
            "assume-guard:operatorCidrs: 150 CIDRs make the operator role's trust policy 2,929 characters (IAM's quota for a role's trust policy: 2,048), counted without white space as AWS counts them, " +
                "so AWS would refuse the stack at pulumi up. Fix: list fewer, wider ranges in assume-guard:operatorCidrs (merge neighbouring networks into one CIDR); for CI, use an OIDC role instead of IP lists.",
        );
    });

    it("the program registers nothing for the dev stack with 150 CIDRs", async () => {
        assert.deepStrictEqual(await programRefusal("dev", { "assume-guard:allowedCidrs": JSON.stringify(cidrs(150)) }), { message: REFUSAL, types: ["pulumi:pulumi:Stack"] });
    });

    it("the gate refuses the dev stack with 150 CIDRs: exit 2 and the program's message", async () => {
        let out = "";
        let err = "";
        const code = await main(
            ["--project", REPO_ROOT, "--stack", "dev", "--config-path", ...cidrs(150).flatMap((c, i) => ["--config", `allowedCidrs[${i}]=${c}`])],
            s => (out += s),
            s => (err += s),
        );
        assert.deepStrictEqual([code, out, err.replace(/\.ts:\d+: /, ".ts:N: ")], [2, "", `assume-guard gate: the program failed at stack/quotas.ts:N: ${REFUSAL}\n`]);
    });

    it("the same documents, fed to the pack, are reported by iam-within-aws-quotas with the same counts", async () => {
        const account = "123456789012";
        const userArn = `arn:aws:iam::${account}:user/assume-guard-dev-user`;
        const roleArn = `arn:aws:iam::${account}:role/assume-guard-dev-connector`;
        const user = resource(T.user, "connector-user", { name: "assume-guard-dev-user" });
        const group = resource(T.group, "connector-group", { name: "assume-guard-dev-user-assume-only" });
        const policy = resource(T.policy, "connector-assume", { name: "assume-guard-dev-user-assume-only", policy: assumeOnlyUserPolicy({ roleArns: [roleArn], allowedSourceCidrs: cidrs(340) }) });
        const stack = [
            user,
            group,
            policy,
            resource(T.groupPolicyAttachment, "connector-attach", { group: "assume-guard-dev-user-assume-only", policyArn: `arn:aws:iam::${account}:policy/assume-guard-dev-user-assume-only` }, { group: [group], policyArn: [policy] }),
            resource(T.userGroupMembership, "connector-membership", { user: "assume-guard-dev-user", groups: ["assume-guard-dev-user-assume-only"] }, { user: [user], groups: [group] }),
            resource(T.role, "connector-role", { name: "assume-guard-dev-connector", assumeRolePolicy: trustPolicy({ principalArns: [userArn], sourceCidrs: cidrs(340) }) }, { assumeRolePolicy: [user] }),
        ];
        const found = (await runPack(stack)).diagnostics.filter(d => d.policyName === "iam-within-aws-quotas").map(d => [d.urn, d.message.slice(0, d.message.indexOf(", counted"))]);
        assert.deepStrictEqual(found, [
            [urn(T.policy, "connector-assume"), "Policy 'connector-assume' has its policy document of 6,263 characters"],
            [urn(T.role, "connector-role"), "Role 'connector-role' has its trust policy (assumeRolePolicy) of 6,154 characters"],
        ]);
    });
});
