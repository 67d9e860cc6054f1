/**
 * Starts a policy pack process exactly as the nodejs language host does for
 * `pulumi preview --policy-pack DIR` (docs/engine-protocol.md §1):
 * `node <@pulumi/pulumi/cmd/run-policy-pack resolved from DIR> <engine address> <DIR>`, cwd DIR,
 * the `PULUMI_NODEJS_*` environment, and the port read from the first line of stdout.
 * Every process still running when node exits is killed.
 */
import { ChildProcess, spawn } from "child_process";

/** The stack the engine is running (sent with `ConfigureStack` and, by the language host, as env). */
export interface StackInfo {
    organization: string;
    project: string;
    stack: string;
    dryRun: boolean;
    config?: Record<string, string>;
    tags?: Record<string, string>;
}

/** How to start the pack. */
export interface StartOptions {
    /** The stack; `null` starts the pack as `pulumi policy publish` does (no `ConfigureStack`). */
    stack?: StackInfo | null;
    /** Extra environment for the pack process. */
    env?: Record<string, string>;
    /** Options for node itself, before the runner (profiling: `--cpu-prof`, which NODE_OPTIONS refuses). */
    nodeArgs?: string[];
    /** How long to wait for the port (default 120 s: a type-checked TypeScript pack is slow on 2 cores). */
    timeoutMs?: number;
}

/** A started pack process, before any RPC. */
export interface PackProcess {
    child: ChildProcess;
    port: number;
    /** Milliseconds from spawn until the port line was read. */
    startupMs: number;
    /** Everything the pack wrote to stderr so far. */
    stderr(): string;
}

/** The stack used when none is given. */
export const DEFAULT_STACK: StackInfo = { organization: "organization", project: "assume-guard", stack: "dev", dryRun: true };
const live = new Set<ChildProcess>();
process.on("exit", () => live.forEach(c => c.kill("SIGKILL")));

function languageHostEnv(stack: StackInfo | null): Record<string, string> {
    if (!stack) {
        return {};
    }
    return {
        PULUMI_NODEJS_ORGANIZATION: stack.organization,
        PULUMI_NODEJS_PROJECT: stack.project,
        PULUMI_NODEJS_STACK: stack.stack,
        PULUMI_NODEJS_DRY_RUN: String(stack.dryRun),
        PULUMI_CONFIG: JSON.stringify(stack.config ?? {}),
    };
}

/** Spawns the pack as the nodejs language host does and waits for the port it prints. */
export function spawnPack(packDir: string, options: StartOptions = {}): Promise<PackProcess> {
    const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
    const stack = options.stack === undefined ? DEFAULT_STACK : options.stack;
    const started = process.hrtime.bigint();
    // run-policy-pack drops the engine address (argv._.shift()); the engine passes its own gRPC address.
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), runner, "127.0.0.1:0", packDir], {
        cwd: packDir,
        env: { ...process.env, ...languageHostEnv(stack), ...options.env },
        stdio: ["ignore", "pipe", "pipe"],
    });
    live.add(child);
    child.on("exit", () => live.delete(child));
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    return new Promise((resolve, reject) => {
        let out = "";
        const fail = (why: string) => {
            clearTimeout(timer);
            child.kill("SIGKILL");
            reject(new Error(`policy pack ${packDir} ${why}; stderr:\n${stderr}`));
        };
        const timer = setTimeout(() => fail(`printed no port within ${options.timeoutMs ?? 120000} ms`), options.timeoutMs ?? 120000);
        const onExit = (code: number | null) => fail(`exited (${code}) before printing its port`);
        child.once("exit", onExit);
        child.stdout?.setEncoding("utf8").on("data", (s: string) => {
            if (out.includes("\n")) {
                return; // later stdout lines are the engine's info messages
            }
            out += s;
            const newline = out.indexOf("\n");
            if (newline < 0) {
                return;
            }
            clearTimeout(timer);
            child.off("exit", onExit);
            const line = out.slice(0, newline).trim();
            const port = Number(line);
            if (!/^\d+$/.test(line) || port <= 0 || port > 65535) {
                fail(`wrote an invalid port to stdout: ${JSON.stringify(line)}`);
                return;
            }
            resolve({ child, port, startupMs: Number(process.hrtime.bigint() - started) / 1e6, stderr: () => stderr });
        });
    });
}
