/**
 * `npm run bench`: issue 7's benchmarks and issue 15's engine path (E1), every figure a ratio measured side by side in this run
 * against its floor, as median, min and max over the runs, and the goals judged on them.
 *
 *   npm run bench [-- --runs 5] [--quick] [--json] [--out FILE] [--only B1,B4]
 *
 *   --runs N    side-by-side runs per figure (default 5)
 *   --quick     smoke run: tiny inputs, one run, no warm-up (the test suite runs this)
 *   --json      JSON instead of the Markdown table
 *   --out FILE  write the output to FILE instead of stdout
 *   --only IDS  only these benches (B1, B2, B3, B4, B5, gRPC, A1, E1)
 *   --sizes N,… E1's stack sizes instead of 1000,10000,50000 (the first gets the warm-up)
 *
 * Progress goes to stderr. The compiled pack and bin/ are brought up to date first, as
 * `npm ci` leaves them (each build is skipped when it matches the sources).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";

import { auditScale } from "./audit";
import { gateDevStack, gateStateExport } from "./gate-latency";
import { enginePath } from "./engine-path";
import { grpcAnalyzeStack } from "./grpc-analyze-stack";
import { packStartup } from "./pack-startup";
import { precompile, Precompiled } from "./precompile";
import { BenchOptions, BenchResult, renderMarkdown } from "./report";
import { testSuite } from "./test-suite";
import { validation } from "./validation";

const ROOT = path.join(__dirname, "..");

/** Each bench, in the order run. Those given a precompiled checkout share one. */
const BENCHES: readonly { id: string; run: (o: BenchOptions, compiled: () => Precompiled) => Promise<BenchResult> }[] = [
    { id: "B1", run: o => packStartup(o) },
    { id: "B2", run: o => gateDevStack(o) },
    { id: "B3", run: (o, compiled) => testSuite(o, compiled()) },
    { id: "B4", run: (o, compiled) => validation(o, compiled()) },
    { id: "B5", run: o => gateStateExport(o) },
    { id: "gRPC", run: o => grpcAnalyzeStack(o) },
    { id: "A1", run: (o, compiled) => auditScale(o, compiled()) },
    { id: "E1", run: o => enginePath(o) },
];

/** The whole output. */
export interface BenchReport {
    readonly commit: string;
    /** Uncommitted changes to tracked files when measured. */
    readonly dirty: boolean;
    readonly date: string;
    readonly machine: { readonly nproc: number; readonly memoryMB: number; readonly cpu: string; readonly node: string; readonly os: string; readonly loadAverage: { readonly start: number[]; readonly end: number[] } };
    readonly runs: number;
    readonly quick: boolean;
    readonly results: readonly BenchResult[];
}

/** The commit a report names when the checkout has no git metadata (an exported tree). */
export const UNKNOWN_COMMIT = "unknown (not a git checkout)";

function git(args: string[]): string {
    try {
        return execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
        return "";
    }
}

function build(log: (line: string) => void): void {
    log("bringing bin/ and policypack/bin up to date");
    execFileSync(process.execPath, [path.join(ROOT, "scripts", "build-root.js")], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(ROOT, "scripts", "build-pack.ts")], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
}

/** Runs the benches and returns the report. */
export async function runBenches(o: BenchOptions, only?: readonly string[]): Promise<BenchReport> {
    const unknown = (only ?? []).filter(id => !BENCHES.some(b => b.id === id));
    if (unknown.length > 0) {
        throw new Error(`unknown bench ${unknown.join(", ")}; use ${BENCHES.map(b => b.id).join(", ")}`);
    }
    const loadStart = os.loadavg();
    build(o.log);
    let compiled: Precompiled | undefined;
    const results: BenchResult[] = [];
    try {
        for (const b of BENCHES.filter(x => !only || only.includes(x.id))) {
            results.push(await b.run(o, () => (compiled ??= precompile(ROOT))));
        }
    } finally {
        compiled?.dispose();
    }
    const r2 = (xs: number[]) => xs.map(x => Math.round(x * 100) / 100);
    return {
        commit: git(["rev-parse", "HEAD"]) || UNKNOWN_COMMIT,
        dirty: git(["status", "--porcelain", "--untracked-files=no"]) !== "",
        date: new Date().toISOString(),
        machine: {
            nproc: os.availableParallelism(),
            memoryMB: Math.round(os.totalmem() / 2 ** 20),
            cpu: os.cpus()[0]?.model ?? "unknown",
            node: process.version,
            os: `${os.type()} ${os.release()} ${os.arch()}`,
            loadAverage: { start: r2(loadStart), end: r2(os.loadavg()) },
        },
        runs: o.runs,
        quick: o.quick,
        results,
    };
}

/** The Markdown output: the machine, then the table. */
export function renderReport(r: BenchReport): string {
    const m = r.machine;
    const head = [
        `Commit ${r.commit === UNKNOWN_COMMIT ? r.commit : r.commit.slice(0, 12)}${r.dirty ? " (with uncommitted changes)" : ""}, ${r.date}, ${r.quick ? "quick smoke run" : `${r.runs} side-by-side runs per figure`}.`,
        `Machine: ${m.nproc} CPUs (${m.cpu}), ${m.memoryMB} MB, node ${m.node}, ${m.os}; load average ${m.loadAverage.start.join(" ")} at the start, ${m.loadAverage.end.join(" ")} at the end.`,
        "",
    ];
    return head.join("\n") + renderMarkdown(r.results);
}

async function main(argv: string[]): Promise<void> {
    const { values } = parseArgs({
        args: argv,
        options: { runs: { type: "string" }, quick: { type: "boolean", default: false }, json: { type: "boolean", default: false }, out: { type: "string" }, only: { type: "string" }, sizes: { type: "string" } },
        strict: true,
    });
    const quick = values.quick ?? false;
    const runs = values.runs !== undefined ? Number(values.runs) : quick ? 1 : 5;
    if (!Number.isInteger(runs) || runs < 1) {
        throw new Error(`--runs takes a whole number ≥ 1, not ${values.runs}`);
    }
    const only = values.only?.split(",").map(s => s.trim());
    const sizes = values.sizes?.split(",").map(Number);
    if (sizes?.some(n => !Number.isInteger(n) || n < 1)) {
        throw new Error(`--sizes takes whole numbers ≥ 1, comma-separated, not ${values.sizes}`);
    }
    const report = await runBenches({ runs, quick, log: line => process.stderr.write(`[bench] ${line}\n`), ...(sizes ? { sizes } : {}) }, only);
    const text = values.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report);
    if (values.out) {
        fs.writeFileSync(values.out, text);
    } else {
        process.stdout.write(text);
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).catch(e => {
        console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
        process.exitCode = 1;
    });
}
