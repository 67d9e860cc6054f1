/**
 * B1 (issue 7): pack start-up as the engine starts it — spawn node on
 * `@pulumi/pulumi/cmd/run-policy-pack` in the pack's folder until the port is printed — for the pack
 * as the engine serves it (entry.js serving the compiled bin/), against the floor, an empty
 * precompiled pack served the same way. The pack served from its TypeScript sources is measured
 * alongside, for reference. Variants run round-robin, so drift hits all alike.
 *
 *   bench/pack-startup.ts [--runs 5] [--quick] [--json]
 */
import * as path from "path";

import { compiledMain } from "../policypack/freshness";
import { spawnPack, StartOptions } from "../test/support/pack-process";
import { msSince, summarise } from "./measure";
import { BenchOptions, BenchResult, goal, row, runStandalone } from "./report";

const ROOT = path.join(__dirname, "..");
const PACK = path.join(ROOT, "policypack");

interface Variant {
    readonly name: string;
    readonly dir: string;
    readonly options: StartOptions;
}

const FLOOR: Variant = { name: "empty pack, precompiled", dir: path.join(ROOT, "test", "fixtures", "packs", "empty"), options: {} };
const COMPILED: Variant = { name: "assume-guard pack, compiled (bin/ via entry.js)", dir: PACK, options: {} };
const SOURCES: Variant = { name: "assume-guard pack, TypeScript sources", dir: PACK, options: { env: { ASSUME_GUARD_PACK_SOURCES: "1" } } };

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
        times.push(msSince(t));
    }
    return summarise(times, 100).median;
}

/** B1. The TypeScript-sources variant is skipped in a quick run. */
export async function packStartup(o: BenchOptions): Promise<BenchResult> {
    if (!compiledMain(PACK)) {
        throw new Error("policypack/bin is missing or stale: run `npm run build:pack` first");
    }
    const variants = o.quick ? [FLOOR, COMPILED] : [FLOOR, COMPILED, SOURCES];
    const times = new Map<Variant, number[]>(variants.map(v => [v, []]));
    if (!o.quick) {
        for (const v of variants) {
            await startOnce(v); // warm-up: file cache
        }
    }
    for (let i = 0; i < o.runs; i++) {
        for (const v of variants) {
            o.log(`B1 run ${i + 1}/${o.runs}: ${v.name}`);
            times.get(v)?.push(await startOnce(v));
        }
    }
    const floor = times.get(FLOOR) ?? [];
    const rows = variants.slice(1).map(v => {
        const subject = times.get(v) ?? [];
        return row("pack start-up (spawn → port)", v.name, FLOOR.name, {
            subject: summarise(subject),
            floor: summarise(floor),
            ratio: summarise(subject.map((x, i) => x / floor[i]), 100),
        });
    });
    return {
        id: "B1",
        title: "pack start-up as the engine starts it",
        rows,
        goals: [goal("the compiled pack starts within 1.2× the empty precompiled pack", rows[0].ratio.median, 1.2, "×")],
        notes: [`entry.js's freshness check (hashing the pack's sources) costs ${freshnessCheckMs(o.quick ? 1 : 20)} ms in process.`],
    };
}

if (require.main === module) {
    runStandalone(packStartup);
}
