/**
 * AnalyzeStack over the real gRPC protocol (issue 7, reported apart from B4): the compiled pack served
 * as the engine serves it, one `AnalyzeStack` call on a synthetic stack of copies of the test's good
 * stack, against the same stack policies run in process by policypack/host.ts. The client's own
 * encoding is timed apart: the real engine encodes in Go.
 *
 *   bench/grpc-analyze-stack.ts [--resources 10000] [--runs 5] [--json]
 */
import * as path from "path";

import { runPolicies } from "../policypack/host";
import { policies } from "../policypack/policies";
import { goodStack } from "../test/policypack/fixtures";
import { startAnalyzer } from "../test/support/analyzer";
import { EngineResource, toAnalyzerResource } from "../test/support/wire";
import { stats } from "./pack-startup";

const PACK = path.join(__dirname, "..", "policypack");

/** About `n` resources: copies of the good stack with distinct names, URNs and ARNs. */
function syntheticStack(n: number): EngineResource[] {
    const template = JSON.stringify(goodStack());
    const out: EngineResource[] = [];
    for (let i = 0; out.length < n; i++) {
        out.push(...(JSON.parse(template.replace(/app-user|app-role|items/g, m => `${m}-${i}`)) as EngineResource[]));
    }
    return out.slice(0, n);
}

async function time(fn: () => Promise<unknown>): Promise<number> {
    const t = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - t) / 1e6;
}

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const n = Number(args[args.indexOf("--resources") + 1]) || 10000;
    const runs = Number(args[args.indexOf("--runs") + 1]) || 5;
    const stack = syntheticStack(n);
    // The stack halves of the policies: what the server runs for AnalyzeStack.
    const stackPolicies = policies.filter(p => "validateStack" in p && typeof p.validateStack === "function").map(p => ({ ...p, validateResource: undefined }));
    const analyzer = await startAnalyzer(PACK);
    try {
        await analyzer.configure();
        const grpc: number[] = [];
        const encode: number[] = [];
        const inProcess: number[] = [];
        let diagnostics = 0;
        for (let i = 0; i < runs; i++) {
            encode.push(await time(async () => stack.map(toAnalyzerResource).forEach(r => r.serializeBinary())));
            grpc.push(await time(async () => (diagnostics = (await analyzer.analyzeStack(stack)).length)));
            inProcess.push(await time(() => runPolicies(stackPolicies, stack)));
        }
        const row = (name: string, xs: number[]) => {
            const s = stats(xs);
            return { name, medianMs: Math.round(s.median), minMs: Math.round(s.min), maxMs: Math.round(s.max) };
        };
        const result = {
            bench: `AnalyzeStack on ${stack.length} resources`,
            runs,
            diagnostics,
            rows: [row("gRPC AnalyzeStack round trip (compiled pack)", grpc), row("client: build + serialize the request", encode), row("in process: the same stack policies via host.ts", inProcess)],
        };
        if (args.includes("--json")) {
            console.log(JSON.stringify(result, null, 2));
            return;
        }
        console.log(`${result.bench}, ${runs} runs, ${diagnostics} diagnostics`);
        for (const r of result.rows) {
            console.log(`${r.name.padEnd(46)} median ${String(r.medianMs).padStart(6)} ms  min ${String(r.minMs).padStart(6)}  max ${String(r.maxMs).padStart(6)}`);
        }
    } finally {
        await analyzer.close();
    }
}

main().catch(e => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
});
