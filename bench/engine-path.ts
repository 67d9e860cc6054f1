/**
 * E1 (issue 15): what `pulumi preview --policy-pack` costs on the engine's path, this pack against
 * @pulumi/awsguard's full set, each served by `@pulumi/pulumi/cmd/run-policy-pack` from the same
 * runtime (@pulumi/pulumi and @pulumi/policy of this checkout) and driven as the engine drives it
 * (bench/engine-driver.ts), on synthetic stacks of 1k, 10k and 50k resources (bench/engine-stack.ts).
 *
 * Every run starts a fresh process per pack, as every preview does; runs alternate between the
 * packs, and each ratio is taken per run (this pack over the awsguard run after it). The 50k stack
 * gets at most 3 runs. Every run of a pack must report the same diagnostics, or the bench fails.
 *
 * A third pack in each run shows what the runtime alone costs: as many stack policies as this pack
 * has, each returning at once (bench/packs.ts). The runtime converts every resource's props for
 * every stack policy before calling it, so its AnalyzeStack and peak RSS are a floor for this pack.
 *
 *   bench/engine-path.ts [--runs 5] [--quick] [--json]
 */
import * as path from "path";

import { awsguardPackDir, noopPackDir, PackDir } from "./packs";
import { policies } from "../policypack/policies";
import { countByPolicy, EncodedPreview, encodePreview, preview, PreviewRun } from "./engine-driver";
import { engineStack } from "./engine-stack";
import { summarise } from "./measure";
import { BenchOptions, BenchResult, goal, Goal, row, Row, runStandalone } from "./report";

const ROOT = path.join(__dirname, "..");
const PACK = path.join(ROOT, "policypack");
const SUBJECT = "assume-guard pack (compiled bin/ via entry.js)";
const FLOOR = "awsguard 0.3.1, all 26 policies (new AwsGuard())";

/** Both packs' runs at one size, and the diagnostics each reported (the same in every run). */
interface Sized {
    readonly ours: readonly PreviewRun[];
    readonly theirs: readonly PreviewRun[];
    readonly diagnostics: { readonly ours: string; readonly theirs: string };
}

const median = (runs: readonly PreviewRun[], read: (r: PreviewRun) => number) => summarise(runs.map(read)).median;

/** The figures E1 reports per size, each a row: its name, what it reads from a run, its unit, further figures. */
const FIGURES: readonly { readonly name: string; readonly read: (r: PreviewRun) => number; readonly unit?: "MB"; readonly extra?: (s: Sized) => Record<string, string> }[] = [
    { name: "start-up (spawn → port)", read: r => r.startupMs },
    { name: "Σ Remediate (one per resource)", read: r => r.remediateMs },
    { name: "Σ Analyze (one per resource)", read: r => r.analyzeMs },
    { name: "AnalyzeStack", read: r => r.analyzeStackMs, extra: s => ({ "diagnostics, this pack": s.diagnostics.ours, "diagnostics, awsguard": s.diagnostics.theirs }) },
    {
        name: "whole preview (start-up, handshake, Σ Remediate, Σ Analyze, AnalyzeStack)",
        read: r => r.wholeMs,
        extra: s => ({ "handshake ms, this pack / awsguard": `${median(s.ours, r => r.handshakeMs)} / ${median(s.theirs, r => r.handshakeMs)}` }),
    },
    {
        name: "peak RSS of the pack process (VmHWM)",
        read: r => r.peakRssMB,
        unit: "MB",
        extra: s => ({
            "RSS high-water after start-up / after Σ Analyze, MB": `${median(s.ours, r => r.rssAfterStartupMB)} / ${median(s.ours, r => r.rssAfterAnalyzeMB)} (awsguard ${median(s.theirs, r => r.rssAfterStartupMB)} / ${median(s.theirs, r => r.rssAfterAnalyzeMB)})`,
        }),
    },
];

/** The goals of issue 15, judged at 10k and 50k: the median of the per-run ratios, and its limit. */
const GOALS: readonly { readonly figure: string; readonly text: string; readonly limit: number }[] = [
    { figure: "AnalyzeStack", text: "AnalyzeStack within 1.0× awsguard's", limit: 1.0 },
    { figure: "peak RSS of the pack process (VmHWM)", text: "peak RSS of the pack within 1.0× awsguard's", limit: 1.0 },
    { figure: "whole preview (start-up, handshake, Σ Remediate, Σ Analyze, AnalyzeStack)", text: "whole preview within 0.85× awsguard's", limit: 0.85 },
];

/** The diagnostics of a pack's runs, per policy, which must agree. */
function agreed(runs: readonly PreviewRun[], pack: string): string {
    const counts = new Set(runs.map(r => Object.entries(countByPolicy(r.diagnostics)).map(([k, v]) => `${k} ${v}`).join(", ") || "none"));
    if (counts.size > 1) {
        throw new Error(`E1: ${pack} reported different diagnostics in different runs: ${[...counts].join(" vs ")}`);
    }
    return [...counts][0] ?? "none";
}

const label = (size: number) => (size >= 1000 ? `${size / 1000}k` : String(size));

/** The packs of a run: this one, awsguard's, and the no-op pack with as many stack policies as this one. */
interface Packs {
    readonly awsguard: PackDir;
    readonly noop: PackDir;
    readonly stackPolicies: number;
}

/** Each pack's previews of one stack. */
interface Runs {
    readonly ours: PreviewRun[];
    readonly theirs: PreviewRun[];
    readonly noop: PreviewRun[];
}

/** Alternating previews of one stack by the three packs. */
async function measureSize(o: BenchOptions, encoded: EncodedPreview, size: number, packs: Packs, runs: number): Promise<Runs> {
    const out: Runs = { ours: [], theirs: [], noop: [] };
    for (let i = 0; i < runs; i++) {
        o.log(`E1: ${label(size)} resources, run ${i + 1}/${runs}`);
        out.ours.push(await preview(PACK, encoded));
        out.theirs.push(await preview(packs.awsguard.dir, encoded));
        out.noop.push(await preview(packs.noop.dir, encoded));
    }
    return out;
}

/** `a` against `b`, run by run, on one figure. */
function compare(a: readonly PreviewRun[], b: readonly PreviewRun[], read: (r: PreviewRun) => number) {
    const x = a.map(read);
    const y = b.map(read);
    return { subject: summarise(x), floor: summarise(y), ratio: summarise(x.map((v, i) => v / y[i]), 100) };
}

function rowsOf(size: number, resources: number, runs: Runs, stackPolicies: number): Row[] {
    const sized: Sized = { ours: runs.ours, theirs: runs.theirs, diagnostics: { ours: agreed(runs.ours, "this pack"), theirs: agreed(runs.theirs, "awsguard") } };
    agreed(runs.noop, "the no-op pack");
    const at = `${label(size)} (${resources} resources)`;
    const ours = FIGURES.map(f => ({ ...row(`${at}: ${f.name}`, SUBJECT, FLOOR, compare(runs.ours, runs.theirs, f.read), f.extra?.(sized)), ...(f.unit ? { unit: f.unit } : {}) }));
    const noop = `no-op pack: ${stackPolicies} stack policies (as many as this pack), no resource policy`;
    return [
        ...ours,
        row(`${at}: AnalyzeStack, the runtime alone`, noop, FLOOR, compare(runs.noop, runs.theirs, r => r.analyzeStackMs)),
        { ...row(`${at}: peak RSS, the runtime alone`, noop, FLOOR, compare(runs.noop, runs.theirs, r => r.peakRssMB)), unit: "MB" as const },
    ];
}

/** E1. A quick run previews 300 resources once, without warm-up. */
export async function enginePath(o: BenchOptions): Promise<BenchResult> {
    const sizes = o.sizes ?? (o.quick ? [300] : [1000, 10000, 50000]);
    const stackPolicies = policies.filter(p => typeof p.validateStack === "function").length;
    const packs: Packs = { awsguard: awsguardPackDir(ROOT), noop: noopPackDir(ROOT, stackPolicies), stackPolicies };
    const rows: Row[] = [];
    const goals: Goal[] = [];
    try {
        for (const size of sizes) {
            const stack = engineStack(size);
            const encoded = encodePreview(stack);
            // A warm-up before the first size (file cache, the driver's JIT), unless it is a 50k stack, whose previews take minutes.
            if (!o.quick && size === sizes[0] && size < 50000) {
                o.log("E1: warm-up, one preview by each pack");
                await measureSize(o, encoded, size, packs, 1);
            }
            const runs = await measureSize(o, encoded, size, packs, size >= 50000 ? Math.min(o.runs, 3) : o.runs);
            const sized = rowsOf(size, stack.analyze.length, runs, stackPolicies);
            rows.push(...sized);
            if (size >= 10000) {
                for (const g of GOALS) {
                    const r = sized.find(x => x.name.endsWith(`: ${g.figure}`));
                    goals.push(goal(`${label(size)}: ${g.text}`, r?.ratio.median ?? NaN, g.limit, "×"));
                }
            }
        }
    } finally {
        packs.awsguard.dispose();
        packs.noop.dispose();
    }
    return {
        id: "E1",
        title: "pulumi preview --policy-pack on the engine's path, against awsguard",
        rows,
        goals,
        notes: [
            "each run is a fresh pack process per pack, started by run-policy-pack in the pack's folder and driven as the engine drives it: Handshake, ConfigureStack, GetPluginInfo, GetAnalyzerInfo, Configure (schema defaults), Remediate and Analyze per resource (inputs), one AnalyzeStack (outputs); requests are encoded before timing, as the engine encodes in Go.",
            "the stacks are bench/engine-stack.ts: IAM, DynamoDB, S3, Lambda and security groups under one component per tenant, secrets in the engine's wire form, the default provider attached to every custom resource; the 50k stack gets at most 3 runs.",
            `the runtime alone: a pack of ${stackPolicies} stack policies that return at once, as many as this pack has; the runtime converts every resource's props for each before calling it, so this is the least this pack's AnalyzeStack and peak RSS can be.`,
            "awsguard's access-keys-rotated would call AWS for every active key with an id in its outputs; the synthetic keys have none, so awsguard's AnalyzeStack here costs less than in a real preview.",
        ],
    };
}

if (require.main === module) {
    runStandalone(enginePath);
}
