/**
 * One SDK instance (gate/sdk.ts): the mocks run through the @pulumi/pulumi the program loads, whatever
 * its version, while libraries such as @pulumi/aws may bring their own copy. The second version is the
 * devDependency `@pulumi/pulumi-other` (npm:@pulumi/pulumi@3.150.0).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { main } from "../../gate/cli";
import { runProgramMocked } from "../../gate/mockRuntime";
import { gateSdk, programSdk } from "../../gate/sdk";
import { REPO_ROOT, tempDir } from "../support/mocked";

const OTHER = path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi-other");
const AWS = path.join(REPO_ROOT, "node_modules", "@pulumi", "aws");
const GATE_VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")) as { version: string }).version;

const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const aws = require("@pulumi/aws");

class Team extends pulumi.ComponentResource {
    constructor(name) {
        super("ag:test:Team", name, {});
        const user = new aws.iam.User(name, { name }, { parent: this });
        new aws.iam.UserPolicy(name + "-data", {
            user: user.name,
            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: "*" }] }),
        }, { parent: this });
        this.registerOutputs({});
    }
}
new Team("reporting");
aws.iam.Role.get("deployer", "deployer"); // a read, answered through the program's MockMonitor too
module.exports = { sdk: require("@pulumi/pulumi/package.json").version, token: pulumi.secret("s3cr3t-value") };
`;

/** A project in a temporary folder whose node_modules links @pulumi/pulumi to `sdk` and @pulumi/aws to the gate's. */
function project(sdk: string | undefined): string {
    const dir = tempDir("gate-sdk-");
    fs.mkdirSync(path.join(dir, "node_modules", "@pulumi"), { recursive: true });
    if (sdk) {
        fs.symlinkSync(sdk, path.join(dir, "node_modules", "@pulumi", "pulumi"));
    }
    fs.symlinkSync(AWS, path.join(dir, "node_modules", "@pulumi", "aws"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: other-sdk\nruntime: nodejs\nmain: index.js\n");
    fs.writeFileSync(path.join(dir, "Pulumi.test.yaml"), "config:\n  aws:region: eu-west-1\n");
    fs.writeFileSync(path.join(dir, "index.js"), PROGRAM);
    return dir;
}

describe("gate/sdk", () => {
    it("finds the @pulumi/pulumi the program loads, not the gate's", () => {
        const dir = project(OTHER);
        assert.deepStrictEqual([programSdk(dir).version, programSdk(dir).dir, gateSdk().version], ["3.150.0", OTHER, GATE_VERSION]);
        assert.notStrictEqual(GATE_VERSION, "3.150.0");
    });

    it("records a program on another SDK version, while @pulumi/aws registers through its own copy", async () => {
        const run = await runProgramMocked({ projectDir: project(OTHER), stack: "test" });
        assert.deepStrictEqual(run.outputs, { sdk: "3.150.0", token: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "s3cr3t-value" } });
        const team = "urn:pulumi:test::other-sdk::pulumi:pulumi:Stack$ag:test:Team::reporting";
        assert.deepStrictEqual(
            run.resources.map(r => [r.type, r.name, r.parent]),
            [
                ["pulumi:pulumi:Stack", "other-sdk-test", undefined],
                ["ag:test:Team", "reporting", "urn:pulumi:test::other-sdk::pulumi:pulumi:Stack::other-sdk-test"],
                ["aws:iam/user:User", "reporting", team],
                ["aws:iam/userPolicy:UserPolicy", "reporting-data", team],
            ],
        );
    });

    it("judges that program with the verdict of the gate's own SDK", async () => {
        let out = "";
        const code = await main(["--project", project(OTHER), "--stack", "test", "--format", "json"], s => (out += s), () => undefined);
        const report = JSON.parse(out) as { findings: { rule: string; resource: string }[]; resourcesJudged: number };
        assert.deepStrictEqual([code, report.resourcesJudged, report.findings.map(f => [f.rule, f.resource])], [
            1,
            4,
            [
                ["iam-user-assume-only", "aws:iam/userPolicy:UserPolicy reporting-data"],
                ["iam-user-no-direct-data-access", "aws:iam/userPolicy:UserPolicy reporting-data"],
                ["iam-user-permissions-through-groups", "aws:iam/userPolicy:UserPolicy reporting-data"],
            ],
        ]);
    });

    it("exit 2 when the program's SDK lacks what the gate needs, naming both versions and the fix", async () => {
        const old = tempDir("gate-old-sdk-");
        fs.mkdirSync(path.join(old, "runtime"));
        fs.writeFileSync(path.join(old, "package.json"), JSON.stringify({ name: "@pulumi/pulumi", version: "1.0.0" }));
        fs.writeFileSync(path.join(old, "runtime", "mocks.js"), "exports.setMocks = () => undefined;\n");
        const dir = project(old);
        let err = "";
        const code = await main(["--project", dir, "--stack", "test"], () => undefined, s => (err += s));
        assert.deepStrictEqual(
            [code, err],
            [
                2,
                `assume-guard gate: the program's @pulumi/pulumi 1.0.0 (${fs.realpathSync(old)}) has no runtime/mocks.MockMonitor, which the gate needs to run it under mocks; ` +
                    `upgrade it (npm install @pulumi/pulumi@^${GATE_VERSION}) in the project folder\n`,
            ],
        );
    });

    it("exit 2 when the program cannot load @pulumi/pulumi at all", async () => {
        const dir = project(undefined);
        let err = "";
        const code = await main(["--project", dir, "--stack", "test"], () => undefined, s => (err += s));
        assert.deepStrictEqual(
            [code, err],
            [2, `assume-guard gate: the program in ${dir} cannot load @pulumi/pulumi: it looks like the Pulumi SDK has not been installed; run npm install in the project folder\n`],
        );
    });
});
