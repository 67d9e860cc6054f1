/**
 * TypeScript for a program, set up as the Node.js language host's `run` does (@pulumi/pulumi
 * cmd/run/run.js): ts-node with the project's tsconfig.json (in the program's working directory, or
 * `runtime.options.tsconfig`) over the SDK's defaults, using the typescript and ts-node the SDK finds;
 * in automatic ESM mode (`"type": "module"`, TypeScript > 4.7, ts-node/esm available) through the SDK's
 * own loader hooks. The gate only transpiles (as with `PULUMI_NODEJS_TRANSPILE_ONLY=true`).
 */
import * as fs from "fs";
import { register } from "module";
import * as path from "path";
import { pathToFileURL } from "url";

import { ProgramError } from "./programError";
import { LoadPlan, packageOf } from "./programLoader";
import type { Sdk } from "./sdk";

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
    const wasEnabled = previous?.enabled?.() ?? false;
    previous?.enabled?.(false);
    const service = (require(tsnodeRequire) as { register(o: unknown): TsNodeService }).register(options);
    return () => {
        service.enabled?.(false); // ts-node 7 (the SDK's vendored fallback) cannot be switched off
        previous?.enabled?.(wasEnabled);
        holder[TS_NODE_INSTANCE] = previous;
    };
}

/** A registered ts-node service (ts-node 7, which the SDK falls back to, has no `enabled`). */
interface TsNodeService {
    enabled?(on?: boolean): boolean;
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
