/**
 * Runs a Pulumi program under the SDK's mocked runtime with a stack's real config and records every
 * registration the way the engine would see it: type, name, URN, parent, dependencies,
 * propertyDependencies, provider, inputs and outputs.
 *
 * A program is run as the Node.js language host runs it (./programLoader.ts), through the
 * `@pulumi/pulumi` it loads itself (./sdk.ts), and fails closed: anything that stops it from
 * registering what it would register under the CLI is a {@link ProgramError}, never a short run.
 */
import * as path from "path";

import { MockEnvironment, MockOptions } from "./mocks";
import { installMocks, StackOptions } from "./mockSetup";
import { describe, ProgramError, programFailure, shown } from "./programError";
import { LoadPlan, loadProgram } from "./programLoader";
import { ProgramSession } from "./programSession";
import { programLocation, readProject } from "./project";
import { RecordedResource } from "./recording";
import { gateSdk, programSdk, Sdk } from "./sdk";
import { ConfigSettings, loadStackConfig, LoadedStackConfig } from "./stackConfig";
import { registerTypeScript } from "./typescript";

export type { RecordedResource };

/** The result of a mocked run. */
export interface MockedRun {
    readonly resources: RecordedResource[];
    /** Stack outputs, deserialised; secrets keep their `4dabf18193072939515e22adb298388d` envelope. */
    readonly outputs: Record<string, unknown>;
    readonly environment: MockEnvironment;
    readonly config: LoadedStackConfig;
}

/** What to run. */
export interface MockRunOptions {
    /** The folder holding Pulumi.yaml and the stack files. */
    readonly projectDir: string;
    /** The stack whose Pulumi.<stack>.yaml supplies the config. */
    readonly stack: string;
    /** A module to load instead of the project's entry point (a compiled build of it), in the same working directory. */
    readonly program?: string;
    /** `--config` settings, applied as the CLI applies them before it runs the program. */
    readonly cliConfig?: ConfigSettings;
    /** Config values that override or add to the stack's, fully qualified, after validation. */
    readonly configOverrides?: Record<string, string>;
    /** A file of recorded invoke results (`--invoke-results`), for the invoke mocks. */
    readonly invokeResultsFile?: string;
    /** Run as a preview. @default false */
    readonly preview?: boolean;
    /** What resources output: synthesised IDs and ARNs, or only their inputs, as in a first preview (gate/mocks.ts). @default "synthetic" */
    readonly outputs?: MockOptions["outputs"];
    /** Keep stack traces during the run (at least Node's default depth), for file and line in errors. @default false */
    readonly stackTraces?: boolean;
    /** Receives what the program printed, after a run that succeeded; dropped when absent. */
    readonly log?: (s: string) => void;
}

/** Runs the project's program with the stack's config under recording mocks. Throws a ProgramError when it cannot be judged. */
export async function runProgramMocked(options: MockRunOptions): Promise<MockedRun> {
    const project = readProject(options.projectDir);
    const loaded = loadStackConfig(options.projectDir, options.stack, options.cliConfig, project);
    const config = { ...loaded.config, ...options.configOverrides };
    const located = programLocation(project);
    const location = options.program ? { pwd: located.pwd, entry: path.relative(located.pwd, options.program) } : located;
    const plan: LoadPlan = { ...location, typescript: project.typescript && !/\.[cm]?js$/.test(location.entry), tsconfig: project.tsconfig };
    const sdk = programSdk(plan.pwd);
    installSourceMaps(sdk.dir);
    const session = new ProgramSession(plan.pwd, options.projectDir, options.stackTraces ?? false);
    let file = path.join(plan.pwd, plan.entry);
    let exported: unknown;
    let run: Execution | undefined;
    let thrown: unknown;
    try {
        session.onEnd(registerTypeScript(plan, sdk));
        const body = async () => {
            const program = await loadProgram(plan);
            file = program.file;
            exported = program.exported;
            return exported instanceof Function ? (exported as () => unknown)() : exported;
        };
        run = await execute(sdk, body, { ...loaded, config, preview: options.preview, outputs: options.outputs, invokeResultsFile: options.invokeResultsFile }, session);
    } catch (e) {
        thrown = e;
    } finally {
        session.end(); // from here, paths in messages are read from the caller's working directory
    }
    const failure = thrown ?? run?.failure ?? session.failures[0];
    if (failure !== undefined || run === undefined) {
        if (failure instanceof ProgramError) {
            throw withOutput(failure, session.output);
        }
        throw programFailure(failure, plan.pwd, file, session.output);
    }
    if (run.unanswered.length > 0) {
        const more = run.unanswered.length > 1 ? ` (and ${run.unanswered.length - 1} more)` : "";
        throw new ProgramError(`the program ${shown(file)} did not run whole: ${run.unanswered[0]}${more}`, [...run.unanswered, session.output].join("\n"));
    }
    if (run.loggedErrors > 0) {
        const logged = session.output.split("\n").find(l => l.startsWith("error: ")) ?? "error: (message not captured)";
        throw new ProgramError(`the program ${shown(file)} reported an error (pulumi.log.error): ${logged.replace(/^error: (\[runtime\] )?/, "")}`, session.output);
    }
    if (!run.resources.some(r => r.type !== "pulumi:pulumi:Stack")) {
        throw new ProgramError(`the program ${shown(file)} registered no resources (only the stack); nothing to judge${defaultExportHint(exported)}`, session.output);
    }
    if (options.log && session.output !== "") {
        options.log(session.output);
    }
    return run;
}

/** Runs `program` as a stack's body under recording mocks, with the gate's own SDK. Errors propagate. */
export async function runWithMocks(
    program: () => unknown,
    options: Omit<LoadedStackConfig, "secretKeys"> & { readonly secretKeys?: string[]; readonly preview?: boolean },
): Promise<MockedRun> {
    const run = await execute(gateSdk(), async () => program(), options);
    if (run.failure !== undefined) {
        throw run.failure;
    }
    return run;
}

interface Execution extends MockedRun {
    /** What the program threw or rejected with, if anything. */
    readonly failure?: unknown;
    /** How many errors the program logged through pulumi.log.error. */
    readonly loggedErrors: number;
    /** Invokes and registrations the mocks could not answer. */
    readonly unanswered: readonly string[];
}

/** The run in progress, for {@link pendingOperations}. */
let active: { sdk: Sdk; bodySettled: boolean; session?: ProgramSession } | undefined;

async function execute(sdk: Sdk, body: () => Promise<unknown>, options: StackOptions, session?: ProgramSession): Promise<Execution> {
    const config = options.config;
    const { environment, monitor, store, ready } = installMocks(sdk, options);
    await ready;
    const current = { sdk, bodySettled: false, session };
    active = current;
    let failure: unknown;
    try {
        await sdk.runInPulumiStack(async () => {
            try {
                return await body();
            } finally {
                current.bodySettled = true;
            }
        });
    } catch (e) {
        failure = e;
    }
    // A failure ends the run (what still waits may wait on the failed part for ever).
    const settled = () => (session ? Promise.race([sdk.waitForRPCs(), session.failed]) : sdk.waitForRPCs());
    await settled();
    if (session?.failures.length === 0 && session.emitBeforeExit()) {
        await settled();
    }
    await new Promise(resolve => setImmediate(resolve)); // lets a last unhandled rejection surface
    active = undefined;
    const stack = monitor.recorded.find(r => r.type === "pulumi:pulumi:Stack");
    return {
        resources: monitor.recorded,
        outputs: stack?.outputs ?? {},
        environment,
        config: { project: options.project, stack: options.stack, config, secretKeys: options.secretKeys ?? [] },
        failure,
        loggedErrors: store.logErrorCount ?? 0,
        unanswered: monitor.unanswered,
    };
}

/** The first of the AWS provider's `aws:allowedAccountIds` (JSON in config), or undefined. */

/**
 * What the run in progress still waits on, when the process is about to exit in the middle of one
 * (its event loop emptied): one line, or undefined when no run is in progress.
 */
export function pendingOperations(): string | undefined {
    if (!active) {
        return undefined;
    }
    const pending = [...new Set([...(active.sdk.getStore().leakCandidates ?? [])].map(p => p._debugCtx ?? "a promise"))];
    const operations = pending.length > 0 ? `${pending.length} Pulumi operation${pending.length > 1 ? "s" : ""} never settled (${pending.slice(0, 3).join(", ")})` : "";
    const body = active.bodySettled ? "" : "the program's code waited on a promise that never settled";
    // What went wrong first is usually why the rest never settled (a closure that cannot be serialised, …).
    const first = active.session?.failures[0];
    const logged = active.session?.output.split("\n").find(l => l.startsWith("error: "));
    const cause = first !== undefined ? `after it failed: ${describe(first)}` : logged !== undefined ? `after it reported: ${logged.replace(/^error: (\[runtime\] )?/, "")}` : "";
    return [body, operations, cause].filter(s => s !== "").join("; ") || "it waited on something that never settled";
}

function withOutput(e: ProgramError, output: string): ProgramError {
    return e.detail === undefined && output !== "" ? new ProgramError(e.message, output) : e;
}

function defaultExportHint(exported: unknown): string {
    const record = typeof exported === "object" && exported !== null ? (exported as Record<string, unknown>) : {};
    return typeof record["default"] === "function"
        ? " (the module's default export is a function, which the Pulumi CLI calls only for ES modules: use `export =` in CommonJS, or \"type\": \"module\")"
        : "";
}

/**
 * Maps stack frames to the program's sources, as the language host does at start-up
 * (`require("source-map-support/register")` in the SDK's cmd/run/index.js), so that errors name
 * the TypeScript file and line. Once per process; the SDK depends on source-map-support.
 */
function installSourceMaps(sdkDir: string): void {
    try {
        require(require.resolve("source-map-support/register", { paths: [sdkDir] }));
    } catch {
        // An SDK without it: frames stay as Node gives them.
    }
}
