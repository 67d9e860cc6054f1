/** Timing helpers for the benchmark: side-by-side runs, median/min/max, and ratios to a floor. */
import { spawn, spawnSync, SpawnSyncOptions } from "child_process";

/** Summary of repeated figures (milliseconds, or a ratio). */
export interface Timing {
    readonly median: number;
    readonly min: number;
    readonly max: number;
    readonly runs: number;
}

/** A subject measured side by side with its floor. */
export interface Comparison {
    readonly subject: Timing;
    readonly floor: Timing;
    /** Per run, subject over the floor measured just after it. */
    readonly ratio: Timing;
}

/** Summarises samples (rounded to 0.1, or to 0.01 with `precision` 100). */
export function summarise(samples: readonly number[], precision = 10): Timing {
    const sorted = [...samples].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    const r = (n: number) => Math.round(n * precision) / precision;
    return { median: r(median), min: r(sorted[0]), max: r(sorted[sorted.length - 1]), runs: sorted.length };
}

/** Milliseconds since `start` (a `process.hrtime.bigint()`). */
export function msSince(start: bigint): number {
    return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs a command to completion and returns its wall time; throws if it exits with a code not in `okCodes` (default 0). */
export function timeCommand(cmd: string, args: readonly string[], opts: SpawnSyncOptions & { okCodes?: number[] } = {}): number {
    const { okCodes, ...spawnOpts } = opts;
    const start = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { stdio: "pipe", maxBuffer: 256 * 1024 * 1024, ...spawnOpts, encoding: "utf8" });
    const ms = msSince(start);
    if (r.error || !(okCodes ?? [0]).includes(r.status ?? -1)) {
        throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${String(r.stderr || r.error || "").slice(-600)}`);
    }
    return ms;
}

/** Spawns a process and resolves with the time until `ready` matches its stdout; then kills it. */
export function timeUntil(cmd: string, args: readonly string[], cwd: string, ready: RegExp, timeoutMs = 60000): Promise<number> {
    return new Promise((resolve, reject) => {
        const start = process.hrtime.bigint();
        const child = spawn(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        let err = "";
        const timer = setTimeout(() => {
            child.kill("SIGKILL");
            reject(new Error(`${cmd} ${args.join(" ")} printed nothing matching ${ready} in ${timeoutMs} ms: ${err.slice(-400)}`));
        }, timeoutMs);
        child.stdout.on("data", d => {
            out += d;
            if (ready.test(out)) {
                const ms = msSince(start);
                clearTimeout(timer);
                child.kill("SIGKILL");
                resolve(ms);
            }
        });
        child.stderr.on("data", d => (err += d));
        child.on("exit", code => {
            if (!ready.test(out)) {
                clearTimeout(timer);
                reject(new Error(`${cmd} exited ${code} before ready: ${err.slice(-400)}`));
            }
        });
    });
}

/** How to run a comparison. */
export interface SideBySideOptions {
    readonly runs: number;
    /** Run each once first, unmeasured (file cache, JIT of the harness). Default true. */
    readonly warmUp?: boolean;
}

/**
 * Alternates subject and floor `runs` times (after a warm-up of each), so both see the same machine
 * state; the machine is shared, and drift then hits both alike.
 */
export async function sideBySide(options: SideBySideOptions, subject: () => Promise<number> | number, floor: () => Promise<number> | number): Promise<Comparison> {
    if (options.warmUp ?? true) {
        await subject();
        await floor();
    }
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < options.runs; i++) {
        a.push(await subject());
        b.push(await floor());
    }
    return { subject: summarise(a), floor: summarise(b), ratio: summarise(a.map((x, i) => x / b[i]), 100) };
}
