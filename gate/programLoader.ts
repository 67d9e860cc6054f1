/**
 * Loads a Pulumi program the way the Node.js language host's `run` does (@pulumi/pulumi
 * cmd/run/run.js): the entry point from Pulumi.yaml's `main`, else package.json `exports`/`main`;
 * TypeScript through ts-node with the project's tsconfig.json (found in the program's working
 * directory, or `runtime.options.tsconfig`), in automatic ESM mode through the SDK's own loader
 * hooks when the package is `"type": "module"`; `require` for CommonJS, `import()` for ES modules,
 * whose `default` export is the program. One difference: the gate only transpiles (type errors are
 * the compiler's business, as with `PULUMI_NODEJS_TRANSPILE_ONLY=true`).
 *
 * Must be called with the working directory already set to the program's folder.
 */
import * as fs from "fs";
import { register } from "module";
import * as path from "path";
import { pathToFileURL } from "url";

import { ProgramError } from "./programError";
import type { Sdk } from "./sdk";

/** What to load. */
export interface LoadPlan {
    /** The program's working directory (absolute). */
    readonly pwd: string;
    /** `.` or a file in `pwd`, as getPwdMain gives it. */
    readonly entry: string;
    /** Compile TypeScript (runtime.options.typescript). */
    readonly typescript: boolean;
    /** runtime.options.tsconfig, relative to `pwd`. */
    readonly tsconfig?: string;
}

/** A loaded program: what its module exports (a function is the program body) and the file it came from. */
export interface LoadedProgram {
    readonly exported: unknown;
    readonly file: string;
}

/** Registers TypeScript support for the program (before the stack starts); returns how to undo it. */
export function registerTypeScript(plan: LoadPlan, sdk: Sdk): () => void {
    if (!plan.typescript) {
        return () => undefined;
    }
    const tsconfig = path.resolve(plan.pwd, plan.tsconfig ?? "tsconfig.json");
    const skipProject = !fs.existsSync(tsconfig);
    if (skipProject && plan.tsconfig !== undefined) {
        throw new ProgramError(`tsconfig path was set to ${plan.tsconfig} but the file was not found (runtime.options.tsconfig in Pulumi.yaml)`);
    }
    const compilerOptions = skipProject ? {} : sdk.loadTypeScriptCompilerOptions(tsconfig);
    const { tsnodeRequire, typescriptRequire } = sdk.typeScriptRequireStrings();
    const options = { compiler: typescriptRequire, transpileOnly: true, project: tsconfig, skipProject, compilerOptions: {} as Record<string, unknown> };
    const tsVersion = (require(typescriptRequire) as { version: string }).version;
    const modern = compareVersions(tsVersion, "4.7.0") >= 0;
    const hooks = path.join(sdk.dir, "cmd", "run", "hooks.js");
    if (packageOf(plan).type === "module" && compareVersions(tsVersion, "4.7.0") > 0 && canResolve("ts-node/esm", sdk.dir) && fs.existsSync(hooks)) {
        options.compilerOptions = { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", sourceMap: "true", ...compilerOptions };
        registerEsmHooks(hooks, options);
        return () => undefined; // module hooks cannot be unregistered; they only compile .ts/.mts files
    }
    options.compilerOptions = {
        target: "ES2020",
        module: modern ? "nodenext" : "commonjs",
        moduleResolution: modern ? "nodenext" : "node",
        sourceMap: "true",
        ...compilerOptions,
    };
    // A ts-node registered before (the gate's own, run from source) would compile the program first,
    // with its own options: it stands aside for the run.
    const holder = process as unknown as Record<symbol, TsNodeService | undefined>;
    const previous = holder[TS_NODE_INSTANCE];
    const wasEnabled = previous?.enabled() ?? false;
    previous?.enabled(false);
    const service = (require(tsnodeRequire) as { register(o: unknown): TsNodeService }).register(options);
    return () => {
        service.enabled(false);
        previous?.enabled(wasEnabled);
        holder[TS_NODE_INSTANCE] = previous;
    };
}

/** A registered ts-node service. */
interface TsNodeService {
    enabled(on?: boolean): boolean;
}

/** Where ts-node keeps the service it registered. */
const TS_NODE_INSTANCE = Symbol.for("ts-node.register.instance");

const esmHooks = new Set<string>();

/**
 * Registers the SDK's ESM hooks (cmd/run/hooks.js). Those call ts-node's `register` when the hooks
 * module is evaluated, before Node hands them the options, so ts-node falls back to its defaults
 * and its environment variables; the options reach it here through those variables (the hooks
 * thread copies the environment when it starts), as run.js means them to.
 */
function registerEsmHooks(hooks: string, options: { transpileOnly: boolean; project: string; skipProject: boolean; compiler: string; compilerOptions: unknown }): void {
    const key = `${hooks}\u0000${JSON.stringify(options)}`;
    if (esmHooks.has(key)) {
        return;
    }
    esmHooks.add(key);
    const env: Record<string, string> = {
        TS_NODE_TRANSPILE_ONLY: String(options.transpileOnly),
        TS_NODE_COMPILER: options.compiler,
        TS_NODE_COMPILER_OPTIONS: JSON.stringify(options.compilerOptions),
        ...(options.skipProject ? { TS_NODE_SKIP_PROJECT: "true" } : { TS_NODE_PROJECT: options.project }),
    };
    const saved = Object.fromEntries(Object.keys(env).concat("TS_NODE_SKIP_PROJECT", "TS_NODE_PROJECT").map(k => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
        register(pathToFileURL(hooks).href, { parentURL: pathToFileURL(hooks), data: options });
    } finally {
        for (const [k, v] of Object.entries(saved)) {
            if (v === undefined) {
                delete process.env[k];
            } else {
                process.env[k] = v;
            }
        }
    }
}

/** The program's package.json (found upwards from the program), or {}. */
export function packageOf(plan: LoadPlan): Record<string, unknown> {
    const root = packageRoot(plan);
    try {
        return JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as Record<string, unknown>;
    } catch {
        return {};
    }
}

function packageRoot(plan: LoadPlan): string {
    const program = path.join(plan.pwd, plan.entry);
    const start = fs.existsSync(program) && fs.statSync(program).isDirectory() ? program : path.dirname(program);
    for (let dir = start; ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "package.json"))) {
            return dir;
        }
        if (path.dirname(dir) === dir) {
            return start;
        }
    }
}

/** The program's entry file or folder, with package.json `exports`/`main` when Pulumi.yaml gives no `main` file. */
export function entryPoint(plan: LoadPlan): string {
    const program = path.join(plan.pwd, plan.entry);
    if (plan.entry !== ".") {
        return program;
    }
    const pkg = packageOf(plan);
    const root = packageRoot(plan);
    const exportsField = pkg["exports"];
    const dot = typeof exportsField === "object" && exportsField !== null ? (exportsField as Record<string, unknown>)["."] : undefined;
    const named =
        typeof exportsField === "string"
            ? exportsField
            : typeof dot === "string"
              ? dot
              : typeof dot === "object" && dot !== null
                ? ["default", "require", "import"].map(k => (dot as Record<string, unknown>)[k]).find(v => typeof v === "string")
                : exportsField === undefined && typeof pkg["main"] === "string" && pkg["main"] !== ""
                  ? pkg["main"]
                  : undefined;
    return typeof named === "string" && fs.existsSync(path.join(root, named)) ? path.join(root, named) : program;
}

const imported = new Map<string, number>();
const dynamicImport = new Function("u", "return import(u)") as (url: string) => Promise<Record<string, unknown>>;

/** Loads the program module (inside the stack, so that top-level registrations belong to it). */
export async function loadProgram(plan: LoadPlan): Promise<LoadedProgram> {
    const program = entryPoint(plan);
    if (packageOf(plan).type !== "module") {
        const isDir = fs.existsSync(program) && fs.statSync(program).isDirectory();
        const target = isDir && !program.endsWith("/") ? `${program}/` : program;
        return { exported: require(target), file: require.resolve(target) };
    }
    let main = fs.realpathSync(path.resolve(program));
    if (fs.statSync(main).isDirectory()) {
        const index = ["index.js", "index.mjs", "index.ts", "index.mts"].find(f => fs.existsSync(path.join(main, f)));
        if (!index) {
            throw new ProgramError(`No entrypoint found in ${main}`);
        }
        main = path.join(main, index);
    }
    // A module is evaluated once per process; a second run in the same process (tests) gets a fresh copy.
    const runs = imported.get(main) ?? 0;
    imported.set(main, runs + 1);
    const url = pathToFileURL(main).href + (runs > 0 ? `?assume-guard-run=${runs}` : "");
    let exported: unknown = await dynamicImport(url);
    const ns = exported as Record<string, unknown>;
    if (Object.getOwnPropertyDescriptor(ns, "default") !== undefined) {
        if (Object.keys(ns).length !== 1) {
            throw new ProgramError(`${main}: expected entrypoint module to have either a default export or named exports but not both`);
        }
        exported = ns["default"];
    }
    return { exported, file: main };
}

function canResolve(request: string, from: string): boolean {
    try {
        require.resolve(request, { paths: [from] });
        return true;
    } catch {
        return false;
    }
}

function compareVersions(a: string, b: string): number {
    const pa = a.split(/[.-]/).map(n => parseInt(n, 10) || 0);
    const pb = b.split(/[.-]/).map(n => parseInt(n, 10) || 0);
    for (let i = 0; i < 3; i++) {
        if (pa[i] !== pb[i]) {
            return pa[i] - pb[i];
        }
    }
    return 0;
}
