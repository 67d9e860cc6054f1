/**
 * The objects the in-process host hands to policies: a resource policy's args, a stack policy's
 * resources (stackView.ts), a resource's provider. They have the fields @pulumi/policy's server gives (server.js,
 * 1.21), with the same values, built for the same call; what is costly is made on first read:
 * - `props` (see props.ts), `provider`, `opts`, and a stack resource's `parent`, `dependencies`
 *   and `propertyDependencies` (resolved to this call's own resource objects) are accessors on the
 *   class, each computed once per object and assignable, as data properties are;
 * - `isType`, `asType`, `getConfig` and `notApplicable` are methods of the class.
 * So a stack policy over 100k resources costs 100k objects of a few fields, not 100k deserialised
 * copies. Only reflection tells the difference: these fields are not own enumerable properties,
 * and `"provider" in args` holds even without a provider (it reads as undefined, as on the runtime).
 */
import { PolicyProviderResource, PolicyResource, PolicyResourceOptions, ResourceValidationArgs } from "@pulumi/policy";

import { PropsSource, RunProps } from "./props";

/** A resource as the host receives it (URN references, plain JSON props). */
export interface HostResource {
    urn: string;
    type: string;
    name: string;
    props: Record<string, unknown>;
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    provider?: { urn: string; type: string; name: string; props: Record<string, unknown> };
}

/** The runtime's `__pulumiType` of a resource class or validation function. */
export function pulumiType(o: unknown): string | undefined {
    const t = o !== null && (typeof o === "object" || typeof o === "function") ? (o as { __pulumiType?: unknown }).__pulumiType : undefined;
    return typeof t === "string" && t.length > 0 ? t : undefined;
}

/** The runtime's `isTypeOf`: the class's `__pulumiType`, else its `isInstance`. */
export function isTypeOf(type: string, cls: unknown): boolean {
    const t = pulumiType(cls);
    if (t) {
        return t === type;
    }
    const isInstance = cls !== null && typeof cls === "function" ? (cls as { isInstance?: unknown }).isInstance : undefined;
    return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

/** A resource's provider, with its own props deserialised for this call. */
class ProviderView implements PolicyProviderResource {
    public readonly urn: string;
    public readonly type: string;
    public readonly name: string;
    readonly #source: PropsSource;
    #props?: Record<string, unknown>;

    public constructor(p: NonNullable<HostResource["provider"]>, source: PropsSource) {
        this.urn = p.urn;
        this.type = p.type;
        this.name = p.name;
        this.#source = source;
        if (this.#source.eager) {
            this.#props = this.#source.fresh();
        }
    }

    public get props(): Record<string, unknown> {
        this.#props ??= this.#source.fresh();
        return this.#props;
    }

    public set props(value: Record<string, unknown>) {
        this.#props = value;
    }
}

/** One object's state for one call: made on first read, or assigned by the policy. */
export class State {
    public props?: Record<string, unknown>;
    public provider?: { value: PolicyProviderResource | undefined };
    public opts?: PolicyResourceOptions;
    public parent?: { value: PolicyResource | undefined };
    public dependencies?: PolicyResource[];
    public propertyDependencies?: Record<string, PolicyResource[]>;

    /** Makes now what the runtime's deserialiser must make (see {@link RunProps.eager}). */
    public constructor(
        public readonly run: RunProps,
        public readonly index: number,
    ) {
        if (run.ownEager(index)) {
            this.props = run.freshOwn(index);
        }
        if (run.providerProps(index)?.eager) {
            this.providerView();
        }
    }

    /** The resource as the host received it. */
    public get host(): HostResource {
        return this.run.resources[this.index];
    }

    /** The provider object, made once. */
    public providerView(): PolicyProviderResource | undefined {
        const p = this.host.provider;
        const source = this.run.providerProps(this.index);
        this.provider ??= { value: p && source ? new ProviderView(p, source) : undefined };
        return this.provider.value;
    }
}

/** What resource args and stack resources share. */
export abstract class ResourceView {
    public readonly type: string;
    public readonly urn: string;
    public readonly name: string;

    protected constructor(r: HostResource) {
        this.type = r.type;
        this.urn = r.urn;
        this.name = r.name;
    }

    /** The deserialised, unknown-checking props: this call's own copy. */
    public get props(): Record<string, unknown> {
        const s = this.state();
        s.props ??= s.run.freshOwn(s.index);
        return s.props;
    }

    public set props(value: Record<string, unknown>) {
        this.state().props = value;
    }

    /** The provider, when the resource has one. */
    public get provider(): PolicyProviderResource | undefined {
        return this.state().providerView();
    }

    public set provider(value: PolicyProviderResource | undefined) {
        this.state().provider = { value };
    }

    /** The resource options the runtime passes (a fresh object for every call). */
    public get opts(): PolicyResourceOptions {
        const s = this.state();
        const parent = this.optsParent();
        s.opts ??= { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [], ...(parent ? { parent } : {}) };
        return s.opts;
    }

    public set opts(value: PolicyResourceOptions) {
        this.state().opts = value;
    }

    public isType(cls: unknown): boolean {
        return isTypeOf(this.type, cls);
    }

    /** The runtime hands back the props themselves, typed as the class's args. */
    public asType(cls: unknown): never {
        return (isTypeOf(this.type, cls) ? this.props : undefined) as never;
    }

    protected abstract state(): State;

    protected abstract optsParent(): string | undefined;
}

/** No stack tags offline; the runtime, too, hands every call one shared map. */
const NO_STACK_TAGS: ReadonlyMap<string, string> = new Map();

/** A resource policy's args for one resource. */
export class ResourceArgs extends ResourceView implements ResourceValidationArgs {
    public readonly stackTags = NO_STACK_TAGS;
    public readonly notApplicable: (reason?: string) => never;
    readonly #state: State;
    readonly #config: () => Record<string, unknown>;

    /** The args for the resource at `index` of the run. */
    public constructor(run: RunProps, index: number, config: () => Record<string, unknown>, notApplicable: (reason?: string) => never) {
        const state = new State(run, index);
        super(state.host);
        this.#state = state;
        this.#config = config;
        this.notApplicable = notApplicable;
    }

    public getConfig<T extends object>(): T {
        return this.#config() as T;
    }

    protected state(): State {
        return this.#state;
    }

    protected optsParent(): string | undefined {
        return this.#state.host.parent;
    }
}
