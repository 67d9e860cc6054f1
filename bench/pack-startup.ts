/**
 * B1 (issue 7): pack start-up as the engine starts it — spawn node on
 * `@pulumi/pulumi/cmd/run-policy-pack` in the pack's folder until the port is printed — for the pack
 * served from its TypeScript sources, the pack served compiled (through entry.js), and the floor, an
 * empty precompiled pack served the same way. Variants run round-robin, so drift hits all alike.
 *
 *   bench/pack-startup.ts [--runs 5] [--json]
 */
import * as path from "path";

import { compiledMain } from "../policypack/freshness";
import { spawnPack, StartOptions } from "../test/support/pack-process";

const ROOT = path.join(__dirname, "..");
const PACK = path.join(ROOT, "policypack");

interface Variant {
    name: string;
    dir: string;
    options: StartOptions;
}

const VARIANTS: Variant[] = [
    { name: "empty pack, precompiled (floor)", dir: path.join(ROOT, "test", "fixtures", "packs", "empty"), options: {} },
    { name: "pack, compiled (bin/ via entry.js)", dir: PACK, options: {} },
    { name: "pack, TypeScript sources", dir: PACK, options: { env: { ASSUME_GUARD_PACK_SOURCES: "1" } } },
];

/** Median, min and max of `xs`. */
export function stats(xs: readonly number[]): { median: number; min: number; max: number } {
    const s = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return { median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2, min: s[0], max: s[s.length - 1] };
}

async function startOnce(v: Variant): Promise<number> {
    const p = await spawnPack(v.dir, v.options);
    const exited = new Promise(resolve => p.child.once("exit", resolve));
    p.child.kill("SIGTERM");
    await exited;
    return p.startupMs;
}

/** The in-process cost of entry.js's freshness check (hashing the sources), in ms. */
function freshnessCheckMs(runs: number): number {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
        const t = process.hrtime.bigint();
        compiledMain(PACK);
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    return stats(times).median;
}

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const runs = Number(args[args.indexOf("--runs") + 1]) || 5;
    if (!compiledMain(PACK)) {
        throw new Error("policypack/bin is missing or stale: run `npm run build:pack` first");
    }
    const times = new Map<string, number[]>(VARIANTS.map(v => [v.name, []]));
    for (const v of VARIANTS) {
        await startOnce(v); // warm-up: file cache
    }
    for (let i = 0; i < runs; i++) {
        for (const v of VARIANTS) {
            times.get(v.name)?.push(await startOnce(v));
        }
    }
    const floor = stats(times.get(VARIANTS[0].name) ?? []).median;
    const rows = VARIANTS.map(v => {
        const s = stats(times.get(v.name) ?? []);
        return { variant: v.name, medianMs: Math.round(s.median), minMs: Math.round(s.min), maxMs: Math.round(s.max), ratioToFloor: Number((s.median / floor).toFixed(2)) };
    });
    const result = { bench: "B1 pack start-up (spawn -> port)", runs, rows, freshnessCheckMs: Number(freshnessCheckMs(20).toFixed(2)) };
    if (args.includes("--json")) {
        console.log(JSON.stringify(result, null, 2));
        return;
    }
    console.log(`${result.bench}, ${runs} runs each, node ${process.version}`);
    console.log("variant                               median     min     max  ×floor");
    for (const r of rows) {
        console.log(`${r.variant.padEnd(36)} ${String(r.medianMs).padStart(7)} ${String(r.minMs).padStart(7)} ${String(r.maxMs).padStart(7)}  ${r.ratioToFloor.toFixed(2)}`);
    }
    console.log(`entry.js freshness check (in process): ${result.freshnessCheckMs} ms`);
}

if (require.main === module) {
    main().catch(e => {
        console.error(e instanceof Error ? e.message : e);
        process.exitCode = 1;
    });
}
