/**
 * An A1 measuring process (bench/audit.ts forks two, on precompiled JavaScript): `--mode audit` runs
 * `assume-guard audit` in process on `--file` (read, JSON.parse, checks, the pack's rules, blast
 * radius, migrations); `--mode parse` reads and `JSON.parse`s the same file. Each IPC message is one
 * timed run, answered with its milliseconds. With `--rss` it runs the audit once in this fresh process
 * and prints its RSS once loaded and its peak.
 */
import * as fs from "fs";

import { audit } from "../audit/audit";
import { msSince } from "./measure";

/** One run's answer. */
export interface AuditRun {
    readonly ms: number;
    readonly resources?: number;
    readonly findings?: number;
    readonly migrations?: number;
    /** Milliseconds per stage of the audit. */
    readonly stages?: Record<string, number>;
}

const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

async function once(mode: string, file: string): Promise<AuditRun> {
    const start = process.hrtime.bigint();
    if (mode === "parse") {
        JSON.parse(fs.readFileSync(file, "utf8"));
        return { ms: msSince(start) };
    }
    const stages: Record<string, number> = {};
    const r = await audit({ authorizationDetails: [file], timings: (stage, ms) => (stages[stage] = Math.round(ms)) });
    return { ms: msSince(start), resources: r.resourcesJudged, findings: r.findings.length, migrations: r.migrations.length, stages };
}

async function main(args: string[]): Promise<void> {
    const arg = (name: string) => args[args.indexOf(name) + 1];
    const [mode, file] = [arg("--mode"), arg("--file")];
    if (args.includes("--rss")) {
        const loaded = mb(process.memoryUsage().rss);
        await once(mode, file);
        process.stdout.write(`${JSON.stringify({ loaded, peak: mb(process.resourceUsage().maxRSS * 1024) })}\n`);
        return;
    }
    const send = (m: unknown) => (process.send as (m: unknown) => boolean)(m);
    process.on("message", m => {
        if (m !== "run") {
            process.disconnect();
            return;
        }
        once(mode, file).then(send, e => send({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
    });
    send({ ready: true });
}

main(process.argv.slice(2)).catch(e => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
});
