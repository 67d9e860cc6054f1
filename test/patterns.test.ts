import * as assert from "assert";
import * as path from "path";

import { arns, AssumeOnlyUser, CrossAccountRole, currentScope, GuardedRole, MfaEnrolmentRole, operatorAdminRole, operatorMfaEnrolment, operatorUser, ScopedTable, sessionProvider } from "../components";
import { main } from "../gate/cli";
import { toHostResources } from "../gate/judge";
import { fromMockedRun, SecretScrubber } from "../gate/resources";
import { runPolicies } from "../policypack/host";
import { policies } from "../policypack/policies";
import { REPO_ROOT, runComponents } from "./support/mocked";

const OFFICE = ["198.51.100.0/24"];

async function diagnostics(build: () => unknown): Promise<[string, string, string][]> {
    const run = await runComponents(build);
    const result = await runPolicies(policies, toHostResources(fromMockedRun(run.resources, new SecretScrubber())));
    return result.diagnostics.map(d => [d.enforcementLevel, d.policyName, (d.urn ?? "").slice((d.urn ?? "").lastIndexOf("::") + 2)]);
}

describe("access patterns through the pack", () => {
    it("a SaaS vendor reading one bucket prefix across accounts passes", async () => {
        assert.deepStrictEqual(
            await diagnostics(() => {
                new CrossAccountRole("acme", { vendorAccountId: "210987654321", externalId: "acme-3f9c1e7a", bucketAccess: { bucket: "acme-exports", prefix: "vendor/" } });
            }),
            [],
        );
    });

    it("a CI job narrowing its session to what the role holds passes, and widening it is flagged", async () => {
        const build = (sessionActions: string[]) => () => {
            const ci = new AssumeOnlyUser("ci", { roleArns: [currentScope().apply(s => arns.roleArn(s, "deployer"))], allowedSourceCidrs: OFFICE });
            const role = new GuardedRole("deployer", { trustedPrincipals: [ci.userArn], sourceCidrs: OFFICE });
            new ScopedTable("items", {}).grantReadWrite(role);
            sessionProvider("read-only", {
                roleArn: "arn:aws:iam::123456789012:role/deployer",
                sessionName: "ci-report",
                policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: sessionActions, Resource: "*" }] },
                durationSeconds: 900,
            });
        };
        assert.deepStrictEqual(await diagnostics(build(["dynamodb:GetItem", "dynamodb:Query"])), []);
        assert.deepStrictEqual(await diagnostics(build(["dynamodb:GetItem", "sns:CreateTopic"])), [["advisory", "session-policy-narrows", "read-only"]]);
    });

    it("an operator assuming an admin role only from the office with MFA passes, listed for review", async () => {
        assert.deepStrictEqual(
            await diagnostics(() => {
                const op = new AssumeOnlyUser("op", { userName: "op", ...operatorUser({ adminRoleArn: currentScope().apply(s => arns.roleArn(s, "op-admin")), officeCidrs: OFFICE }) });
                new GuardedRole("op-admin", operatorAdminRole({ operatorArns: [op.userArn], officeCidrs: OFFICE }));
            }),
            [["advisory", "iam-role-full-access-review", "op-admin-role"]],
        );
    });

    it("an administrator's enrolment role for the operator's MFA device passes; the operator as its own administrator is refused", async () => {
        const args = operatorMfaEnrolment({ operatorUserNames: ["op"], administrators: ["arn:aws:iam::123456789012:role/Admin"], officeCidrs: OFFICE });
        assert.deepStrictEqual(await diagnostics(() => new MfaEnrolmentRole("op-mfa", args)), []);
        assert.throws(() => new MfaEnrolmentRole("op-mfa", { ...args, administrators: ["arn:aws:iam::123456789012:user/op"] }), /^InvalidArgumentError: MfaEnrolmentRole 'op-mfa': administrators\[0\]/);
    });

    it("the vendor-access example program passes the gate", async () => {
        let out = "";
        const code = await main(["--project", path.join(REPO_ROOT, "examples", "vendor-access"), "--stack", "acme"], s => (out += s), s => (out += s));
        assert.deepStrictEqual([code, out], [0, "assume-guard gate: PASS (0 mandatory, 0 advisory; 5 resources judged from stack acme)\n"]);
    });
});
