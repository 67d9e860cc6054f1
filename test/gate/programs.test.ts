/**
 * The gate runs ordinary Pulumi programs as the CLI's Node.js language host would (gate/mockRuntime.ts,
 * gate/programLoader.ts, gate/programSession.ts), and fails closed on anything that stops a full
 * judgement. Fixtures: test/fixtures/programs/ag-*.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

import { main } from "../../gate/cli";
import { runProgramMocked } from "../../gate/mockRuntime";
import { REPO_ROOT, tempDir } from "../support/mocked";

const PROGRAMS = path.join(REPO_ROOT, "test", "fixtures", "programs");
/** A fixture's folder as the gate names it: relative to the working directory. */
const shown = (name: string, file = "") => path.relative(process.cwd(), path.join(PROGRAMS, name, file));

const LEAKY_FINDINGS = [
    ["mandatory", "iam-user-assume-only", "aws:iam/userPolicy:UserPolicy reporting-data"],
    ["mandatory", "iam-user-no-direct-data-access", "aws:iam/userPolicy:UserPolicy reporting-data"],
    ["advisory", "iam-user-permissions-through-groups", "aws:iam/userPolicy:UserPolicy reporting-data"],
];

async function gate(name: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await main(["--project", path.join(PROGRAMS, name), "--stack", "test", ...argv], s => (out += s), s => (err += s));
    return { code, out, err };
}

async function verdict(name: string, ...argv: string[]): Promise<{ code: number; judged: number; findings: string[][] }> {
    const run = await gate(name, "--format", "json", ...argv);
    assert.strictEqual(run.err, "", run.err);
    const report = JSON.parse(run.out) as { resourcesJudged: number; findings: { level: string; rule: string; resource: string }[] };
    return { code: run.code, judged: report.resourcesJudged, findings: report.findings.map(f => [f.level, f.rule, f.resource]) };
}

describe("gate: real programs, run as the language host runs them", () => {
    describe("judges every way a program may be written", () => {
        const cases: [string, string][] = [
            ["a top-level TypeScript program (registrations at module load, no exported function)", "ag-toplevel-leaky"],
            ["a CommonJS JavaScript program exporting an async function", "ag-js-cjs"],
            ['an ES module ("type": "module") with export default, entry from package.json main, a second module', "ag-esm"],
            ["a TypeScript ES module (.mts) with top-level await, compiled through the SDK's loader hooks", "ag-mts"],
            ["TypeScript compiled with the tsconfig Pulumi.yaml names (runtime.options.tsconfig)", "ag-tsconfig"],
            ["Pulumi.yaml main naming a folder, a file read relative to it", "ag-main-dir"],
            ["no main in Pulumi.yaml: package.json main", "ag-package-main"],
        ];
        for (const [what, name] of cases) {
            it(`Judged: ${what}`, async () => {
                assert.deepStrictEqual(await verdict(name), { code: 1, judged: 3, findings: LEAKY_FINDINGS });
            });
        }
    });

    it("compiles with the project's tsconfig: without esModuleInterop there, the same program fails", async () => {
        const dir = tempDir("gate-tsconfig-");
        fs.mkdirSync(path.join(dir, "node_modules", "@pulumi"), { recursive: true });
        for (const pkg of ["pulumi", "aws"]) {
            fs.symlinkSync(path.join(REPO_ROOT, "node_modules", "@pulumi", pkg), path.join(dir, "node_modules", "@pulumi", pkg));
        }
        for (const file of ["Pulumi.yaml", "Pulumi.test.yaml", "package.json", "index.ts", "policy.json"]) {
            fs.copyFileSync(path.join(PROGRAMS, "ag-tsconfig", file), path.join(dir, file));
        }
        const tsconfig = JSON.parse(fs.readFileSync(path.join(PROGRAMS, "ag-tsconfig", "tsconfig.pulumi.json"), "utf8"));
        delete tsconfig.compilerOptions.esModuleInterop;
        fs.writeFileSync(path.join(dir, "tsconfig.pulumi.json"), JSON.stringify(tsconfig));
        let err = "";
        const code = await main(["--project", dir, "--stack", "test"], () => undefined, s => (err += s));
        assert.deepStrictEqual([code, err], [2, `assume-guard gate: the program failed at ${path.join(dir, "index.ts")}:8: Missing required property 'policy'\n`]);
    });

    it("records a top-level program's exports as the stack outputs", async () => {
        const run = await runProgramMocked({ projectDir: path.join(PROGRAMS, "ag-toplevel-leaky"), stack: "test" });
        assert.deepStrictEqual(run.outputs, { userName: "reporting", userArn: "arn:aws:iam::123456789012:user/reporting" });
        assert.deepStrictEqual(
            run.resources.map(r => [r.type, r.name, r.parent]),
            [
                ["pulumi:pulumi:Stack", "ag-toplevel-leaky-test", undefined],
                ["aws:iam/user:User", "reporting", "urn:pulumi:test::ag-toplevel-leaky::pulumi:pulumi:Stack::ag-toplevel-leaky-test"],
                ["aws:iam/userPolicy:UserPolicy", "reporting-data", "urn:pulumi:test::ag-toplevel-leaky::pulumi:pulumi:Stack::ag-toplevel-leaky-test"],
            ],
        );
    });

    it("runs a top-level program again in the same process (its modules are evaluated afresh)", async () => {
        assert.deepStrictEqual(await verdict("ag-toplevel-leaky"), { code: 1, judged: 3, findings: LEAKY_FINDINGS });
        assert.deepStrictEqual(await verdict("ag-esm"), { code: 1, judged: 3, findings: LEAKY_FINDINGS });
    });

    it("leaves the working directory, argv and output streams as it found them", async () => {
        const [cwd, argv, write] = [process.cwd(), process.argv, process.stdout.write];
        await gate("ag-throws");
        assert.deepStrictEqual([process.cwd(), process.argv, process.stdout.write], [cwd, argv, write]);
    });

    describe("fails closed with exit 2 and one line naming the cause and the file", () => {
        const cases: [string, string, string][] = [
            ["a program that throws", "ag-throws", `the program failed at ${shown("ag-throws", "index.js")}:5: the table name is not set`],
            ["a syntax error", "ag-syntax", `the program failed at ${shown("ag-syntax", "index.js")}:4: missing ) after argument list`],
            ["a rejected promise nobody handled", "ag-unhandled", `the program failed at ${shown("ag-unhandled", "index.js")}:5: lookup of the office CIDRs failed`],
            [
                "an error inside an apply that feeds a resource",
                "ag-apply-error",
                `the program failed at ${shown("ag-apply-error", "index.js")}:8: error serializing property "policy": no policy template for arn:aws:iam::123456789012:user/reporting`,
            ],
            ["an error logged with pulumi.log.error", "ag-log-error", `the program ${shown("ag-log-error", "index.js")} reported an error (pulumi.log.error): user reporting has no owner tag`],
            ["a program that registers nothing", "ag-nothing", `the program ${shown("ag-nothing", "index.js")} registered no resources (only the stack); nothing to judge`],
            [
                "a CommonJS program whose program is its default export (which the CLI never calls)",
                "ag-cjs-default",
                `the program ${shown("ag-cjs-default", "index.ts")} registered no resources (only the stack); nothing to judge ` +
                    '(the module\'s default export is a function, which the Pulumi CLI calls only for ES modules: use `export =` in CommonJS, or "type": "module")',
            ],
            [
                "an invoke the mocks cannot answer, even when the program catches the error and carries on",
                "ag-invoke-caught",
                `the program ${shown("ag-invoke-caught", "index.js")} did not run whole: invoke acme:index/getOfficeCidrs:getOfficeCidrs cannot be answered offline: ` +
                    "the gate computes the AWS functions that need no cloud, answers AWS look-ups as unknown, and knows no other provider's functions. " +
                    'Fix: give its result in a file passed with --invoke-results, e.g. {"acme:index/getOfficeCidrs:getOfficeCidrs": [{"args": {}, "result": {...}}]}',
            ],
            ["a program that calls process.exit", "ag-exit", `the program called process.exit(0) at ${shown("ag-exit", "index.js")}:6 before it finished; nothing was judged`],
        ];
        for (const [what, name, message] of cases) {
            it(what, async () => {
                assert.deepStrictEqual(await gate(name), { code: 2, out: "", err: `assume-guard gate: ${message}\n` });
            });
        }

        it("--verbose adds the stack trace after the line", async () => {
            const run = await gate("ag-throws", "--verbose");
            const lines = run.err.split("\n");
            assert.deepStrictEqual([run.code, lines[0], lines[1]], [2, `assume-guard gate: the program failed at ${shown("ag-throws", "index.js")}:5: the table name is not set`, "Error: the table name is not set"]);
            assert.match(lines[2], new RegExp(`^\\s+at .*${path.join(PROGRAMS, "ag-throws", "index.js").replace(/[.]/g, "\\.")}:5:7`));
        });

        it("a program that never finishes: the process exits 2 with one line once its event loop is empty", () => {
            const run = spawnSync(process.execPath, [path.join(REPO_ROOT, "gate", "launch.js"), "--project", path.join(PROGRAMS, "ag-hang"), "--stack", "test"], { encoding: "utf8" });
            assert.deepStrictEqual(
                [run.status, run.stdout, run.stderr],
                [2, "", "assume-guard gate: the program never finished: the program's code waited on a promise that never settled; nothing was judged\n"],
            );
        });
    });
});
