/**
 * assume-guard as a user installs it (`npm run test:package`, run by .ci/run; not part of `npm test`):
 * this checkout packed by `npm pack`, installed into new projects in a temporary folder with nothing
 * from this repository but the tarball, then type-checked, run, served and unit-tested there.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { help } from "../../cli/main";
import { startAnalyzer } from "../support/analyzer";
import { REPO_ROOT, tempDir } from "../support/mocked";
import { ARN, doc, goodStack, withProps } from "../policypack/fixtures";
import { consumer, diskUsage, exampleProject, megabytes, npm, packOnce, Packed, PEERS, run, TOOLS } from "./support";

const MOCHA = path.join(REPO_ROOT, "node_modules", "mocha", "bin", "mocha.js");
const TS_NODE = path.join(REPO_ROOT, "node_modules", "ts-node", "register", "transpile-only");

/** A consumer's code touching every entry point, for `tsc` with the user's own flags. */
const USES = `import { AssumeOnlyUser, CrossAccountRole, GuardedRole, ScopedTable, sessionProvider } from "assume-guard";
import { arns } from "assume-guard/components";
import { assumeRoleCredentials } from "assume-guard/client";
import { promiseOf, runProgram, setMocks } from "assume-guard/testing";

export const entryPoints = [AssumeOnlyUser, CrossAccountRole, GuardedRole, ScopedTable, sessionProvider, assumeRoleCredentials, promiseOf, runProgram, setMocks];
export const roleArn: string = arns.roleArn({ partition: "aws", accountId: "123456789012" }, "reader");
`;
const STRICT = {
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    noImplicitOverride: true,
    noPropertyAccessFromIndexSignature: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    noEmit: true,
    types: ["node"],
};

/** A program that gives an IAM user data access directly: the gate must refuse it. */
const LEAKY = `"use strict";
const aws = require("@pulumi/aws");
const user = new aws.iam.User("etl", { name: "etl" });
new aws.iam.UserPolicy("etl-data", {
    user: user.name,
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "dynamodb:GetItem", Resource: "arn:aws:dynamodb:us-east-1:123456789012:table/orders" }] }),
});
`;

const sizes: string[] = [];
after(() => console.log(`  install size: ${sizes.join("; ")}`));

describe("package: npm install of the tarball", function () {
    this.timeout(600000);
    let packed: Packed;
    let project: string;

    before(() => {
        packed = packOnce();
        project = exampleProject(path.join(tempDir("ag-package-"), "project"), packed);
        sizes.push(`tarball ${megabytes(packed.size)}, unpacked ${megabytes(packed.unpackedSize)} (${packed.files.length} files)`);
        sizes.push(`a new project's node_modules with the peers (${PEERS.join(", ")}, plus ${TOOLS.join(", ")}): ${megabytes(diskUsage(path.join(project, "node_modules")))}`);
    });

    it("Pack: compiled JavaScript, declarations, the CLI, the pack and its data; no TypeScript source and nothing of the repository's own", () => {
        const sources = packed.files.filter(f => f.endsWith(".ts") && !f.endsWith(".d.ts"));
        const foreign = packed.files.filter(f => !/^(bin\/(audit|cli|client|components|gate|policypack|stack|testing)\/|examples\/ci\/|gate\/invokes\/data\/|policypack\/|LICENSE$|README\.md$|package\.json$)/.test(f));
        const needed = [
            "bin/cli/main.js",
            "bin/components/index.js",
            "bin/components/index.d.ts",
            "bin/client/index.js",
            "bin/client/index.d.ts",
            "bin/testing/index.js",
            "bin/testing/index.d.ts",
            "bin/gate/cli.js",
            "bin/audit/cli.js",
            "bin/stack/config.js",
            "examples/ci/github-actions.yml",
            "examples/ci/pre-commit",
            "gate/invokes/data/aws-functions.json",
            "gate/invokes/data/partitions.json",
            "policypack/package.json",
            "policypack/PulumiPolicy.yaml",
            "policypack/entry.js",
            "policypack/freshness.js",
            "policypack/bin/index.js",
            "policypack/data/aws-managed-policies.json",
            "policypack/config/default.json",
            "policypack/config/strict.json",
        ].filter(f => !packed.files.includes(f));
        assert.deepStrictEqual({ sources, foreign, missing: needed }, { sources: [], foreign: [], missing: [] });
    });

    it("Types: a consumer's strict flags, exactOptionalPropertyTypes included, type-check against the declarations (node16 and node10 resolution)", () => {
        fs.writeFileSync(path.join(project, "uses.ts"), USES);
        const configs = {
            "tsconfig.node16.json": { ...STRICT, target: "es2022", module: "node16", moduleResolution: "node16" },
            "tsconfig.node10.json": { ...STRICT, target: "es2020", module: "commonjs", moduleResolution: "node" },
        };
        const results = Object.entries(configs).map(([file, compilerOptions]) => {
            fs.writeFileSync(path.join(project, file), JSON.stringify({ compilerOptions, files: ["uses.ts", "index.ts"] }));
            const ran = run(process.execPath, [path.join(project, "node_modules", "typescript", "bin", "tsc"), "-p", file], project);
            return [file, ran.status, ran.stdout];
        });
        assert.deepStrictEqual(results, Object.keys(configs).map(file => [file, 0, ""]));
    });

    it("CLI: assume-guard --help lists the commands", () => {
        const ran = run(path.join(project, "node_modules", ".bin", "assume-guard"), ["--help"], project);
        assert.deepStrictEqual([ran.status, ran.stdout, ran.stderr], [0, help(), ""]);
    });

    it("CLI: assume-guard gate --stack dev judges the program in the current folder, a TypeScript program in top-level style", () => {
        const ran = run(path.join(project, "node_modules", ".bin", "assume-guard"), ["gate", "--stack", "dev"], project);
        assert.deepStrictEqual([ran.status, ran.stdout, ran.stderr], [0, "assume-guard gate: PASS (0 mandatory, 0 advisory; 12 resources judged from stack dev)\n", ""]);
    });

    it("CLI: assume-guard gate --project refuses a program whose user reaches data directly, exit 1", () => {
        const leaky = path.join(project, "leaky");
        fs.mkdirSync(leaky);
        fs.writeFileSync(path.join(leaky, "Pulumi.yaml"), "name: leaky\nruntime: nodejs\nmain: index.js\n");
        fs.writeFileSync(path.join(leaky, "Pulumi.dev.yaml"), "config: {}\n");
        fs.writeFileSync(path.join(leaky, "index.js"), LEAKY);
        const ran = run(path.join(project, "node_modules", ".bin", "assume-guard"), ["gate", "--project", "leaky", "--stack", "dev", "--format", "json"], project);
        const report = JSON.parse(ran.stdout) as { verdict: string; findings: { rule: string; resource: string }[] };
        assert.deepStrictEqual([ran.status, report.verdict, report.findings.map(f => [f.rule, f.resource])], [
            1,
            "fail",
            [
                ["iam-user-assume-only", "aws:iam/userPolicy:UserPolicy etl-data"],
                ["iam-user-no-direct-data-access", "aws:iam/userPolicy:UserPolicy etl-data"],
                ["iam-user-permissions-through-groups", "aws:iam/userPolicy:UserPolicy etl-data"],
            ],
        ]);
    });

    it("CLI: assume-guard audit judges an account's export in the current folder, exit 1; its SARIF points at the entity's line of the file", () => {
        fs.copyFileSync(path.join(REPO_ROOT, "test", "fixtures", "audit", "cloudsplaining-overrides-complete.json"), path.join(project, "account.json"));
        const bin = path.join(project, "node_modules", ".bin", "assume-guard");
        const text = run(bin, ["audit", "--authorization-details", "account.json"], project);
        const sarif = run(bin, ["audit", "--authorization-details", "account.json", "--format", "sarif"], project);
        const results = (JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: unknown }[] }[] }[] }).runs[0].results;
        assert.deepStrictEqual(
            [text.status, text.stdout.split("\n")[0], text.stderr, sarif.status, results.filter(r => r.ruleId === "iam-user-no-direct-data-access").map(r => r.locations[0].physicalLocation)],
            [
                1,
                "assume-guard audit: FAIL (5 mandatory, 2 advisory; 13 resources judged from account 012345678901)",
                "",
                1,
                [{ artifactLocation: { uri: "account.json", uriBaseId: "%SRCROOT%" }, region: { startLine: 5, startColumn: 7 } }],
            ],
        );
    });

    it("Policy pack: node_modules/assume-guard/policypack starts as the engine starts it and answers as this repository's pack does", async () => {
        const installed = await startAnalyzer(path.join(project, "node_modules", "assume-guard", "policypack"));
        const repo = await startAnalyzer(path.join(REPO_ROOT, "policypack"));
        try {
            const stack = withProps(goodStack(), "app-user-assume", { policy: doc({ Effect: "Allow", Action: "dynamodb:GetItem", Resource: ARN.table }) });
            await Promise.all([installed.configure(), repo.configure()]);
            const [mine, theirs] = [await installed.analyzeAll(stack), await repo.analyzeAll(stack)];
            assert.deepStrictEqual(
                { info: await installed.getAnalyzerInfo(), diagnostics: mine, stderr: installed.pack.stderr() },
                { info: await repo.getAnalyzerInfo(), diagnostics: theirs, stderr: "" },
            );
            assert.deepStrictEqual(mine.map(d => [d.policyName, d.enforcementLevel]), [
                ["iam-user-no-direct-data-access", "mandatory"],
                ["iam-user-assume-only", "mandatory"],
                ["iam-user-permissions-through-groups", "advisory"],
            ]);
        } finally {
            await Promise.all([installed.close(), repo.close()]);
        }
    });

    it("Testing helpers: the README's unit test (examples/unit-test) passes in the consumer, against the installed package", () => {
        const ran = run(process.execPath, [MOCHA, "--no-config", "--require", TS_NODE, "--reporter", "json", "--timeout", "60000", "index.test.ts"], project);
        const report = JSON.parse(ran.stdout) as { passes: { fullTitle: string }[]; failures: { fullTitle: string }[] };
        assert.deepStrictEqual([ran.status, report.passes.map(p => p.fullTitle), report.failures.map(f => f.fullTitle)], [
            0,
            ["reporting program exports the role the reporting user assumes", "reporting program trusts the reporting user only from the office network"],
            [],
        ]);
    });
});

describe("package: the client alone", function () {
    this.timeout(600000);

    it("Client: assume-guard/client loads in a project without the Pulumi SDKs and loads none of them", () => {
        const tmp = tempDir("ag-package-client-");
        const packed = packOnce();
        const project = consumer(path.join(tmp, "vendor"), "vendor-service");
        npm(["install", packed.tarball, "--omit=peer"], project);
        const probe = 'const c = require("assume-guard/client"); console.log(JSON.stringify([typeof c.assumeRoleCredentials, Object.keys(require.cache).filter(k => k.includes("@pulumi")).length]));';
        const ran = run(process.execPath, ["-e", probe], project, { check: true });
        assert.deepStrictEqual(
            [JSON.parse(ran.stdout), fs.existsSync(path.join(project, "node_modules", "@pulumi", "aws"))],
            [["function", 0], false],
        );
        sizes.push(`without the peers (npm install --omit=peer): ${megabytes(diskUsage(path.join(project, "node_modules")))}`);
    });
});
