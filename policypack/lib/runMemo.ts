/**
 * Work that the rules of one host run share: the stack graph, the users' paths, parsed documents.
 *
 * Every stack policy of a run sees the same resources (as fresh objects), so what is derived from
 * them alone may be computed once. The in-process host (host.ts) runs each `runPolicies` call in
 * its own memo (AsyncLocalStorage), so nothing leaks between runs, even concurrent ones. Under the
 * engine there is no memo: the server gives no sign that two calls belong to one update, so every
 * rule computes its own, as before.
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

/** The memo of the current host run; undefined under the engine. */
export function currentRunMemo(): RunMemo | undefined {
    return storage.getStore();
}

/** Runs `fn` with a memo of its own, or with `memo` (to read afterwards what the run built). */
export function withRunMemo<T>(fn: () => Promise<T>, memo: RunMemo = new RunMemo()): Promise<T> {
    return storage.run(memo, fn);
}
