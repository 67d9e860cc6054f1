/**
 * E1's stand-in for the engine: one `pulumi preview --policy-pack DIR` as the engine drives a pack
 * (docs/engine-protocol.md): the pack started by `@pulumi/pulumi/cmd/run-policy-pack` in DIR
 * (test/support/pack-process.ts), then `Handshake`, `ConfigureStack`, `GetPluginInfo`,
 * `GetAnalyzerInfo` and `Configure` (the config reconciled as the engine reconciles it), then, per
 * resource in registration order, `Remediate` and `Analyze` with its inputs, then one `AnalyzeStack`
 * with every resource's outputs.
 *
 * Requests are encoded before the clock starts ({@link encodePreview}): the engine encodes in Go, and
 * this process's JavaScript encoder is not what the user waits for. The pack's decoding, policies
 * and answers are timed, with the round trips. The pack's peak RSS is its kernel high-water mark
 * (`VmHWM` in /proc/PID/status), read before it is stopped.
 */
import * as fs from "fs";

import { Analyzer } from "../test/support/analyzer";
import { DEFAULT_STACK, spawnPack, StartOptions } from "../test/support/pack-process";
import { Diagnostic, toAnalyzeRequest, toAnalyzerResource } from "../test/support/wire";
import { AnalyzeStackRequest } from "@pulumi/pulumi/proto/analyzer_pb";
import { EngineStack } from "./engine-stack";
import { msSince } from "./measure";

/** A stack's requests, encoded once. */
export interface EncodedPreview {
    /** Per resource, in order: its URN and its `Analyze` request (`Remediate` takes the same message). */
    readonly perResource: readonly { readonly urn: string; readonly request: Buffer }[];
    /** The `AnalyzeStack` request. */
    readonly stack: Buffer;
}

/** Encodes the requests the engine sends for `s`. */
export function encodePreview(s: EngineStack): EncodedPreview {
    return {
        perResource: s.analyze.map(r => ({ urn: r.urn, request: Buffer.from(toAnalyzeRequest(r).serializeBinary()) })),
        stack: Buffer.from(new AnalyzeStackRequest().setResourcesList(s.stack.map(toAnalyzerResource)).serializeBinary()),
    };
}

/** One preview's figures (milliseconds, MB) and what the engine received. */
export interface PreviewRun {
    /** Spawn until the port is read. */
    readonly startupMs: number;
    /** Handshake through Configure. */
    readonly handshakeMs: number;
    readonly remediateMs: number;
    readonly analyzeMs: number;
    readonly analyzeStackMs: number;
    /** Everything above, added up: what the pack adds to the preview. */
    readonly wholeMs: number;
    /** The pack process's peak RSS, and its RSS high-water mark after start-up and after the last `Analyze`. */
    readonly peakRssMB: number;
    readonly rssAfterStartupMB: number;
    readonly rssAfterAnalyzeMB: number;
    /** Diagnostics of `Analyze` (attributed to the resource, as the engine does) and of `AnalyzeStack`, in order. */
    readonly diagnostics: readonly Diagnostic[];
}

/** The kernel's high-water mark of a process's RSS, in MB. */
export function peakRssMB(pid: number): number {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(status);
    if (!kb) {
        throw new Error(`no VmHWM in /proc/${pid}/status`);
    }
    return Math.round(Number(kb[1]) / 102.4) / 10;
}

/** The phases of a preview, after start-up: the handshake, the resources one by one, the stack, and the end. */
export type Phase = "handshake" | "resources" | "stack" | "end";

/** What to call as each phase starts (profiling marks them). */
export interface PreviewHooks {
    readonly onPhase?: (phase: Phase) => void;
}

/** One preview of `encoded` by the pack in `packDir`, in a fresh pack process. */
export async function preview(packDir: string, encoded: EncodedPreview, start: StartOptions = {}, hooks: PreviewHooks = {}): Promise<PreviewRun> {
    const proc = await spawnPack(packDir, start);
    const analyzer = new Analyzer(proc);
    const pid = proc.child.pid ?? NaN;
    try {
        const rssAfterStartupMB = peakRssMB(pid);
        hooks.onPhase?.("handshake");
        let t = process.hrtime.bigint();
        await analyzer.handshake(packDir);
        await analyzer.configureStack(start.stack ?? DEFAULT_STACK);
        await analyzer.getPluginVersion();
        await analyzer.configure();
        const handshakeMs = msSince(t);
        const diagnostics: Diagnostic[] = [];
        let remediateMs = 0;
        let analyzeMs = 0;
        hooks.onPhase?.("resources");
        for (const r of encoded.perResource) {
            t = process.hrtime.bigint();
            await analyzer.encoded("remediate", r.request);
            remediateMs += msSince(t);
            t = process.hrtime.bigint();
            diagnostics.push(...((await analyzer.encoded("analyze", r.request, r.urn)) as Diagnostic[]));
            analyzeMs += msSince(t);
        }
        const rssAfterAnalyzeMB = peakRssMB(pid);
        hooks.onPhase?.("stack");
        t = process.hrtime.bigint();
        diagnostics.push(...((await analyzer.encoded("analyzeStack", encoded.stack)) as Diagnostic[]));
        const analyzeStackMs = msSince(t);
        hooks.onPhase?.("end");
        const startupMs = proc.startupMs;
        return {
            startupMs,
            handshakeMs,
            remediateMs,
            analyzeMs,
            analyzeStackMs,
            wholeMs: startupMs + handshakeMs + remediateMs + analyzeMs + analyzeStackMs,
            peakRssMB: peakRssMB(pid),
            rssAfterStartupMB,
            rssAfterAnalyzeMB,
            diagnostics,
        };
    } finally {
        await analyzer.close();
    }
}

/** Diagnostics per policy, sorted by policy name. */
export function countByPolicy(diagnostics: readonly Diagnostic[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const d of [...diagnostics].sort((a, b) => a.policyName.localeCompare(b.policyName))) {
        counts[d.policyName] = (counts[d.policyName] ?? 0) + 1;
    }
    return counts;
}
