/**
 * The objects the in-process host hands to policies: a resource policy's args, a stack policy's
 * resources, a resource's provider. They have the fields @pulumi/policy's server gives (server.js,
 * 1.21), with the same values, built for the same call; what is costly is made on first read:
 * - `props` (see props.ts), `opts`, and a stack resource's `parent`, `dependencies` and
 *   `propertyDependencies` (resolved to this policy's own resource objects) are accessors on the
 *   class, each computed once per object and assignable, as data properties are;
 * - `isType`, `asType`, `getConfig` and `notApplicable` are methods of the class.
 * So a stack policy over 100k resources costs 100k small objects, not 100k deserialised copies.
 * Only reflection tells the difference: these fields are not own enumerable properties.
 */
import { PolicyProviderResource, PolicyResource, PolicyResourceOptions, ResourceValidationArgs } from "@pulumi/policy";

import { PropsCache } from "./props";

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

/** The resource options the runtime passes (a fresh object for every call). */
function defaultOpts(parent?: string): PolicyResourceOptions {
    return { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [], ...(parent ? { parent } : {}) };
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

/** A resource's provider, with its own props deserialised for this policy. */
class ProviderView implements PolicyProviderResource {
    public readonly urn: string;
    public readonly type: string;
    public readonly name: string;
    #props: () => Record<string, unknown>;

    public constructor(p: NonNullable<HostResource["provider"]>, cache: PropsCache) {
        this.urn = p.urn;
        this.type = p.type;
        this.name = p.name;
        this.#props = cache.of(p.props).forPolicy();
    }

    public get props(): Record<string, unknown> {
        return this.#props();
    }

    public set props(value: Record<string, unknown>) {
        this.#props = () => value;
    }
}

/** What resource args and stack resources share. */
abstract class ResourceView {
    public readonly type: string;
    public readonly urn: string;
    public readonly name: string;
    /** Set only when the resource has a provider, as the runtime does. */
    declare public provider?: PolicyProviderResource;
    #props: () => Record<string, unknown>;
    #opts?: PolicyResourceOptions;

    protected constructor(r: HostResource, cache: PropsCache) {
        this.type = r.type;
        this.urn = r.urn;
        this.name = r.name;
        this.#props = cache.of(r.props).forPolicy();
        if (r.provider) {
            this.provider = new ProviderView(r.provider, cache);
        }
    }

    /** The deserialised, unknown-checking props (this policy's own copy). */
    public get props(): Record<string, unknown> {
        return this.#props();
    }

    public set props(value: Record<string, unknown>) {
        this.#props = () => value;
    }

    public get opts(): PolicyResourceOptions {
        this.#opts ??= defaultOpts(this.optsParent());
        return this.#opts;
    }

    public set opts(value: PolicyResourceOptions) {
        this.#opts = value;
    }

    public isType(cls: unknown): boolean {
        return isTypeOf(this.type, cls);
    }

    /** The runtime hands back the props themselves, typed as the class's args. */
    public asType(cls: unknown): never {
        return (isTypeOf(this.type, cls) ? this.props : undefined) as never;
    }

    protected abstract optsParent(): string | undefined;
}

/** No stack tags offline; the runtime, too, hands every call one shared map. */
const NO_STACK_TAGS: ReadonlyMap<string, string> = new Map();

/** A resource policy's args for one resource. */
export class ResourceArgs extends ResourceView implements ResourceValidationArgs {
    public readonly stackTags = NO_STACK_TAGS;
    public readonly notApplicable: (reason?: string) => never;
    readonly #parent?: string;
    readonly #config: () => Record<string, unknown>;

    public constructor(r: HostResource, cache: PropsCache, config: () => Record<string, unknown>, notApplicable: (reason?: string) => never) {
        super(r, cache);
        this.#parent = r.parent;
        this.#config = config;
        this.notApplicable = notApplicable;
    }

    public getConfig<T extends object>(): T {
        return this.#config() as T;
    }

    protected optsParent(): string | undefined {
        return this.#parent;
    }
}

/** The resources of one stack policy's call: each resolves parent and dependencies to this call's objects. */
export class StackView {
    public readonly resources: StackResource[];
    #byUrn?: Map<string, StackResource>;

    public constructor(resources: readonly HostResource[], cache: PropsCache) {
        this.resources = resources.map(r => new StackResource(r, cache, this));
    }

    /** This call's object for a URN. */
    public get(urn: string): StackResource | undefined {
        this.#byUrn ??= new Map(this.resources.map(o => [o.urn, o]));
        return this.#byUrn.get(urn);
    }

    /** This call's objects for URNs, skipping any not in the stack. */
    public all(urns: readonly string[] | undefined): PolicyResource[] {
        const out: PolicyResource[] = [];
        for (const u of urns ?? []) {
            const o = this.get(u);
            if (o) {
                out.push(o);
            }
        }
        return out;
    }
}

/** One resource of a stack policy's call. */
export class StackResource extends ResourceView implements PolicyResource {
    readonly #source: HostResource;
    readonly #view: StackView;
    #parent?: { value: PolicyResource | undefined };
    #dependencies?: PolicyResource[];
    #propertyDependencies?: Record<string, PolicyResource[]>;

    public constructor(r: HostResource, cache: PropsCache, view: StackView) {
        super(r, cache);
        this.#source = r;
        this.#view = view;
    }

    public get parent(): PolicyResource | undefined {
        this.#parent ??= { value: this.#source.parent ? this.#view.get(this.#source.parent) : undefined };
        return this.#parent.value;
    }

    public set parent(value: PolicyResource | undefined) {
        this.#parent = { value };
    }

    public get dependencies(): PolicyResource[] {
        this.#dependencies ??= this.#view.all(this.#source.dependencies);
        return this.#dependencies;
    }

    public set dependencies(value: PolicyResource[]) {
        this.#dependencies = value;
    }

    public get propertyDependencies(): Record<string, PolicyResource[]> {
        if (!this.#propertyDependencies) {
            const out: Record<string, PolicyResource[]> = {};
            const deps = this.#source.propertyDependencies ?? {};
            for (const k of Object.keys(deps)) {
                out[k] = this.#view.all(deps[k]);
            }
            this.#propertyDependencies = out;
        }
        return this.#propertyDependencies;
    }

    public set propertyDependencies(value: Record<string, PolicyResource[]>) {
        this.#propertyDependencies = value;
    }

    protected optsParent(): undefined {
        return undefined;
    }
}
