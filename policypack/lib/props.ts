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

/** Props normalised as a Struct would normalise them, and whether the runtime's deserialiser must run. */
interface Normalised {
    readonly json: Record<string, unknown>;
    readonly eager: boolean;
}

/**
 * Normalises `raw` (may throw, as serialising the request would). Props that are JSON already (a
 * stack export, the mocks' outputs) are used as they are: every policy gets a copy, never these.
 */
function normalise(raw: Record<string, unknown> | undefined): Normalised {
    const props = raw ?? {};
    const kind = classify(props, true);
    if (kind !== NOT_JSON) {
        return { json: props, eager: kind === SIGNED };
    }
    const json = JSON.parse(JSON.stringify(props)) as Record<string, unknown>;
    return { json, eager: classify(json, true) === SIGNED };
}

/** A fresh deserialised, unknown-checking copy of normalised props: what one policy receives. */
function freshCopy(json: Record<string, unknown>, eager: boolean): Record<string, unknown> {
    if (eager) {
        return unknownCheckingProxy(deserializer().deserializeProperties({ toJavaScript: () => json }, false));
    }
    // What `deserializeProperty` returns for signature-free JSON: a deep copy, assigned key by key.
    return unknownCheckingProxy(toPlain(json) as Record<string, unknown>);
}

/** One provider's props (or any props), normalised once. */
export class PropsSource {
    /** True when the runtime's deserialiser must run: props made eagerly, for every policy, as on the server. */
    public readonly eager: boolean;
    private readonly json: Record<string, unknown>;

    /** Normalises `raw` (see {@link normalise}). */
    public constructor(raw: Record<string, unknown> | undefined) {
        const n = normalise(raw);
        this.json = n.json;
        this.eager = n.eager;
    }

    /** A fresh deserialised, unknown-checking copy: what one policy receives. */
    public fresh(): Record<string, unknown> {
        return freshCopy(this.json, this.eager);
    }
}

/** A resource's own props in {@link RunProps}: not yet looked at, plain JSON, or with a signature. */
const UNREAD = 0;
const PLAIN_PROPS = 1;
const SIGNED_PROPS = 2;

/**
 * The resources' props in one run, each normalised on first use. A resource's finding is a byte,
 * not an object: a run over 100k resources keeps no object per resource (only props that were not
 * JSON keep their normalised copy).
 */
export class RunProps {
    private readonly found: Uint8Array;
    /** The normalised copies of props that were not JSON, by resource index. */
    private readonly copies = new Map<number, Record<string, unknown>>();
    private readonly providers: (PropsSource | null | undefined)[];
    /** Providers' props, by object: the resources of one provider share them. */
    private readonly byObject = new Map<object, PropsSource>();
    private byUrn?: Map<string, number>;

    public constructor(public readonly resources: readonly HostResource[]) {
        this.found = new Uint8Array(resources.length);
        this.providers = new Array<PropsSource | null | undefined>(resources.length);
    }

    /** True when the props of the resource at `index` must go through the runtime's deserialiser. */
    public ownEager(index: number): boolean {
        return this.find(index) === SIGNED_PROPS;
    }

    /** A fresh copy of the props of the resource at `index`, as one policy receives it. */
    public freshOwn(index: number): Record<string, unknown> {
        const eager = this.ownEager(index);
        return freshCopy(this.copies.get(index) ?? this.resources[index].props ?? {}, eager);
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
        return this.ownEager(index) || this.providerProps(index)?.eager === true;
    }

    private find(index: number): number {
        let f = this.found[index];
        if (f === UNREAD) {
            const raw = this.resources[index].props;
            const n = normalise(raw);
            if (raw !== undefined && n.json !== raw) {
                this.copies.set(index, n.json);
            }
            f = n.eager ? SIGNED_PROPS : PLAIN_PROPS;
            this.found[index] = f;
        }
        return f;
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
