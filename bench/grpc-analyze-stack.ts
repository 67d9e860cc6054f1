/**
 * AnalyzeStack over the real gRPC protocol (issue 7, reported apart from B4): the compiled pack served
 * as the engine serves it, one `AnalyzeStack` call on a synthetic stack of copies of the test's good
 * stack, against the same stack policies run in process by policypack/host.ts (the floor). The
 * client's own encoding is timed apart: the real engine encodes in Go.
 *
 *   bench/grpc-analyze-stack.ts [--runs 5] [--quick] [--json]
 */
import * as path from "path";

import { runPolicies } from "../policypack/host";
import { policies } from "../policypack/policies";
import { goodStack } from "../test/policypack/fixtures";
import { startAnalyzer } from "../test/support/analyzer";
import { EngineResource, toAnalyzerResource } from "../test/support/wire";
import { msSince, sideBySide, summarise } from "./measure";
import { BenchOptions, BenchResult, row, runStandalone } from "./report";

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
    return msSince(t);
}

/** AnalyzeStack on 10k resources (100 in a quick run). */
export async function grpcAnalyzeStack(o: BenchOptions): Promise<BenchResult> {
    const stack = syntheticStack(o.quick ? 100 : 10000);
    // The stack halves of the policies: what the server runs for AnalyzeStack.
    const stackPolicies = policies.filter(p => "validateStack" in p && typeof p.validateStack === "function").map(p => ({ ...p, validateResource: undefined }));
    const analyzer = await startAnalyzer(PACK);
    try {
        await analyzer.configure();
        let diagnostics = 0;
        const encode: number[] = [];
        o.log(`gRPC: AnalyzeStack on ${stack.length} resources`);
        const c = await sideBySide(
            { runs: o.runs, warmUp: !o.quick },
            async () => {
                encode.push(await time(async () => stack.map(toAnalyzerResource).forEach(r => r.serializeBinary())));
                return time(async () => (diagnostics = (await analyzer.analyzeStack(stack)).length));
            },
            () => time(() => runPolicies(stackPolicies, stack)),
        );
        return {
            id: "gRPC",
            title: "AnalyzeStack over the Analyzer protocol (reported apart; no goal)",
            rows: [
                row(`AnalyzeStack, ${stack.length} resources`, "gRPC round trip to the compiled pack", "the same stack policies in process (host.ts)", c, {
                    "client request encoding ms (median)": summarise(encode).median,
                    diagnostics,
                }),
            ],
            goals: [],
            notes: ["the round trip includes the pack's protobuf decoding (`Struct.toJavaScript`) of every resource's props, which the in-process floor skips."],
        };
    } finally {
        await analyzer.close();
    }
}

if (require.main === module) {
    runStandalone(grpcAnalyzeStack);
}
