/**
 * Runs the pack over a program's mocked run or a stack export and builds the report. The rules are
 * the pack's own (`policypack/policies.ts`), run by the pack's host exactly as the policy runtime
 * runs them: there is no second implementation of any rule here.
 */
import * as fs from "fs";
import * as path from "path";

import { HostResource, runPolicies } from "../policypack/host";
import { policies } from "../policypack/policies";
import { buildAccessMap } from "./accessMap";
import { PACK_NAME } from "../policypack/lib/pack";
import type * as MockRuntime from "./mockRuntime";
import type * as PolicyConfigModule from "./policyConfig";
import { GateReport } from "./report/model";
import { fromMockedRun, InputResource, SecretScrubber } from "./resources";
import { repositoryRoot, rootRelative } from "./sourceLocation";
import type { ConfigSettings } from "./stackConfig";
import { parseStateExport } from "./stateExport";
import { programLines, verdictOf } from "./verdict";

/** What to judge. Exactly one of `stack` and `stateFile`. */
export interface JudgeOptions {
    /** The project folder (Pulumi.yaml, Pulumi.<stack>.yaml). */
    readonly projectDir: string;
    readonly stack?: string;
    readonly stateFile?: string;
    /** A `--policy-pack-config` JSON file. */
    readonly policyConfigFile?: string;
    /** `--config KEY=VALUE` settings (and `--config-path`). */
    readonly config?: ConfigSettings;
    /** `--invoke-results FILE`: recorded answers for invokes that need the cloud. */
    readonly invokeResultsFile?: string;
    /**
     * `--first-preview`: resources output only their inputs, so every computed output (ARNs, IDs) is
     * unknown, as in the first `pulumi preview` of a new stack.
     */
    readonly firstPreview?: boolean;
    /** Where the program's own output goes (`--verbose`); dropped when absent. */
    readonly log?: (s: string) => void;
}

/** Judges the input and returns the report. Throws on unusable input (the CLI exits 2). */
export async function judge(o: JudgeOptions): Promise<GateReport> {
    const config = o.policyConfigFile ? readPolicyConfig(o.policyConfigFile) : {};
    const scrubber = new SecretScrubber();
    // Paths in reports are relative to the repository holding the project (GitHub reads them so).
    const root = repositoryRoot(o.projectDir);
    let resources: InputResource[];
    let source: string;
    let artifact: string;
    let programWarnings: readonly string[] = [];
    if (o.stateFile !== undefined) {
        let text: string;
        try {
            text = fs.readFileSync(o.stateFile, "utf8");
        } catch (e) {
            throw new Error(`cannot read ${o.stateFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        }
        resources = parseStateExport(text, o.stateFile, scrubber, o.projectDir);
        source = `state ${o.stateFile}`;
        artifact = rootRelative(root, path.resolve(o.stateFile));
    } else {
        const stack = o.stack as string;
        // Loaded here: the mocked runtime brings all of @pulumi/pulumi, which judging an export never needs.
        const { runProgramMocked } = require("./mockRuntime") as typeof MockRuntime;
        const run = await runProgramMocked({
            projectDir: o.projectDir,
            stack,
            program: compiledProgram(o.projectDir),
            cliConfig: o.config,
            invokeResultsFile: o.invokeResultsFile,
            log: o.log,
            preview: true, // as `pulumi preview` runs it: a value nobody can know offline stays unknown
            outputs: o.firstPreview ? "inputs-only" : "synthetic",
            stackTraces: true,
        });
        resources = fromMockedRun(run.resources, scrubber);
        programWarnings = run.warnings.map(w => scrubber.scrub(w));
        source = `stack ${stack}${o.firstPreview ? " (first preview)" : ""}`;
        artifact = rootRelative(root, path.resolve(o.projectDir, `Pulumi.${stack}.yaml`));
    }
    if (!resources.some(r => r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:"))) {
        throw new Error(`${source} has no resources besides the stack and its providers; nothing to judge`);
    }
    const hostResources = toHostResources(resources);
    const result = await runPolicies(policies, hostResources, config);
    return {
        source,
        artifact,
        resourcesJudged: resources.length,
        resourceTypes: countTypes(resources),
        ...verdictOf(result, resources, config, scrubber, programLines(resources, root)),
        programWarnings,
        packVersion: packVersion(),
        accessMap: buildAccessMap(hostResources),
    };
}

/**
 * Gives each resource its provider, as the policy runtime does. The resources of one provider share
 * one description of it (the host makes each policy's provider object from it).
 */
export function toHostResources(resources: readonly InputResource[]): HostResource[] {
    const byUrn = new Map(resources.map(r => [r.urn, r]));
    const providers = new Map<string, HostResource["provider"]>();
    const providerOf = (urn: string): HostResource["provider"] => {
        if (!providers.has(urn)) {
            const p = byUrn.get(urn);
            providers.set(urn, p ? { urn: p.urn, type: p.type, name: p.name, props: p.props } : undefined);
        }
        return providers.get(urn);
    };
    return resources.map(r => {
        const providerUrn = r.provider ? r.provider.slice(0, r.provider.lastIndexOf("::")) : undefined;
        const provider = providerUrn ? providerOf(providerUrn) : undefined;
        return {
            urn: r.urn,
            type: r.type,
            name: r.name,
            props: r.props,
            parent: r.parent,
            dependencies: r.dependencies,
            propertyDependencies: r.propertyDependencies,
            provider,
        };
    });
}

/** Resources per type, types in sorted order. */
export function countTypes(resources: readonly { readonly type: string }[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const type of resources.map(r => r.type).sort()) {
        counts[type] = (counts[type] ?? 0) + 1;
    }
    return counts;
}

/**
 * The pack's config from a `--policy-pack-config` file, reconciled and validated exactly as the engine
 * does it (./policyConfig.ts), in the shape the host reads; a policy name the pack does not have is
 * refused too (the engine ignores it, so a typo would silently drop a setting).
 */
export function readPolicyConfig(file: string): Record<string, Record<string, unknown>> {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new Error(`cannot read policy config ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (text.trim() === "") {
        return {}; // the engine accepts an empty file
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (e) {
        throw new Error(`policy config ${file} is not JSON: ${(e as Error).message}`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw new Error(`policy config ${file} must be a JSON object of policy names to settings, as for --policy-pack-config`);
    }
    // Loaded here: JSON Schema validation is only needed when there is a config to validate.
    const { packInfo, parseConfigFile, reconcileConfig, unknownPolicies } = require("./policyConfig") as typeof PolicyConfigModule;
    const info = packInfo(PACK_NAME, policies);
    try {
        const { environments } = parseConfigFile(parsed as Record<string, unknown>);
        if (environments.length > 0) {
            throw new Error(`it names Pulumi ESC environments (${environments.join(", ")}), which the offline gate cannot open; put their settings in the file`);
        }
        const unknown = unknownPolicies(info, parsed as Record<string, unknown>);
        if (unknown.length > 0) {
            throw new Error(`no policy ${unknown.join(", ")} in pack ${PACK_NAME}; the engine would ignore ${unknown.length > 1 ? "these entries" : "this entry"} silently`);
        }
        const reconciled = reconcileConfig(info, parsed as Record<string, unknown>);
        return Object.fromEntries(Object.entries(reconciled).map(([name, c]) => [name, { ...c.properties, ...(c.enforcementLevel ? { enforcementLevel: c.enforcementLevel } : {}) }]));
    } catch (e) {
        throw new Error(`policy config ${file}: ${(e as Error).message}`);
    }
}

/**
 * assume-guard's own program (a project with `scripts/build-root.js`): its compiled JavaScript under
 * bin/ when the build says bin/ matches the sources (`npm ci` builds it), which starts much faster
 * than compiling the TypeScript; undefined for any other project, or a stale build.
 */
function compiledProgram(projectDir: string): string | undefined {
    const builder = path.join(projectDir, "scripts", "build-root.js");
    const compiled = path.join(projectDir, "bin", "index.js");
    if (!fs.existsSync(builder) || !fs.existsSync(compiled) || !fs.existsSync(path.join(projectDir, "index.ts"))) {
        return undefined;
    }
    const { rootBuildFresh } = require(builder) as { rootBuildFresh(): boolean };
    return rootBuildFresh() ? compiled : undefined;
}

/** The pack's version, from its package.json. */
export function packVersion(): string {
    // From gate/ (ts-node) or bin/gate/ (compiled): the pack's package.json is one or two levels up.
    const file = [path.join(__dirname, "..", "policypack", "package.json"), path.join(__dirname, "..", "..", "policypack", "package.json")].find(f =>
        fs.existsSync(f),
    );
    return file ? (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version : "unknown";
}
