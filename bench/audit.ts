/**
 * A1: `assume-guard audit` on a synthetic account of 5,000 users, 5,000 roles and 2,000 managed
 * policies (bench/syntheticAccount.ts, the AWS CLI's form), against reading and `JSON.parse`-ing the
 * same file. Each side runs in a process of its own (bench/audit-child.ts, precompiled JavaScript,
 * modules loaded before timing), runs alternating after a warm-up of each; the ratio is taken per
 * run. A fresh process runs the audit once for its peak RSS.
 *
 *   bench/audit.ts [--runs 5] [--quick] [--json]
 */
import { ChildProcess, fork, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import type { AuditRun } from "./audit-child";
import { sideBySide } from "./measure";
import { Precompiled, withPrecompiled } from "./precompile";
import { BenchOptions, BenchResult, goal, row, runStandalone } from "./report";
import { AccountSize, syntheticAccount } from "./syntheticAccount";

const ROOT = path.join(__dirname, "..");
const CHILD = path.join(ROOT, "bench", "audit-child.ts");

/** A measuring process: each call is one timed run in it. */
async function start(compiled: Precompiled, mode: string, file: string): Promise<{ run: () => Promise<AuditRun>; stop: () => void }> {
    const child: ChildProcess = fork(CHILD, ["--mode", mode, "--file", file], {
        cwd: ROOT,
        env: { ...process.env, ...compiled.env },
        execArgv: ["-r", compiled.hook],
        stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (d: string) => (stderr = (stderr + d).slice(-2000)));
    const pending: ((m: unknown) => void)[] = [];
    child.on("message", m => pending.shift()?.(m));
    await new Promise<void>((resolve, reject) => {
        child.once("exit", code => reject(new Error(`bench/audit-child.ts --mode ${mode} exited ${code}: ${stderr}`)));
        pending.push(() => resolve());
    });
    const run = () =>
        new Promise<AuditRun>((resolve, reject) => {
            pending.push(m => {
                const r = m as AuditRun & { error?: string };
                return r.error ? reject(new Error(r.error)) : resolve(r);
            });
            child.send("run");
        });
    return { run, stop: () => child.send("stop") };
}

function peakRss(compiled: Precompiled, file: string): { loaded: number; peak: number } {
    const r = spawnSync(process.execPath, ["-r", compiled.hook, CHILD, "--mode", "audit", "--file", file, "--rss"], { cwd: ROOT, env: { ...process.env, ...compiled.env }, encoding: "utf8" });
    if (r.status !== 0) {
        throw new Error(`bench/audit-child.ts --rss exited ${r.status}: ${(r.stderr ?? "").slice(-800)}`);
    }
    return JSON.parse(r.stdout.trim()) as { loaded: number; peak: number };
}

/** A1 on a precompiled checkout. */
export async function auditScale(o: BenchOptions, compiled: Precompiled): Promise<BenchResult> {
    const size: AccountSize = o.quick ? { users: 100, roles: 100, policies: 40 } : { users: 5000, roles: 5000, policies: 2000 };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "assume-guard-audit-bench-"));
    const file = path.join(dir, "account.json");
    try {
        fs.writeFileSync(file, JSON.stringify(syntheticAccount(size), null, 4));
        o.log(`A1: audit of ${size.users} users, ${size.roles} roles, ${size.policies} policies (${Math.round(fs.statSync(file).size / 1e5) / 10} MB)`);
        const [subject, floor] = await Promise.all([start(compiled, "audit", file), start(compiled, "parse", file)]);
        let last: AuditRun | undefined;
        let c;
        try {
            c = await sideBySide(
                { runs: o.runs, warmUp: !o.quick },
                async () => {
                    last = await subject.run();
                    return last.ms;
                },
                async () => (await floor.run()).ms,
            );
        } finally {
            subject.stop();
            floor.stop();
        }
        o.log("A1: peak RSS of one audit in a fresh process");
        const rss = peakRss(compiled, file);
        const name = `audit of ${size.users} users, ${size.roles} roles, ${size.policies} policies`;
        return {
            id: "A1",
            title: "assume-guard audit on a large account",
            rows: [
                row(name, "assume-guard audit in process (read, parse, check, the pack's rules, blast radius, migrations)", "read and JSON.parse the same file", c, {
                    "file MB": Math.round(fs.statSync(file).size / 1e5) / 10,
                    "resources judged": last?.resources ?? NaN,
                    findings: last?.findings ?? NaN,
                    migrations: last?.migrations ?? NaN,
                    "peak RSS MB": rss.peak,
                    "RSS MB once loaded": rss.loaded,
                }),
            ],
            goals: o.quick ? [] : [goal("the audit within 3× JSON.parse of its file", c.ratio.median, 3, "×")],
            notes: [
                `stages of the last audit run, ms: ${Object.entries(last?.stages ?? {}).map(([k, v]) => `${k} ${v}`).join(", ")} (read: the files read, parsed and checked, the resources built; rules: the pack's runPolicies).`,
                "the account is the AWS CLI's form (four-space indent), its AWS managed policies copies of the vendored documents; every user's group grants iam:GetUser and the like, so every user is flagged and gets a migration.",
            ],
        };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

if (require.main === module) {
    runStandalone(o => withPrecompiled(ROOT, compiled => auditScale(o, compiled)));
}
