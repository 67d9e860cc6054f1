/**
 * The process around one program run, set up as the language host sets it up and put back after:
 * the working directory is the program's, `process.argv` has no gate flags, the program's output is
 * captured (it would corrupt a report on stdout; `--verbose` shows it), every uncaught exception and
 * unhandled rejection is kept as a failure of the run, `process.exit` cannot end the gate, and
 * program modules loaded for the run are forgotten afterwards so that a second run in the same
 * process evaluates them again. With `stackTraces`, errors keep at least 10 frames (Node's default),
 * which a caller may have turned off: the program's file and line are read from them.
 */
import * as path from "path";

/** Thrown in place of exiting when the program calls `process.exit`. */
export class ProgramExit extends Error {
    public constructor(public readonly code: number | string | undefined) {
        super(`the program called process.exit(${code ?? ""}) before it finished`);
        this.name = "ProgramExit";
    }
}

// `beforeExit` listeners that were there before any program ran (the gate's, a test runner's).
const baselineBeforeExit = new Set(process.listeners("beforeExit"));

/** One run's process state. */
export class ProgramSession {
    /** Uncaught exceptions and unhandled rejections, in order. */
    public readonly failures: unknown[] = [];
    /** Settles at the first failure: the run is lost from there, whatever else still waits. */
    public readonly failed: Promise<void>;
    /** What the program wrote to stdout and stderr. */
    public output = "";
    private fail: () => void = () => undefined;
    private readonly undo: (() => void)[] = [];
    private readonly cached: Set<string>;

    /** Starts the session: from here the process is the program's. */
    public constructor(
        private readonly pwd: string,
        private readonly projectRoot: string,
        stackTraces: boolean,
    ) {
        this.failed = new Promise(resolve => (this.fail = resolve));
        this.cached = new Set(Object.keys(require.cache));
        const cwd = process.cwd();
        process.chdir(pwd);
        this.undo.push(() => process.chdir(cwd));
        const argv = process.argv;
        process.argv = argv.slice(0, 2);
        this.undo.push(() => (process.argv = argv));
        this.capture(process.stdout);
        this.capture(process.stderr);
        for (const event of ["uncaughtException", "unhandledRejection"]) {
            const emitter = process as unknown as NodeJS.EventEmitter;
            const saved = emitter.listeners(event) as ((...args: unknown[]) => void)[];
            emitter.removeAllListeners(event);
            const listener = (e: unknown) => {
                this.failures.push(e);
                this.fail();
            };
            emitter.on(event, listener);
            this.undo.push(() => {
                emitter.removeListener(event, listener);
                saved.forEach(l => emitter.on(event, l));
            });
        }
        const exit = process.exit;
        process.exit = ((code?: number | string) => {
            throw new ProgramExit(code);
        }) as typeof process.exit;
        this.undo.push(() => (process.exit = exit));
        if (stackTraces) {
            const limit = Error.stackTraceLimit;
            Error.stackTraceLimit = Math.max(limit, 10); // the program's file and line come from stacks
            this.undo.push(() => (Error.stackTraceLimit = limit));
        }
    }

    /** Registers an undo step (a TypeScript registration, say). */
    public onEnd(step: () => void): void {
        this.undo.push(step);
    }

    /**
     * Emits `beforeExit` to the listeners the program's libraries added, as the process would before
     * it exits (@pulumi/aws creates S3 bucket notifications there). Returns whether there were any.
     */
    public emitBeforeExit(): boolean {
        const listeners = process.listeners("beforeExit").filter(l => !baselineBeforeExit.has(l));
        listeners.forEach(l => (l as (code: number) => void)(0));
        return listeners.length > 0;
    }

    /** Puts the process back. */
    public end(): void {
        for (const step of this.undo.reverse()) {
            step();
        }
        this.undo.length = 0;
        const gate = path.resolve(__dirname);
        for (const key of Object.keys(require.cache)) {
            const inProject = !path.relative(this.projectRoot, key).startsWith("..") || !path.relative(this.pwd, key).startsWith("..");
            if (!this.cached.has(key) && inProject && !key.split(path.sep).includes("node_modules") && !key.startsWith(gate + path.sep)) {
                delete require.cache[key];
            }
        }
    }

    private capture(stream: NodeJS.WriteStream): void {
        const write = stream.write;
        stream.write = ((chunk: unknown, ...rest: unknown[]) => {
            this.output += typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8");
            const done = rest.find(r => typeof r === "function") as (() => void) | undefined;
            done?.();
            return true;
        }) as typeof stream.write;
        this.undo.push(() => (stream.write = write));
    }
}
