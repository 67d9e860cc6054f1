/**
 * Runs a Pulumi program under the SDK's mocked runtime with a stack's real config and records every
 * registration the way the engine would see it: type, name, URN, parent, dependencies,
 * propertyDependencies, provider, inputs and outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as path from "path";

import { partitionOfRegion } from "../components/iam/arns";
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, MockEnvironment, syntheticMocks } from "./mocks";
import { loadStackConfig, LoadedStackConfig } from "./stackConfig";

/** One resource as the program registered it. Values are deserialised; secrets keep their envelope. */
export interface RecordedResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** False for component resources (and the stack). */
    readonly custom: boolean;
    readonly parent?: string;
    readonly dependencies: string[];
    readonly propertyDependencies: Record<string, string[]>;
    /** The provider reference (`<urn>::<id>`), when one was given explicitly. */
    readonly provider?: string;
    readonly inputs: Record<string, unknown>;
    /** What the mocks returned (inputs plus synthesised ids and ARNs); the stack's are its outputs. */
    outputs: Record<string, unknown>;
}

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
    /** The program module. @default Pulumi.yaml's `main`, else the project folder (package.json `main`). */
    readonly program?: string;
    /** Config values that override or add to the stack file's, fully qualified. */
    readonly configOverrides?: Record<string, string>;
    /** Run as a preview. @default false */
    readonly preview?: boolean;
}

type Struct = Parameters<typeof pulumi.runtime.deserializeProperties>[0];

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getProvider(): string;
    getObject(): Struct;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { entries(): Iterable<[string, { getUrnsList(): string[] }]> };
}

type OutputsRequest = { getUrn(): string; getOutputs(): Struct };
type RegisterResponse = { getUrn(): string; getObject(): Struct };

// waitForRPCs is internal to the SDK; it is what the language host itself waits on.
const settings: { waitForRPCs(): Promise<void> } = require("@pulumi/pulumi/runtime/settings");

/** Runs the program with the stack's config under recording mocks. */
export async function runProgramMocked(options: MockRunOptions): Promise<MockedRun> {
    const loaded = loadStackConfig(options.projectDir, options.stack);
    const config = { ...loaded.config, ...options.configOverrides };
    const exported: unknown = require(path.resolve(options.projectDir, options.program ?? loaded.main ?? "."));
    const program = typeof exported === "function" ? (exported as () => unknown) : () => exported;
    return runWithMocks(program, { ...loaded, config, preview: options.preview });
}

/** Runs `program` as a stack's body under recording mocks with the given config. */
export async function runWithMocks(
    program: () => unknown,
    options: Omit<LoadedStackConfig, "secretKeys"> & { readonly secretKeys?: string[]; readonly preview?: boolean },
): Promise<MockedRun> {
    const config = options.config;
    const region = config["aws:region"] ?? DEFAULT_REGION;
    const environment: MockEnvironment = {
        accountId: config[`${options.project}:accountId`] || DEFAULT_ACCOUNT_ID,
        region,
        partition: partitionOfRegion(region),
    };
    const monitor = new RecordingMonitor(syntheticMocks(environment));
    pulumi.runtime.setMockOptions(monitor, options.project, options.stack, options.preview ?? false);
    enableMockFeatures();
    pulumi.runtime.setAllConfig(config, options.secretKeys ?? []);
    await pulumi.runtime.runInPulumiStack(async () => (await program()) as Record<string, unknown> | undefined);
    await settings.waitForRPCs();
    const stack = monitor.recorded.find(r => r.type === "pulumi:pulumi:Stack");
    return {
        resources: monitor.recorded,
        outputs: stack?.outputs ?? {},
        environment,
        config: { project: options.project, stack: options.stack, config, secretKeys: options.secretKeys ?? [] },
    };
}

/** A MockMonitor that keeps each registration request as the engine would receive it. */
class RecordingMonitor extends MockMonitor {
    public readonly recorded: RecordedResource[] = [];
    private readonly byUrn = new Map<string, RecordedResource>();

    public override async registerResource(req: RegisterRequest, callback: (err: unknown, resp: unknown) => void): Promise<void> {
        await super.registerResource(req, (err: unknown, resp: unknown) => {
            if (!err && resp) {
                this.record(req, resp as RegisterResponse);
            }
            callback(err, resp);
        });
    }

    public override registerResourceOutputs(req: OutputsRequest, callback: (err: unknown, resp: unknown) => void): void {
        const recorded = this.byUrn.get(req.getUrn());
        if (recorded && recorded.type === "pulumi:pulumi:Stack") {
            recorded.outputs = pulumi.runtime.deserializeProperties(req.getOutputs());
        }
        super.registerResourceOutputs(req, callback);
    }

    private record(req: RegisterRequest, resp: RegisterResponse): void {
        const propertyDependencies: Record<string, string[]> = {};
        for (const [key, urns] of req.getPropertydependenciesMap().entries()) {
            propertyDependencies[key] = urns.getUrnsList();
        }
        const resource: RecordedResource = {
            urn: resp.getUrn(),
            type: req.getType(),
            name: req.getName(),
            custom: req.getCustom(),
            parent: req.getParent() || undefined,
            dependencies: req.getDependenciesList(),
            propertyDependencies,
            provider: req.getProvider() || undefined,
            inputs: pulumi.runtime.deserializeProperties(req.getObject()),
            outputs: req.getCustom() ? pulumi.runtime.deserializeProperties(resp.getObject()) : {},
        };
        this.recorded.push(resource);
        this.byUrn.set(resource.urn, resource);
    }
}

/** The features `setMocks` turns on; setMockOptions alone leaves them off. */
function enableMockFeatures(): void {
    const state: { getStore(): Record<string, unknown> } = require("@pulumi/pulumi/runtime/state");
    Object.assign(state.getStore(), {
        supportsSecrets: true,
        supportsResourceReferences: true,
        supportsOutputValues: false,
        supportsDeletedWith: true,
        supportsAliasSpecs: true,
        supportsTransforms: false,
    });
}
