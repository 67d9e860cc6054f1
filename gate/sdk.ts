/**
 * The `@pulumi/pulumi` a program loads, found from the program's folder as Node resolves it, and the
 * parts of its runtime the gate drives: the mocks run through that same copy, so that the resources
 * the program registers are recorded whatever SDK version it was installed with. The runtime's state
 * (monitor, config, stack) lives on `global`, shared by every copy loaded in the process, which is
 * why the copies the program's libraries may bring (@pulumi/aws's own, say) reach the same monitor.
 */
import type * as MocksModule from "@pulumi/pulumi/runtime/mocks";
import type * as RpcModule from "@pulumi/pulumi/runtime/rpc";
import * as fs from "fs";
import * as path from "path";

/** Thrown when the program's SDK cannot be found or lacks what the gate needs. */
export class SdkError extends Error {}

/** The runtime store fields the gate reads (runtime/state.js `LocalStore`). */
export interface RuntimeStore {
    logErrorCount?: number;
    leakCandidates?: Set<{ _debugCtx?: string }>;
    settings: { monitor?: unknown };
}

/** One loaded copy of @pulumi/pulumi. */
export interface Sdk {
    /** Its folder. */
    readonly dir: string;
    readonly version: string;
    readonly MockMonitor: typeof MocksModule.MockMonitor;
    setMocks(mocks: unknown, project: string, stack: string, preview: boolean, organization?: string): Promise<void> | void;
    waitForRPCs(): Promise<void>;
    getStore(): RuntimeStore;
    runInPulumiStack(init: () => Promise<unknown>): Promise<Record<string, unknown> | undefined>;
    deserializeProperties: typeof RpcModule.deserializeProperties;
    setAllConfig(config: Record<string, string>, secretKeys?: string[]): void;
    /** `tsutils.typeScriptRequireStrings`: the typescript and ts-node this copy would compile with. */
    typeScriptRequireStrings(): { tsnodeRequire: string; typescriptRequire: string };
    /** `tsutils.loadTypeScriptCompilerOptions`. */
    loadTypeScriptCompilerOptions(tsconfig: string): Record<string, unknown>;
}

const loaded = new Map<string, Sdk>();

/** The SDK the gate itself was installed with. */
export function gateSdk(): Sdk {
    return sdkAt(path.dirname(require.resolve("@pulumi/pulumi/package.json")));
}

/** The @pulumi/pulumi a module in `dir` loads. */
export function programSdk(dir: string): Sdk {
    let manifest: string;
    try {
        manifest = require.resolve("@pulumi/pulumi/package.json", { paths: [dir] });
    } catch {
        throw new SdkError(`the program in ${dir} cannot load @pulumi/pulumi: it looks like the Pulumi SDK has not been installed; run npm install in the project folder`);
    }
    return sdkAt(path.dirname(fs.realpathSync(manifest)));
}

function sdkAt(dir: string): Sdk {
    const hit = loaded.get(dir);
    if (hit) {
        return hit;
    }
    const version = (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
    const part = <T>(module: string, name: string, kind: "function" | "object" = "function"): T => {
        let m: Record<string, unknown>;
        try {
            m = require(path.join(dir, module)) as Record<string, unknown>;
        } catch (e) {
            throw new SdkError(`the program's @pulumi/pulumi ${version} (${dir}) cannot load ${module}: ${(e as Error).message.split("\n")[0]}`);
        }
        if (typeof m[name] !== kind) {
            throw new SdkError(
                `the program's @pulumi/pulumi ${version} (${dir}) has no ${module}.${name}, which the gate needs to run it under mocks; ` +
                    `upgrade it (npm install @pulumi/pulumi@^${gateVersion()}) in the project folder`,
            );
        }
        return m[name] as T;
    };
    const sdk: Sdk = {
        dir,
        version,
        MockMonitor: part("runtime/mocks", "MockMonitor"),
        setMocks: part("runtime/mocks", "setMocks"),
        waitForRPCs: part("runtime/settings", "waitForRPCs"),
        getStore: part("runtime/state", "getStore"),
        runInPulumiStack: part("runtime/stack", "runInPulumiStack"),
        deserializeProperties: part("runtime/rpc", "deserializeProperties"),
        setAllConfig: part("runtime/config", "setAllConfig"),
        typeScriptRequireStrings: part("tsutils", "typeScriptRequireStrings"),
        loadTypeScriptCompilerOptions: part("tsutils", "loadTypeScriptCompilerOptions"),
    };
    loaded.set(dir, sdk);
    return sdk;
}

function gateVersion(): string {
    return (JSON.parse(fs.readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")) as { version: string }).version;
}
