/**
 * A stack policy's resources, as the in-process host hands them over (see hostObjects.ts): one
 * object per resource and call, whose parent and dependencies are that call's own objects,
 * resolved when first read through the run's URN index.
 */
import { PolicyResource } from "@pulumi/policy";

import { HostResource, ResourceView, State } from "./hostObjects";
import { RunProps } from "./props";

/** The resources of one stack policy's call: each resolves parent and dependencies to this call's objects. */
export class StackView {
    public readonly resources: StackResource[];
    readonly #run: RunProps;
    readonly #states: (State | undefined)[];

    public constructor(run: RunProps) {
        const hosts = run.resources;
        this.#run = run;
        this.#states = new Array<State | undefined>(hosts.length);
        this.resources = hosts.map((r, i) => {
            if (run.eager(i)) {
                this.#states[i] = new State(run, i);
            }
            return new StackResource(r, this, i);
        });
    }

    /** The state of the resource at `index`. */
    public state(index: number): State {
        let s = this.#states[index];
        if (!s) {
            s = new State(this.#run, index);
            this.#states[index] = s;
        }
        return s;
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

    /** This call's object for a URN. */
    public get(urn: string): StackResource | undefined {
        const i = this.#run.indexOfUrn(urn);
        return i === undefined ? undefined : this.resources[i];
    }
}

/** One resource of a stack policy's call. */
export class StackResource extends ResourceView implements PolicyResource {
    readonly #view: StackView;
    readonly #index: number;

    public constructor(r: HostResource, view: StackView, index: number) {
        super(r);
        this.#view = view;
        this.#index = index;
    }

    public get parent(): PolicyResource | undefined {
        const s = this.state();
        s.parent ??= { value: s.host.parent ? this.#view.get(s.host.parent) : undefined };
        return s.parent.value;
    }

    public set parent(value: PolicyResource | undefined) {
        this.state().parent = { value };
    }

    public get dependencies(): PolicyResource[] {
        const s = this.state();
        s.dependencies ??= this.#view.all(s.host.dependencies);
        return s.dependencies;
    }

    public set dependencies(value: PolicyResource[]) {
        this.state().dependencies = value;
    }

    public get propertyDependencies(): Record<string, PolicyResource[]> {
        const s = this.state();
        if (!s.propertyDependencies) {
            const out: Record<string, PolicyResource[]> = {};
            const deps = s.host.propertyDependencies ?? {};
            for (const k of Object.keys(deps)) {
                out[k] = this.#view.all(deps[k]);
            }
            s.propertyDependencies = out;
        }
        return s.propertyDependencies;
    }

    public set propertyDependencies(value: Record<string, PolicyResource[]>) {
        this.state().propertyDependencies = value;
    }

    protected state(): State {
        return this.#view.state(this.#index);
    }

    protected optsParent(): undefined {
        return undefined;
    }
}
