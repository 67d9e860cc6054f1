/**
 * A mock monitor that keeps each registration request as the engine would receive it, built on the
 * `MockMonitor` of whichever @pulumi/pulumi copy runs the program.
 */
import type { Mocks } from "@pulumi/pulumi/runtime/mocks";

import type { Sdk } from "./sdk";
import { positionFromUri, RegistrationTrace, SourcePosition } from "./sourceLocation";

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
    /** Where the program constructed it, as the SDK sent it (gate/sourceLocation.ts). */
    readonly trace: RegistrationTrace;
}

type Struct = Parameters<Sdk["deserializeProperties"]>[0];

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getProvider(): string;
    getObject(): Struct;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { entries(): Iterable<[string, { getUrnsList(): string[] }]> };
    /** Since @pulumi/pulumi 3.76 (older SDKs lack it). */
    getSourceposition?(): WirePosition | undefined;
    /** Since @pulumi/pulumi 3.194: the frames, innermost first. */
    getStacktrace?(): { getFramesList(): { getPc(): WirePosition | undefined }[] } | undefined;
}

interface WirePosition {
    getUri(): string;
    getLine(): number;
    getColumn(): number;
}

type OutputsRequest = { getUrn(): string; getOutputs(): Struct };
type RegisterResponse = { getUrn(): string; getObject(): Struct };
type Callback = (err: unknown, resp: unknown) => void;

/** A recording monitor: the SDK's MockMonitor plus what it recorded. */
export interface RecordingMonitor {
    readonly recorded: RecordedResource[];
    /**
     * Invokes and registrations the mocks could not answer, one line each. The program may have caught
     * the error and gone on without the value: the run is then not whole, whatever the program did.
     */
    readonly unanswered: string[];
}

/** A recording monitor over `sdk`'s MockMonitor, answering with `mocks`. */
export function recordingMonitor(sdk: Sdk, mocks: Mocks): RecordingMonitor {
    const deserialize = sdk.deserializeProperties;
    class Recording extends sdk.MockMonitor {
        public readonly recorded: RecordedResource[] = [];
        public readonly unanswered: string[] = [];
        private readonly byUrn = new Map<string, RecordedResource>();

        public override async registerResource(req: RegisterRequest, callback: Callback): Promise<void> {
            await super.registerResource(req, (err: unknown, resp: unknown) => {
                if (err) {
                    this.unanswered.push(`registering ${req.getType()} ${req.getName()} failed: ${firstLine(err)}`);
                } else if (resp) {
                    this.record(req, resp as RegisterResponse);
                }
                callback(err, completed(resp));
            });
        }

        public override async readResource(req: unknown, callback: Callback): Promise<void> {
            await super.readResource(req, (err: unknown, resp: unknown) => callback(err, completed(resp)));
        }

        public override async invoke(req: { getTok(): string }, callback: Callback): Promise<void> {
            await super.invoke(req, (err: unknown, resp: unknown) => {
                if (err) {
                    // The mocks' errors name the invoke token and the fix.
                    this.unanswered.push(firstLine(err));
                }
                callback(err, resp);
            });
        }

        public override registerResourceOutputs(req: OutputsRequest, callback: Callback): void {
            const recorded = this.byUrn.get(req.getUrn());
            if (recorded && recorded.type === "pulumi:pulumi:Stack") {
                recorded.outputs = deserialize(req.getOutputs());
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
                inputs: deserialize(req.getObject()),
                outputs: req.getCustom() ? deserialize(resp.getObject()) : {},
                trace: traceOf(req),
            };
            this.recorded.push(resource);
            this.byUrn.set(resource.urn, resource);
        }
    }
    return new Recording(mocks);
}

/** The registration's source position and stack, as the SDK sent them. */
function traceOf(req: RegisterRequest): RegistrationTrace {
    const read = (p: WirePosition | undefined) => (p ? positionFromUri(p.getUri(), p.getLine(), p.getColumn()) : undefined);
    const position = read(req.getSourceposition?.());
    const frames = req.getStacktrace?.()?.getFramesList();
    const stack = frames?.flatMap(f => read(f.getPc()) ?? []);
    return { ...(position ? { position } : {}), ...(stack ? { stack: stack as SourcePosition[] } : {}) };
}

/**
 * A response of the program's MockMonitor, with what newer copies of the SDK read from it and an older
 * copy's message classes lack: a program on SDK 3.150 whose @pulumi/aws brings 3.276 has 3.276 read
 * `getResult()` and `getUnknown()` from 3.150's messages. Mocks always succeed and know every value.
 */
function completed(resp: unknown): unknown {
    if (typeof resp === "object" && resp !== null) {
        const message = resp as { getResult?: () => number; getUnknown?: () => boolean };
        message.getResult ??= () => 0; // resource.proto Result.SUCCESS
        message.getUnknown ??= () => false;
    }
    return resp;
}

function firstLine(e: unknown): string {
    return (e instanceof Error ? e.message : String(e)).split("\n")[0];
}
