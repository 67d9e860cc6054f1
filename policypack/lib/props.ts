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
import type { HostResource } from "./hostObjects";
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
    /** True when the runtime's deserialiser must run: props made eagerly, for every policy, as on the server. */
    public readonly eager: boolean;
    private readonly json: Record<string, unknown>;

    /**
     * Normalises `raw` as a Struct would (may throw, as serialising the request would). Props that
     * are JSON already (a stack export, the mocks' outputs) are used as they are: every policy gets
     * a copy, never these.
     */
    public constructor(raw: Record<string, unknown> | undefined) {
        const props = raw ?? {};
        let kind = classify(props, true);
        if (kind === NOT_JSON) {
            this.json = JSON.parse(JSON.stringify(props)) as Record<string, unknown>;
            kind = classify(this.json, true);
        } else {
            this.json = props;
        }
        this.eager = kind === SIGNED;
    }

    /** A fresh deserialised, unknown-checking copy: what one policy receives. */
    public fresh(): Record<string, unknown> {
        if (this.eager) {
            return unknownCheckingProxy(deserializer().deserializeProperties({ toJavaScript: () => this.json }, false));
        }
        // What `deserializeProperty` returns for signature-free JSON: a deep copy, assigned key by key.
        return unknownCheckingProxy(toPlain(this.json) as Record<string, unknown>);
    }
}

/** The resources' props in one run, each normalised on first use. */
export class RunProps {
    private readonly own: (PropsSource | undefined)[];
    private readonly providers: (PropsSource | null | undefined)[];
    /** Providers' props, by object: the resources of one provider share them. */
    private readonly byObject = new Map<object, PropsSource>();
    private byUrn?: Map<string, number>;

    public constructor(public readonly resources: readonly HostResource[]) {
        this.own = new Array<PropsSource | undefined>(resources.length);
        this.providers = new Array<PropsSource | null | undefined>(resources.length);
    }

    /** The props of the resource at `index`. */
    public props(index: number): PropsSource {
        let source = this.own[index];
        if (!source) {
            source = new PropsSource(this.resources[index].props);
            this.own[index] = source;
        }
        return source;
    }

    /** The props of its provider, if it has one. */
    public providerProps(index: number): PropsSource | undefined {
        let source = this.providers[index];
        if (source === undefined) {
            const provider = this.resources[index].provider;
            const raw = provider ? (provider.props ?? {}) : undefined;
            source = raw ? (this.byObject.get(raw) ?? new PropsSource(raw)) : null;
            if (raw && source) {
                this.byObject.set(raw, source);
            }
            this.providers[index] = source;
        }
        return source ?? undefined;
    }

    /** The index of the resource with this URN (the last, as the runtime's map keeps it). */
    public indexOfUrn(urn: string): number | undefined {
        if (!this.byUrn) {
            this.byUrn = new Map();
            this.resources.forEach((r, i) => this.byUrn?.set(r.urn, i));
        }
        return this.byUrn.get(urn);
    }

    /** True when the resource's or its provider's props must be deserialised at once. */
    public eager(index: number): boolean {
        return this.props(index).eager || this.providerProps(index)?.eager === true;
    }
}

const PLAIN = 0;
const SIGNED = 1;
const NOT_JSON = 2;

/**
 * In one walk: NOT_JSON unless `value` is what `JSON.parse(JSON.stringify(value))` returns, value
 * for value; else SIGNED when the runtime's deserialiser would treat an object in it specially
 * (a truthy signature key, below the top level), else PLAIN.
 */
function classify(value: unknown, top = false): number {
    switch (typeof value) {
        case "string":
        case "boolean":
            return PLAIN;
        case "number":
            return Number.isFinite(value) && !Object.is(value, -0) ? PLAIN : NOT_JSON;
        case "object": {
            if (value === null) {
                return PLAIN;
            }
            let kind = PLAIN;
            if (Array.isArray(value)) {
                if (Object.getPrototypeOf(value) !== Array.prototype) {
                    return NOT_JSON;
                }
                for (let i = 0; i < value.length; i++) {
                    const k = i in value ? classify(value[i]) : NOT_JSON;
                    if (k === NOT_JSON) {
                        return NOT_JSON;
                    }
                    kind = Math.max(kind, k);
                }
                return kind;
            }
            const proto: unknown = Object.getPrototypeOf(value);
            const o = value as Record<string, unknown>;
            if ((proto !== Object.prototype && proto !== null) || typeof o.toJSON === "function") {
                return NOT_JSON;
            }
            for (const key of Object.keys(o)) {
                const k = classify(o[key]);
                if (k === NOT_JSON) {
                    return NOT_JSON;
                }
                kind = Math.max(kind, k);
            }
            return !top && o[SPECIAL_SIG_KEY] ? Math.max(kind, SIGNED) : kind;
        }
        default:
            return NOT_JSON;
    }
}
