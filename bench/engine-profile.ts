/**
 * Where a pack's time goes on the engine's path: one E1 preview (bench/engine-driver.ts) with the pack
 * process under V8's CPU profiler (`--cpu-prof`), and its samples summed per
 * phase (the resources' Remediate and Analyze, then AnalyzeStack) and per kind of work:
 * - decoding requests (protobuf `deserializeBinary`), encoding answers;
 * - the runtime's `deserializeProperties` (a resource's props, once per policy), its provider props;
 * - this pack's own code (compiled `policypack/bin/`), with the runtime's proxy traps it triggers;
 * - the rest of the runtime and of gRPC, and the garbage collector.
 * A sample counts for the outermost of the specific kinds on its stack (so protobuf's Struct
 * conversion inside `deserializeProperties` counts as that), else for the innermost generic one.
 *
 *   node -r ts-node/register/transpile-only bench/engine-profile.ts [--size 10000] [--pack assume-guard|awsguard|DIR] [--keep DIR]
 *
 * The phases are marked by the driver's clock, which is the profiler's (both CLOCK_MONOTONIC).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "util";

import { awsguardPackDir } from "./packs";
import { encodePreview, Phase, preview } from "./engine-driver";
import { engineStack } from "./engine-stack";

const ROOT = path.join(__dirname, "..");

/** A node of a `.cpuprofile`. */
interface ProfileNode {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string };
    readonly children?: readonly number[];
}

/** A `.cpuprofile`: nodes, and samples (node ids) with the time before each (µs). */
interface CpuProfile {
    readonly nodes: readonly ProfileNode[];
    readonly startTime: number;
    readonly samples: readonly number[];
    readonly timeDeltas: readonly number[];
}

type Frame = ProfileNode["callFrame"];

/** Kinds that own everything below them, outermost first wins. */
const SPECIFIC: readonly { readonly kind: string; readonly is: (f: Frame) => boolean }[] = [
    { kind: "decoding requests (protobuf)", is: f => f.functionName.endsWith(".deserializeBinary") },
    { kind: "runtime: deserializeProperties (props, per policy)", is: f => f.functionName === "deserializeProperties" && f.url.includes("@pulumi/policy/") },
    { kind: "runtime: provider props (per resource and policy)", is: f => f.functionName === "getProviderResource" },
    { kind: "encoding answers (protobuf)", is: f => f.functionName.endsWith(".serializeBinary") },
    { kind: "this pack (and the proxy reads it makes)", is: f => f.url.includes("/policypack/bin/") || f.url.includes("/policypack/lib/") || f.url.includes("/policypack/rules/") },
];

/** Kinds of a sample with no specific kind: its innermost frame's. */
function generic(f: Frame): string {
    if (f.functionName === "(garbage collector)" || f.functionName === "(idle)" || f.functionName === "(program)") {
        return f.functionName;
    }
    if (f.url.includes("@pulumi/policy/")) {
        return "runtime: other (server.js: resource objects, options, proxies)";
    }
    if (f.url.includes("google-protobuf")) {
        return "protobuf: other";
    }
    return f.url.includes("@grpc/") || f.url.startsWith("node:") || f.url === "" ? "gRPC, Node and V8 (I/O, HTTP/2, builtins)" : "other JavaScript";
}

/** Milliseconds per kind of work between two instants (µs, the profile's clock). */
export function summariseProfile(p: CpuProfile, from: number, to: number): Map<string, number> {
    const parent = new Map<number, number>();
    const byId = new Map(p.nodes.map(n => [n.id, n]));
    p.nodes.forEach(n => n.children?.forEach(c => parent.set(c, n.id)));
    const kindOf = new Map<number, string>();
    const classify = (id: number): string => {
        let kind: string | undefined;
        for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
            const f = byId.get(at)?.callFrame;
            const specific = f ? SPECIFIC.find(s => s.is(f)) : undefined;
            kind = specific ? specific.kind : kind;
        }
        return kind ?? generic(byId.get(id)?.callFrame ?? { functionName: "", url: "" });
    };
    const out = new Map<string, number>();
    let t = p.startTime;
    for (let i = 0; i < p.samples.length; i++) {
        t += p.timeDeltas[i];
        if (t < from || t >= to) {
            continue;
        }
        const id = p.samples[i];
        let kind = kindOf.get(id);
        if (kind === undefined) {
            kind = classify(id);
            kindOf.set(id, kind);
        }
        // A sample stands for the time until the next one.
        const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
        out.set(kind, (out.get(kind) ?? 0) + dt);
    }
    return out;
}

function table(title: string, ms: Map<string, number>, wallMs: number): string {
    const total = [...ms.values()].reduce((a, b) => a + b, 0);
    const rows = [...ms.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `| ${k} | ${Math.round(v)} | ${((100 * v) / total).toFixed(1)}% |`);
    return [`${title}: ${Math.round(wallMs)} ms wall, ${Math.round(total)} ms sampled in the pack`, "", "| work | ms | share |", "|---|---|---|", ...rows, ""].join("\n");
}

async function main(argv: string[]): Promise<void> {
    const { values } = parseArgs({ args: argv, options: { size: { type: "string", default: "10000" }, pack: { type: "string", default: "assume-guard" }, keep: { type: "string" } }, strict: true });
    const awsguard = values.pack === "awsguard" ? awsguardPackDir(ROOT) : undefined;
    const packDir = awsguard?.dir ?? (values.pack === "assume-guard" ? path.join(ROOT, "policypack") : path.resolve(values.pack ?? ""));
    const dir = values.keep ? path.resolve(values.keep) : fs.mkdtempSync(path.join(os.tmpdir(), "assume-guard-profile-"));
    fs.mkdirSync(dir, { recursive: true });
    const preload = path.join(__dirname, "profile-preload.js");
    const marks = new Map<Phase, number>();
    try {
        const stack = engineStack(Number(values.size));
        const run = await preview(
            packDir,
            encodePreview(stack),
            { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--require", preload] },
            { onPhase: phase => marks.set(phase, Number(process.hrtime.bigint() / 1000n)) },
        );
        const file = fs.readdirSync(dir).find(f => f.endsWith(".cpuprofile"));
        if (!file) {
            throw new Error(`the pack wrote no profile to ${dir}`);
        }
        const profile = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
        const at = (p: Phase) => marks.get(p) ?? NaN;
        console.log(`${values.pack}, ${stack.analyze.length} resources; profile ${path.join(dir, file)}\n`);
        console.log(table("Remediate and Analyze, every resource", summariseProfile(profile, at("resources"), at("stack")), run.remediateMs + run.analyzeMs));
        console.log(table("AnalyzeStack", summariseProfile(profile, at("stack"), at("end")), run.analyzeStackMs));
        console.log(`peak RSS ${run.peakRssMB} MB (after start-up ${run.rssAfterStartupMB}, after the resources ${run.rssAfterAnalyzeMB})`);
    } finally {
        awsguard?.dispose();
        if (!values.keep) {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).catch(e => {
        console.error(e instanceof Error ? e.message : e);
        process.exitCode = 1;
    });
}
