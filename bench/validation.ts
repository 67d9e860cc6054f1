/**
 * B4: the pack's resource and stack validation in process (policypack/host.ts), on synthetic stacks
 * of 1k, 10k and 100k resources (bench/synthetic.ts), against @pulumi/awsguard's full policy set on
 * the same input through the same host, with its IAM/DynamoDB subset alongside.
 *
 * Per size, each pack lives in a process of its own, as under the engine (bench/validation-child.ts,
 * on precompiled JavaScript), and the runs alternate between them: this pack, awsguard's full set,
 * its subset, and again. A further fresh process runs this pack once, for a clean peak RSS.
 *
 *   bench/validation.ts [--runs 5] [--quick] [--json]
 */
import { ChildProcess, fork, spawnSync } from "child_process";
import * as path from "path";

import { summarise, Timing } from "./measure";
import { Precompiled, withPrecompiled } from "./precompile";
import { BenchOptions, BenchResult, goal, Goal, row, Row, runStandalone } from "./report";
import type { RssResult, RunResult } from "./validation-child";

const ROOT = path.join(__dirname, "..");
const CHILD = path.join(ROOT, "bench", "validation-child.ts");

/** A pack's measuring process: ask it for a run of one of its sets. */
class PackProcess {
    private constructor(
        private readonly child: ChildProcess,
        private readonly pending: ((m: unknown) => void)[],
    ) {}

    /** Forks the process and waits until it has read the stack. */
    public static start(compiled: Precompiled, pack: string, size: number): Promise<PackProcess> {
        const child = fork(CHILD, ["--pack", pack, "--size", String(size)], {
            cwd: ROOT,
            env: { ...process.env, ...compiled.env },
            execArgv: ["--expose-gc", "-r", compiled.hook],
            stdio: ["ignore", "ignore", "pipe", "ipc"],
        });
        let stderr = "";
        child.stderr?.setEncoding("utf8").on("data", (d: string) => (stderr = (stderr + d).slice(-2000)));
        const pending: ((m: unknown) => void)[] = [];
        child.on("message", m => pending.shift()?.(m));
        return new Promise((resolve, reject) => {
            child.once("exit", code => reject(new Error(`bench/validation-child.ts --pack ${pack} exited ${code}: ${stderr}`)));
            pending.push(() => resolve(new PackProcess(child, pending)));
        });
    }

    /** One run of `set`, in this process. */
    public run(set: string): Promise<RunResult> {
        return new Promise((resolve, reject) => {
            this.pending.push(m => {
                const r = m as RunResult & { error?: string };
                return r.error ? reject(new Error(r.error)) : resolve(r);
            });
            this.child.send(set);
        });
    }

    /** Ends the process. */
    public stop(): void {
        this.child.send("stop");
    }
}

function rssOfPack(compiled: Precompiled, size: number): RssResult {
    const r = spawnSync(process.execPath, ["--expose-gc", "-r", compiled.hook, CHILD, "--pack", "assume-guard", "--size", String(size), "--rss"], {
        cwd: ROOT,
        env: { ...process.env, ...compiled.env },
        encoding: "utf8",
    });
    if (r.status !== 0) {
        throw new Error(`bench/validation-child.ts --rss exited ${r.status}: ${(r.stderr ?? "").slice(-800)}`);
    }
    return JSON.parse(r.stdout.trim()) as RssResult;
}

function ratios(a: readonly number[], b: readonly number[]): Timing {
    return summarise(
        a.map((x, i) => x / b[i]),
        100,
    );
}

/** Alternates runs of the sets across the two processes; milliseconds per set. */
async function interleave(o: BenchOptions, ours: PackProcess, theirs: PackProcess, size: number): Promise<{ times: Map<string, number[]>; last: Map<string, RunResult> }> {
    const order: [PackProcess, string][] = [
        [ours, "assume-guard"],
        [theirs, "awsguard"],
        [theirs, "awsguard-iam-dynamodb"],
    ];
    const times = new Map<string, number[]>(order.map(([, s]) => [s, []]));
    const last = new Map<string, RunResult>();
    if (!o.quick) {
        for (const [p, s] of order) {
            await p.run(s);
        }
    }
    for (let i = 0; i < o.runs; i++) {
        o.log(`B4: ${size} resources, run ${i + 1}/${o.runs}`);
        for (const [p, s] of order) {
            const r = await p.run(s);
            times.get(s)?.push(r.ms);
            last.set(s, r);
        }
    }
    return { times, last };
}

/** B4 on an existing precompiled checkout. */
export async function validation(o: BenchOptions, compiled: Precompiled): Promise<BenchResult> {
    const sizes = o.quick ? [100] : [1000, 10000, 100000];
    const rows: Row[] = [];
    const peaks = new Map<number, number>();
    const versusFull = new Map<number, Row>();
    for (const size of sizes) {
        o.log(`B4: ${size} resources, starting one process per pack`);
        const [ours, theirs] = await Promise.all([PackProcess.start(compiled, "assume-guard", size), PackProcess.start(compiled, "awsguard", size)]);
        let measured;
        try {
            measured = await interleave(o, ours, theirs, size);
        } finally {
            ours.stop();
            theirs.stop();
        }
        o.log(`B4: ${size} resources, peak RSS of this pack alone`);
        const rss = rssOfPack(compiled, size);
        const t = (s: string) => measured.times.get(s) ?? [];
        const resources = measured.last.get("assume-guard")?.resources ?? size;
        const pack = summarise(t("assume-guard"));
        peaks.set(size, rss.peak);
        const extra = {
            "resources/s": Math.round((resources / pack.median) * 1000),
            "peak RSS MB": rss.peak,
            "RSS MB once loaded / stack read": `${rss.loaded} / ${rss.stackRead}`,
            diagnostics: measured.last.get("assume-guard")?.diagnostics ?? NaN,
        };
        const full = row(`${resources} resources`, "assume-guard pack", "awsguard, all 26 policies", { subject: pack, floor: summarise(t("awsguard")), ratio: ratios(t("assume-guard"), t("awsguard")) }, extra);
        versusFull.set(size, full);
        rows.push(full);
        const subset = "awsguard-iam-dynamodb";
        rows.push(row(`${resources} resources`, "assume-guard pack", "awsguard, IAM/DynamoDB subset", { subject: pack, floor: summarise(t(subset)), ratio: ratios(t("assume-guard"), t(subset)) }));
    }
    /** The median of this pack (subject) or of awsguard's full set (floor) at a size. */
    const at = (size: number, side: "subject" | "floor") => versusFull.get(size)?.[side].median ?? NaN;
    const scaling = (side: "subject" | "floor") => at(100000, side) / at(10000, side);
    const goals: Goal[] = [];
    if (!o.quick) {
        goals.push(goal("10k resources no slower than awsguard's full set", versusFull.get(10000)?.ratio.median ?? NaN, 1.0, "×"));
        goals.push(goal("100k over 10k resources (linear: ≤ 11×)", scaling("subject"), 11, "×"));
        goals.push(goal("peak RSS at 100k resources", peaks.get(100000) ?? NaN, 500, "MB"));
    }
    return {
        id: "B4",
        title: "stack and resource validation in process",
        rows,
        goals,
        notes: [
            ...(o.quick ? [] : [`100k over 10k resources in this run: this pack ${scaling("subject").toFixed(1)}×, awsguard's full set ${scaling("floor").toFixed(1)}× (medians).`]),
            "the stack is built in memory and read with the gate's own readStateExport and toHostResources; timing covers runPolicies only.",
            "awsguard's access-key rotation and MFA policies would call AWS for keys with an id; the synthetic keys have none, so no call is made.",
        ],
    };
}

if (require.main === module) {
    runStandalone(o => withPrecompiled(ROOT, compiled => validation(o, compiled)));
}
