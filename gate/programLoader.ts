/**
 * Loads a Pulumi program the way the Node.js language host's `run` does (@pulumi/pulumi
 * cmd/run/run.js): the entry point from Pulumi.yaml's `main`, else package.json `exports`/`main`;
 * `require` for CommonJS, `import()` for ES modules, whose `default` export is the program.
 * TypeScript is set up before by ./typescript.ts.
 *
 * Must be called with the working directory already set to the program's folder.
 */
import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";

import { ProgramError } from "./programError";

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
