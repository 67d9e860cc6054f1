/**
 * A B4 measuring process (bench/validation.ts forks it, on precompiled JavaScript): a synthetic stack
 * of `--size` resources read as the gate reads an export, validated in process by
 * policypack/host.ts with one pack's policies, as the engine runs each pack in a process of its own.
 *
 *   --pack assume-guard   this pack
 *   --pack awsguard       awsguard's full set, and its IAM/DynamoDB subset
 *
 * It answers each IPC message naming a set with that run's milliseconds and diagnostics. With
 * `--rss` it instead runs its first set once and prints its RSS: once the modules are loaded, once
 * the stack is read, and the process's peak (a fresh process, so the peak is this run's).
 */
import { Policy } from "@pulumi/policy";

import { toHostResources } from "../gate/judge";
import { SecretScrubber } from "../gate/resources";
import { readStateExport } from "../gate/stateExport";
import { HostResource, runPolicies } from "../policypack/host";
import { policies } from "../policypack/policies";
import { awsguardPolicies, iamDynamoSubset, schemaDefaults } from "./awsguard";
import { msSince } from "./measure";
import { syntheticExport } from "./synthetic";

/** One run's answer. */
export interface RunResult {
    readonly set: string;
    readonly ms: number;
    readonly diagnostics: number;
    readonly resources: number;
}

/** What `--rss` prints (MB). */
export interface RssResult {
    readonly loaded: number;
    readonly stackRead: number;
    readonly peak: number;
}

interface PolicySet {
    readonly name: string;
    readonly policies: readonly Policy[];
    readonly config: Record<string, Record<string, unknown>>;
}

const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

function readStack(size: number): HostResource[] {
    return toHostResources(readStateExport(syntheticExport(size), "synthetic export", new SecretScrubber()));
}

/** The sets a pack process runs. */
function setsOf(pack: string): PolicySet[] {
    if (pack === "assume-guard") {
        return [{ name: "assume-guard", policies, config: {} }];
    }
    const guard = awsguardPolicies();
    return [
        { name: "awsguard", policies: guard, config: schemaDefaults(guard) },
        { name: "awsguard-iam-dynamodb", policies: iamDynamoSubset(guard), config: schemaDefaults(guard) },
    ];
}

/**
 * One run of a set. No collection is forced between runs: each pack has its process to itself, and a
 * forced full collection shrinks V8's young generation, which would then tax the next run's allocations.
 */
async function runSet(set: PolicySet, stack: readonly HostResource[]): Promise<RunResult> {
    const start = process.hrtime.bigint();
    const result = await runPolicies(set.policies, stack, set.config);
    return { set: set.name, ms: msSince(start), diagnostics: result.diagnostics.length, resources: stack.length };
}

async function main(args: string[]): Promise<void> {
    const arg = (name: string) => args[args.indexOf(name) + 1];
    const sets = setsOf(arg("--pack"));
    const loaded = mb(process.memoryUsage().rss);
    const stack = readStack(Number(arg("--size")));
    if (args.includes("--rss")) {
        (globalThis as { gc?: () => void }).gc?.();
        const stackRead = mb(process.memoryUsage().rss);
        await runSet(sets[0], stack);
        const rss: RssResult = { loaded, stackRead, peak: mb(process.resourceUsage().maxRSS * 1024) };
        process.stdout.write(`${JSON.stringify(rss)}\n`);
        return;
    }
    const send = (m: unknown) => (process.send as (m: unknown) => boolean)(m);
    process.on("message", (name: unknown) => {
        const set = sets.find(s => s.name === name);
        if (!set) {
            process.disconnect();
            return;
        }
        runSet(set, stack).then(send, e => send({ error: e instanceof Error ? e.stack ?? e.message : String(e) }));
    });
    send({ ready: sets.map(s => s.name) });
}

main(process.argv.slice(2)).catch(e => {
    process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 1;
});
