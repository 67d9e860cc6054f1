/**
 * Work that the stack policies of one run share: the stack graph, the users' paths, parsed documents.
 *
 * Every stack policy of a run sees the same resources (as fresh objects), so what is derived from
 * them alone may be computed once:
 * - the in-process host (host.ts) runs each `runPolicies` call in a memo of its own
 *   (AsyncLocalStorage), so nothing leaks between runs, even concurrent ones;
 * - under the engine, the stack policies of one `AnalyzeStack` request share a memo
 *   ({@link withRequestMemo}). @pulumi/policy's server gives each policy fresh resource objects,
 *   but their `opts` lists (`ignoreChanges`, `aliases`) are the request message's own arrays
 *   (google-protobuf hands out a repeated field's stored array), the same for every policy of the
 *   request and never shared by two requests, which are decoded apart. So the first resource's
 *   `opts.ignoreChanges` names the request (checked against the last resource's `opts.aliases` and
 *   the count). Should a runtime stop sharing these arrays, each policy computes its own, as
 *   before: slower, never wrong. test/policypack/requestMemo.test.ts checks the runtime still shares them.
 */
import { AsyncLocalStorage } from "async_hooks";

/** The shared results of one run, by key. */
export class RunMemo {
    private readonly values = new Map<string, unknown>();

    /** The value under `key`, built by `build` on first use. */
    public get<T>(key: string, build: () => T): T {
        if (this.values.has(key)) {
            return this.values.get(key) as T;
        }
        const value = build();
        this.values.set(key, value);
        return value;
    }

    /** The value under `key`, if something built it. */
    public peek<T>(key: string): T | undefined {
        return this.values.get(key) as T | undefined;
    }
}

const storage = new AsyncLocalStorage<RunMemo>();

/** The memo of the request a stack policy is running for, while it runs (synchronously). */
let requestMemo: RunMemo | undefined;

/** The memo of the current host run, or of the engine's request a stack policy is judging; undefined elsewhere. */
export function currentRunMemo(): RunMemo | undefined {
    return storage.getStore() ?? requestMemo;
}

/** Runs `fn` with a memo of its own, or with `memo` (to read afterwards what the run built). */
export function withRunMemo<T>(fn: () => Promise<T>, memo: RunMemo = new RunMemo()): Promise<T> {
    return storage.run(memo, fn);
}

/** What a stack policy's resource carries that names its request. */
interface WithOptions {
    readonly opts?: { readonly ignoreChanges?: unknown; readonly aliases?: unknown };
}

/** A request's memo, and what else must match for a stack policy's resources to belong to it. */
interface RequestEntry {
    readonly memo: RunMemo;
    readonly count: number;
    readonly last: unknown;
}

const requests = new WeakMap<object, RequestEntry>();

const objectOrUndefined = (v: unknown): object | undefined => (v !== null && typeof v === "object" ? v : undefined);

/**
 * Runs a stack policy's synchronous body with the memo of its `AnalyzeStack` request, found from
 * `resources` (see the module's description). Inside a host run, the run's memo serves instead; when
 * the request cannot be told, `fn` runs with no memo.
 */
export function withRequestMemo<T>(resources: readonly WithOptions[], fn: () => T): T {
    const key = storage.getStore() ? undefined : objectOrUndefined(resources[0]?.opts?.ignoreChanges);
    const last = objectOrUndefined(resources[resources.length - 1]?.opts?.aliases);
    // Two lists being one array means the runtime shares arrays beyond a request (say, one empty
    // list for all): the request cannot be told, so no memo.
    if (!key || !last || key === last) {
        return fn();
    }
    let entry = requests.get(key);
    if (!entry || entry.count !== resources.length || entry.last !== last) {
        entry = { memo: new RunMemo(), count: resources.length, last };
        requests.set(key, entry);
    }
    const outer = requestMemo;
    requestMemo = entry.memo;
    try {
        return fn();
    } finally {
        requestMemo = outer;
    }
}
