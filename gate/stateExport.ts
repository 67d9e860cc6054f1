/**
 * Reads a `pulumi stack export` file (deployment version 3) into the resources the pack judges.
 *
 * Real exports carry providers, component resources, pending operations and secrets. Secrets are
 * `{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", …}` envelopes holding
 * either `ciphertext` (the default export) or `plaintext` (`--show-secrets`). Ciphertext stays a
 * placeholder; plaintext is handed to the rules (as the policy runtime does) and recorded so that
 * reports can scrub it: the gate never prints a secret. Where each resource was registered comes
 * from its `sourcePosition` and `stackTrace` (`project:///index.ts#34,18`, relative to the project
 * folder: `projectDir`, the working directory unless given).
 */
import type { InputResource, SecretScrubber } from "./resources";
import { positionFromState, RegistrationTrace, SourcePosition } from "./sourceLocation";

/** Thrown when a file is not a usable stack export. The message is one line. */
export class StateExportError extends Error {}

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** What an encrypted secret reads as offline. */
export const SECRET_CIPHERTEXT_PLACEHOLDER = "[secret]";

interface ExportedResource {
    urn?: unknown;
    type?: unknown;
    custom?: unknown;
    inputs?: unknown;
    outputs?: unknown;
    parent?: unknown;
    dependencies?: unknown;
    propertyDependencies?: unknown;
    provider?: unknown;
    delete?: unknown;
    sourcePosition?: unknown;
    stackTrace?: unknown;
}

/** Parses the text of a stack export. */
export function parseStateExport(text: string, source: string, scrubber: SecretScrubber, projectDir = process.cwd()): InputResource[] {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (e) {
        throw new StateExportError(`${source} is not JSON (${(e as Error).message}); expected the output of pulumi stack export`);
    }
    return readStateExport(parsed, source, scrubber, projectDir);
}

/** Reads a parsed stack export (`source` names it in errors). */
export function readStateExport(parsed: unknown, source: string, scrubber: SecretScrubber, projectDir = process.cwd()): InputResource[] {
    if (!isObject(parsed) || !("deployment" in parsed) || !("version" in parsed)) {
        throw new StateExportError(`${source} is not a stack export: expected {"version": 3, "deployment": {...}} from pulumi stack export`);
    }
    if (parsed["version"] !== 3) {
        throw new StateExportError(`${source} is a stack export of deployment version ${JSON.stringify(parsed["version"])}; only version 3 is supported (pulumi stack export from CLI v3)`);
    }
    const deployment = parsed["deployment"];
    const resources = isObject(deployment) ? (deployment["resources"] ?? []) : undefined;
    if (!Array.isArray(resources)) {
        throw new StateExportError(`${source}: deployment.resources is not a list; the file is not a usable stack export`);
    }
    const out: InputResource[] = [];
    resources.forEach((r: ExportedResource, i) => {
        if (!isObject(r) || typeof r.urn !== "string" || typeof r.type !== "string") {
            throw new StateExportError(`${source}: deployment.resources[${i}] has no urn or type; the file is not a usable stack export`);
        }
        if (r.delete === true) {
            return; // pending deletion of a replaced resource: not part of the stack's future
        }
        const props = isObject(r.outputs) && Object.keys(r.outputs).length > 0 ? r.outputs : isObject(r.inputs) ? r.inputs : {};
        out.push({
            urn: r.urn,
            type: r.type,
            name: nameOfUrn(r.urn),
            custom: r.custom === true,
            props: unwrapSecrets(props, scrubber) as Record<string, unknown>,
            parent: typeof r.parent === "string" ? r.parent : undefined,
            dependencies: stringList(r.dependencies),
            propertyDependencies: isObject(r.propertyDependencies)
                ? Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, stringList(v)]))
                : {},
            provider: typeof r.provider === "string" && r.provider !== "" ? r.provider : undefined,
            ...traceOf(r, projectDir),
        });
    });
    return out;
}

/** The resource's registration trace, when the export has one. */
function traceOf(r: ExportedResource, projectDir: string): { trace?: RegistrationTrace } {
    const position = positionFromState(r.sourcePosition, projectDir);
    const stack = Array.isArray(r.stackTrace)
        ? r.stackTrace.flatMap(f => (isObject(f) ? (positionFromState(f["sourcePosition"], projectDir) ?? []) : [])) as SourcePosition[]
        : undefined;
    return position || stack ? { trace: { ...(position ? { position } : {}), ...(stack ? { stack } : {}) } } : {};
}

/** The resource name: the last `::` segment of its URN. */
export function nameOfUrn(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}

/** Replaces secret envelopes by their value (plaintext, recorded for scrubbing) or a placeholder. */
export function unwrapSecrets(value: unknown, scrubber: SecretScrubber): unknown {
    if (Array.isArray(value)) {
        return value.map(v => unwrapSecrets(v, scrubber));
    }
    if (!isObject(value)) {
        return value;
    }
    if (value[SIG_KEY] === SECRET_SIG) {
        if ("plaintext" in value && typeof value["plaintext"] === "string") {
            let inner: unknown;
            try {
                inner = JSON.parse(value["plaintext"]);
            } catch {
                inner = value["plaintext"];
            }
            scrubber.add(inner);
            return unwrapSecrets(inner, scrubber);
        }
        if ("value" in value) {
            scrubber.add(value["value"]);
            return unwrapSecrets(value["value"], scrubber);
        }
        return SECRET_CIPHERTEXT_PLACEHOLDER;
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v, scrubber)]));
}

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

function stringList(v: unknown): string[] {
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}
