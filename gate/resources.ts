/**
 * The resources the gate hands to the pack, whatever they came from (a mocked run of the program or
 * a stack export), and the scrubber that keeps secrets out of every report.
 */
import { withUnknowns } from "./invokes/markers";
import type { RecordedResource } from "./recording";
import type { RegistrationTrace } from "./sourceLocation";
import { unwrapSecrets } from "./stateExport";

/** A resource as the gate reads it, before it is given to the pack's host. */
export interface InputResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    readonly props: Record<string, unknown>;
    readonly parent?: string;
    readonly dependencies: string[];
    readonly propertyDependencies: Record<string, string[]>;
    /** Provider reference, `<provider urn>::<id>`. */
    readonly provider?: string;
    /** Where the program registered it, when known. */
    readonly trace?: RegistrationTrace;
}

/** Remembers secret values and removes them from text. */
export class SecretScrubber {
    private readonly secrets = new Set<string>();

    /** Records a secret value (strings, and the strings inside objects and lists). */
    public add(value: unknown): void {
        if (typeof value === "string" && value.length >= 4) {
            this.secrets.add(value);
        } else if (typeof value === "object" && value !== null) {
            Object.values(value).forEach(v => this.add(v));
        }
    }

    /** `text` with every recorded secret replaced by `[secret]`. */
    public scrub(text: string): string {
        let out = text;
        for (const s of this.secrets) {
            out = out.split(s).join("[secret]");
        }
        return out;
    }
}

/**
 * Resources of a mocked program run: custom resources judged by inputs plus synthesised outputs.
 * A value built from a look-up's answer (it holds an unknown marker, gate/invokes/markers.ts) is
 * the runtime's unknown, as in a first preview.
 */
export function fromMockedRun(recorded: readonly RecordedResource[], scrubber: SecretScrubber): InputResource[] {
    return recorded.map(r => ({
        urn: r.urn,
        type: r.type,
        name: r.name,
        custom: r.custom,
        props: withUnknowns(unwrapSecrets(r.custom ? { ...r.inputs, ...r.outputs } : r.inputs, scrubber)) as Record<string, unknown>,
        parent: r.parent,
        dependencies: r.dependencies,
        propertyDependencies: r.propertyDependencies,
        provider: r.provider,
        trace: r.trace,
    }));
}
