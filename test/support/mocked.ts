/** Helpers for tests that run components or the program under the recording mocked runtime. */
import * as pulumi from "@pulumi/pulumi";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { MockedRun, RecordedResource, runProgramMocked, runWithMocks } from "../../gate/mockRuntime";
import { loadStackConfig } from "../../gate/stackConfig";

/** The repository root, where Pulumi.yaml and the stack files live (found upwards, so compiled tests work too). */
export const REPO_ROOT = findRoot(__dirname);

function findRoot(from: string): string {
    for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "Pulumi.yaml")) && fs.existsSync(path.join(dir, "package.json"))) {
            return dir;
        }
    }
    throw new Error(`no Pulumi project above ${from}`);
}

/**
 * Runs `build` as a stack body (project assume-guard, stack "test") with optional extra config. What
 * `build` returns becomes the stack's outputs, unless it is a resource (a bare constructor call).
 */
export function runComponents(build: () => unknown, config: Record<string, string> = {}): Promise<MockedRun> {
    const body = async () => {
        const result = await build();
        return result instanceof pulumi.Resource ? undefined : result;
    };
    return runWithMocks(body, { project: "assume-guard", stack: "test", config: { "aws:region": "eu-west-1", ...config } });
}

/**
 * Runs the program with a stack file's real config (plus overrides), as `pulumi preview` runs it
 * (the example stacks' documentation CIDRs are refused by an update); `preview: false` runs it as
 * `pulumi up`.
 */
export function runStack(stack: string, configOverrides: Record<string, string> = {}, options: { readonly preview?: boolean } = {}): Promise<MockedRun> {
    return runProgramMocked({ projectDir: REPO_ROOT, stack, configOverrides, preview: options.preview ?? true });
}

/** The one resource of `type` (and `name`, when given); fails unless there is exactly one. */
export function only(run: MockedRun, type: string, name?: string): RecordedResource {
    const found = run.resources.filter(r => r.type === type && (name === undefined || r.name === name));
    assert.strictEqual(found.length, 1, `expected one ${type}${name ? ` named ${name}` : ""}, found ${found.length}: ${found.map(r => r.name).join(", ")}`);
    return found[0];
}

/** The resources of `type`. */
export function all(run: MockedRun, type: string): RecordedResource[] {
    return run.resources.filter(r => r.type === type);
}

/** Parses the JSON document held in `inputs[key]`. */
export function doc(resource: RecordedResource, key = "policy"): unknown {
    const value = resource.inputs[key];
    assert.strictEqual(typeof value, "string", `${resource.name}.${key} is not a JSON string`);
    return JSON.parse(value as string);
}

/**
 * Runs `build` (a component constructor call, or the program) as a stack body, expects it to throw,
 * and asserts that nothing but the stack itself was registered. Returns the error message.
 */
export async function refusal(build: () => unknown, config: Record<string, string> = {}): Promise<string> {
    let message: string | undefined;
    const run = await runComponents(async () => {
        try {
            await build();
        } catch (e) {
            message = (e as Error).message;
        }
    }, config);
    assert.deepStrictEqual(
        run.resources.filter(r => r.type !== "pulumi:pulumi:Stack").map(r => r.urn),
        [],
        "a refused input must register nothing",
    );
    assert.ok(message !== undefined, "expected a refusal, but the build succeeded");
    return message;
}

/**
 * Runs the program (index.ts) with a stack file's config plus `overrides`, as `pulumi up` runs it,
 * catching what it throws: the message, and the types it registered (a refusal registers only the
 * stack).
 */
export async function programRefusal(stack: string, overrides: Record<string, string>): Promise<{ message: string; types: string[] }> {
    const loaded = loadStackConfig(REPO_ROOT, stack);
    const program = require("../../index") as () => Promise<unknown>;
    let message = "";
    const run = await runWithMocks(
        async () => {
            try {
                await program();
            } catch (e) {
                message = (e as Error).message;
            }
        },
        { ...loaded, config: { ...loaded.config, ...overrides } },
    );
    return { message, types: run.resources.map(r => r.type) };
}

const tempDirs: string[] = [];

/** A fresh temporary folder, removed when the test run ends. */
export function tempDir(prefix: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    tempDirs.push(dir);
    return dir;
}

process.once("exit", () => {
    for (const dir of tempDirs) {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});
