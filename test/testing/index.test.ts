/**
 * assume-guard/testing: a user's unit tests of a program built from the components, under the gate's
 * mocks (setMocks, promiseOf, runProgram) or under the mocks Pulumi's unit-testing guide writes.
 */
import * as pulumi from "@pulumi/pulumi";
import * as assert from "assert";
import * as path from "path";

import { AssumeOnlyUser, CrossAccountRole } from "../../components";
import { gateSdk } from "../../gate/sdk";
import { promiseOf, runProgram, setMocks } from "../../testing";
import { REPO_ROOT } from "../support/mocked";
import { run } from "../package/support";

const EXAMPLE = path.join(REPO_ROOT, "examples", "unit-test");

describe("testing (assume-guard/testing)", () => {
    it("setMocks: components answer with the gate's account, region and ARNs, and every registration is recorded", async () => {
        const stack = setMocks({ project: "vendor", accountId: "111122223333", config: { "aws:region": "eu-west-1" } });
        const role = new CrossAccountRole("acme", { vendorAccountId: "210987654321", externalId: "acme-3f9c1e7a" });
        const user = new AssumeOnlyUser("ops", { roleArns: [role.roleArn] });
        assert.deepStrictEqual(await promiseOf(pulumi.all([role.roleArn, user.userArn, pulumi.getProject(), pulumi.getStack()])), [
            "arn:aws:iam::111122223333:role/acme",
            "arn:aws:iam::111122223333:user/ops",
            "vendor",
            "stack",
        ]);
        assert.deepStrictEqual(
            (await stack.settled()).map(r => `${r.type} ${r.name}`).sort(),
            [
                "assume-guard:iam:AssumeOnlyUser ops",
                "assume-guard:iam:CrossAccountRole acme",
                "assume-guard:iam:GuardedRole acme",
                "aws:iam/group:Group ops-group",
                "aws:iam/groupPolicyAttachment:GroupPolicyAttachment ops-attach",
                "aws:iam/policy:Policy ops-assume",
                "aws:iam/role:Role acme-role",
                "aws:iam/user:User ops-user",
                "aws:iam/userGroupMembership:UserGroupMembership ops-membership",
            ],
        );
    });

    it("Pulumi's guide's own mocks, which know no account: a CrossAccountRole's outputs settle (its own-account check has nothing to compare)", async () => {
        await pulumi.runtime.setMocks(
            { newResource: args => ({ id: `${args.name}_id`, state: args.inputs }), call: args => args.inputs },
            "project",
            "stack",
            false,
        );
        const role = new CrossAccountRole("acme", { vendorAccountId: "210987654321", externalId: "acme-3f9c1e7a" });
        assert.deepStrictEqual(await promiseOf(pulumi.all([role.roleName, role.externalId])), ["acme", "acme-3f9c1e7a"]);
        await gateSdk().waitForRPCs();
    });

    it("runProgram: runs a project with its stack file's config, as the gate does, and returns its outputs", async () => {
        const run = await runProgram({ projectDir: EXAMPLE, stack: "dev", config: { "aws:region": "us-west-2" } });
        assert.deepStrictEqual(run.outputs, { roleArn: "arn:aws:iam::123456789012:role/reporting-reader", tableName: "reports" });
        assert.strictEqual(run.environment.region, "us-west-2");
    });

    it("the README's example test (examples/unit-test/index.test.ts) passes, in its own project's settings", () => {
        const mocha = path.join(REPO_ROOT, "node_modules", "mocha", "bin", "mocha.js");
        const ran = run(process.execPath, [mocha, "--no-config", "--require", "ts-node/register/transpile-only", "--reporter", "json", "--timeout", "60000", "index.test.ts"], EXAMPLE);
        const report = JSON.parse(ran.stdout) as { passes: { fullTitle: string }[]; failures: { fullTitle: string }[] };
        assert.deepStrictEqual([ran.status, report.passes.map(p => p.fullTitle), report.failures.map(f => f.fullTitle)], [
            0,
            ["reporting program exports the role the reporting user assumes", "reporting program trusts the reporting user only from the office network"],
            [],
        ]);
    });
});
