/**
 * Resource props as @pulumi/policy's server hands them to a policy: the request's Struct as JSON,
 * deserialised by the runtime's `deserializeProperties` (a fresh copy for every policy, secrets
 * unwrapped, assets and archives as objects) and wrapped by `unknownCheckingProxy`.
 *
 * The host makes this cheap without changing what a policy sees:
 * - a resource's props are normalised to JSON once per run (the server gets them from a Struct),
 *   not once per policy;
 * - for JSON holding no special signature (secret, asset, archive), the runtime's deserialiser is
 *   a plain deep copy, which cannot fail, so the copy is made only when a policy first reads
 *   `props` (most policies return on the type first); props with a signature still go through the
 *   runtime's own deserialiser, eagerly, exactly as the server runs it;
 * - the runtime's deserialiser (which loads all of @pulumi/pulumi) is loaded only when needed.
 */
import { unknownCheckingProxy } from "./runtime";
import { toPlain } from "./values";

/** The runtime's signature key (`@pulumi/pulumi/runtime/rpc` `specialSigKey`; a test pins it). */
export const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";

interface DeserializeModule {
    deserializeProperties(struct: { toJavaScript(): unknown }, proxySecrets: boolean): Record<string, unknown>;
}

let runtimeDeserializer: DeserializeModule | undefined;

/** The runtime's own deserialiser (internal, untyped): the code the server runs on every request. */
function deserializer(): DeserializeModule {
    runtimeDeserializer ??= require("@pulumi/policy/deserialize") as DeserializeModule;
    return runtimeDeserializer;
}

/** One resource's (or provider's) props, normalised once per run. */
export class PropsSource {
    private readonly json: Record<string, unknown>;
    private readonly special: boolean;

    /** Normalises `raw` as a Struct would (may throw, as serialising the request would). */
    public constructor(raw: Record<string, unknown> | undefined) {
        this.json = JSON.parse(JSON.stringify(raw ?? {})) as Record<string, unknown>;
        this.special = Object.keys(this.json).some(k => hasSignature(this.json[k]));
    }

    /**
     * The props one policy receives, as a getter: a fresh deserialised, proxied copy. Props with a
     * signature are deserialised now by the runtime (which may throw, as on the server); others
     * are copied on the first read.
     */
    public forPolicy(): () => Record<string, unknown> {
        if (this.special) {
            const props = unknownCheckingProxy(deserializer().deserializeProperties({ toJavaScript: () => this.json }, false));
            return () => props;
        }
        let props: Record<string, unknown> | undefined;
        // What `deserializeProperty` returns for signature-free JSON: a deep copy, assigned key by key.
        return () => (props ??= unknownCheckingProxy(toPlain(this.json) as Record<string, unknown>));
    }
}

/** Per run: one {@link PropsSource} per props object (providers are shared by many resources). */
export class PropsCache {
    private readonly sources = new WeakMap<object, PropsSource>();
    private readonly empty = new PropsSource({});

    /** The source of `raw`, normalised on first use. */
    public of(raw: Record<string, unknown> | undefined): PropsSource {
        if (raw === undefined || raw === null) {
            return this.empty;
        }
        let source = this.sources.get(raw);
        if (!source) {
            source = new PropsSource(raw);
            this.sources.set(raw, source);
        }
        return source;
    }
}

/** True when the runtime's deserialiser would treat some object in `value` specially. */
function hasSignature(value: unknown): boolean {
    if (Array.isArray(value)) {
        return value.some(hasSignature);
    }
    if (value !== null && typeof value === "object") {
        const o = value as Record<string, unknown>;
        return Boolean(o[SPECIAL_SIG_KEY]) || Object.keys(o).some(k => hasSignature(o[k]));
    }
    return false;
}
