import * as assert from "assert";

import { EvaluatorError } from "./simulate";
import { assumeWithToken } from "./simulateToken";

const ROLE = "arn:aws:iam::111111111111:role/reader";
const doc = (...statements: Record<string, unknown>[]) => ({ Version: "2012-10-17", Statement: statements });

async function rejection(p: Promise<unknown>): Promise<EvaluatorError> {
    try {
        await p;
    } catch (e) {
        assert.ok(e instanceof EvaluatorError, `expected an EvaluatorError, got ${String(e)}`);
        return e;
    }
    assert.fail("expected the wrapper to throw");
}

describe("support/simulateToken", () => {
    describe("assumeWithToken", () => {
        const GITHUB = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com";
        const GH = "token.actions.githubusercontent.com";
        const trust = (Condition: Record<string, unknown>, Principal: unknown = { Federated: GITHUB }) => doc({ Effect: "Allow", Principal, Action: "sts:AssumeRoleWithWebIdentity", Condition });
        const token = (sub: string, trustPolicy: Record<string, unknown>, provider = GITHUB) =>
            assumeWithToken({ provider, action: "sts:AssumeRoleWithWebIdentity", roleArn: ROLE, trustPolicy, claims: { [`${GH}:aud`]: "sts.amazonaws.com", [`${GH}:sub`]: sub } });

        it("decides on the claims of providers registered in IAM, which the checked path drops", async () => {
            const pinned = trust({ StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${GH}:sub`]: "repo:octo-org/octo-repo:*" } });
            const anyRepo = trust({ StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${GH}:sub`]: "repo:*" } });
            assert.deepStrictEqual(
                [
                    await token("repo:octo-org/octo-repo:ref:refs/heads/main", pinned),
                    await token("repo:attacker/evil:ref:refs/heads/main", pinned),
                    await token("repo:attacker/evil:ref:refs/heads/main", anyRepo),
                    await token("repo:attacker/evil:ref:refs/heads/main", trust({ StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" } }, "*"), "accounts.google.com"),
                ],
                ["Allowed", "ImplicitlyDenied", "Allowed", "Allowed"],
            );
        });

        it("rejects a trust policy IAM would refuse", async () => {
            const e = await rejection(token("repo:a/b:x", trust({ StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" } }, { Federated: GITHUB, Bogus: "x" })));
            assert.strictEqual(e.isPolicyValidation, true);
        });
    });
});
