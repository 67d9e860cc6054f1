/** Timing helpers for the benchmark: side-by-side runs, median/min/max, and ratios to a floor. */
import { spawn, spawnSync, SpawnSyncOptions } from "child_process";

/** Summary of repeated timings, in milliseconds. */
export interface Timing {
    readonly median: number;
    readonly min: number;
    readonly max: number;
    readonly runs: number;
}

/** Summarises samples. */
export function summarise(samples: readonly number[]): Timing {
    const sorted = [...samples].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    return { median: round(median), min: round(sorted[0]), max: round(sorted[sorted.length - 1]), runs: sorted.length };
}

/** Runs a command to completion and returns its wall time; throws if it fails unexpectedly. */
export function timeCommand(cmd: string, args: readonly string[], opts: SpawnSyncOptions & { okCodes?: number[] } = {}): number {
    const start = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { stdio: "pipe", ...opts, encoding: "utf8" });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.error || !(opts.okCodes ?? [0]).includes(r.status ?? -1)) {
        throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${String(r.stderr ?? r.error).slice(-400)}`);
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
                const ms = Number(process.hrtime.bigint() - start) / 1e6;
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

/** Alternates subject and floor `runs` times (after a warm-up of each), so both see the same machine state. */
export async function sideBySide(runs: number, subject: () => Promise<number> | number, floor: () => Promise<number> | number): Promise<{ subject: Timing; floor: Timing }> {
    await subject();
    await floor();
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < runs; i++) {
        a.push(await subject());
        b.push(await floor());
    }
    return { subject: summarise(a), floor: summarise(b) };
}

function round(n: number): number {
    return Math.round(n * 10) / 10;
}
