/**
 * The benchmark runs: a quick smoke run of `npm run bench -- --quick --json` (tiny inputs, one run).
 * Only the report's shape is checked, and that E1's packs reported what they report on its stack;
 * no timing is asserted.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";

import { BenchReport, UNKNOWN_COMMIT } from "../../bench/run";
import { REPO_ROOT } from "../support/mocked";

const RUN = path.join(REPO_ROOT, "bench", "run.ts");
const AWSGUARD = "awsguard 0.3.1, all 26 policies (new AwsGuard())";

function bench(args: string[]) {
    return spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", RUN, ...args], { cwd: REPO_ROOT, encoding: "utf8" });
}

describe("bench/run (npm run bench)", function () {
    this.timeout(300000);

    it("runs every bench in a quick smoke run and reports each figure against its floor", () => {
        const result = bench(["--quick", "--json"]);
        assert.strictEqual(result.status, 0, result.stderr);
        const report = JSON.parse(result.stdout) as BenchReport;
        assert.deepStrictEqual(
            report.results.map(b => ({ id: b.id, rows: b.rows.map(r => [r.name, r.subjectLabel, r.floorLabel]), goals: b.goals.map(g => g.text) })),
            [
                {
                    id: "B1",
                    rows: [["pack start-up (spawn → port)", "assume-guard pack, compiled (bin/ via entry.js)", "empty pack, precompiled"]],
                    goals: ["the compiled pack starts within 1.2× the empty precompiled pack"],
                },
                {
                    id: "B2",
                    rows: [["gate on the dev stack", "node gate/launch.js --stack dev", "node -e \"require('@pulumi/pulumi'); require('@pulumi/aws')\""]],
                    goals: ["the gate on the dev stack within 1.6× loading the SDKs"],
                },
                { id: "B3", rows: [["mocha test/policypack/lib/actions.test.ts", "mocha, ts-node transpile-only (.mocharc.json)", "the same suite precompiled to JS"]], goals: [] },
                {
                    id: "B4",
                    rows: [
                        ["100 resources", "assume-guard pack", "awsguard, all 26 policies"],
                        ["100 resources", "assume-guard pack", "awsguard, IAM/DynamoDB subset"],
                    ],
                    goals: [],
                },
                { id: "B5", rows: [["gate on a 100-resource export", "node gate/launch.js --state FILE", "node -e: read and JSON.parse the same file"]], goals: [] },
                { id: "gRPC", rows: [["AnalyzeStack, 100 resources", "gRPC round trip to the compiled pack", "the same stack policies in process (host.ts)"]], goals: [] },
                {
                    id: "A1",
                    rows: [["audit of 100 users, 100 roles, 40 policies", "assume-guard audit in process (read, parse, check, the pack's rules, blast radius, migrations)", "read and JSON.parse the same file"]],
                    goals: [],
                },
                {
                    id: "E1",
                    rows: [
                        "start-up (spawn → port)",
                        "Σ Remediate (one per resource)",
                        "Σ Analyze (one per resource)",
                        "AnalyzeStack",
                        "whole preview (start-up, handshake, Σ Remediate, Σ Analyze, AnalyzeStack)",
                        "peak RSS of the pack process (VmHWM)",
                    ]
                        .map(f => [`300 (306 resources): ${f}`, "assume-guard pack (compiled bin/ via entry.js)", AWSGUARD])
                        .concat(["AnalyzeStack", "peak RSS"].map(f => [`300 (306 resources): ${f}, the runtime alone`, "no-op pack: 11 stack policies (as many as this pack), no resource policy", AWSGUARD])),
                    goals: [],
                },
            ],
        );
        const figures = report.results.flatMap(b => b.rows.flatMap(r => [r.subject, r.floor, r.ratio]));
        assert.deepStrictEqual(
            figures.filter(t => t.runs !== 1 || !(t.min > 0 && t.min <= t.median && t.median <= t.max)),
            [],
            "every figure is one positive measurement",
        );
        // Both packs served and judged E1's stack: roles 0, 10, 20 hold AmazonDynamoDBReadOnlyAccess, the users hold inline policies; awsguard wants logging on every bucket.
        assert.deepStrictEqual(report.results.find(b => b.id === "E1")?.rows.find(r => r.name.endsWith(": AnalyzeStack"))?.extra, {
            "diagnostics, this pack": "iam-data-permissions-scoped 6, iam-user-permissions-through-groups 26",
            "diagnostics, awsguard": "s3-bucket-logging-enabled 13",
        });
        // The commit measured: git's, or said to be unknown in a checkout without git metadata.
        const inGit = spawnSync("git", ["rev-parse", "HEAD"], { cwd: REPO_ROOT }).status === 0;
        assert.deepStrictEqual([report.quick, report.runs, inGit ? /^[0-9a-f]{40}$/.test(report.commit) : report.commit === UNKNOWN_COMMIT, report.machine.node], [true, 1, true, process.version]);
    });

    it("refuses an unknown bench in one line, before building or measuring anything", () => {
        const result = bench(["--only", "B1,B9"]);
        assert.deepStrictEqual([result.status, result.stdout, result.stderr], [1, "", "bench: unknown bench B9; use B1, B2, B3, B4, B5, gRPC, A1, E1\n"]);
    });
});
