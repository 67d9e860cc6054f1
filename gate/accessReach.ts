/**
 * The parts of the access map that read statements: what Allow statements reach, and finding the
 * roles a user's `sts:AssumeRole` statements name.
 */
import { globToRegex } from "../policypack/lib/actions";
import { Statement } from "../policypack/lib/document";
import type { Reach } from "./accessMap";

/** What Allow statements reach, per resource pattern (`NotAction`, `NotResource` and a missing Resource spelled out). */
export function reachOf(statements: readonly Statement[]): Reach[] {
    const byResource = new Map<string, Set<string>>();
    for (const s of statements) {
        if (s.actions.negated || !s.resources || s.resources.negated) {
            const key = s.resources?.negated ? `all but ${s.resources.patterns.join(", ")}` : "*";
            s.actions.patterns.forEach(a => add(byResource, key, s.actions.negated ? `all but ${a}` : a));
            continue;
        }
        for (const r of s.resources.patterns) {
            s.actions.patterns.forEach(a => add(byResource, r, a));
        }
    }
    return [...byResource].map(([resource, actions]) => ({ kind: kindOf(resource), resource, actions: [...actions] }));
}

/** Adds `value` to the set of `key`. */
export function add<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
    const set = map.get(key) ?? new Set<V>();
    set.add(value);
    map.set(key, set);
}

/** The kind of thing a resource pattern names. */
export function kindOf(resource: string): Reach["kind"] {
    if (resource === "*") {
        return "everything";
    }
    if (/^arn:[^:]+:dynamodb:[^:]*:[^:]*:table\/[^/]+\/index\//.test(resource)) {
        return "index";
    }
    if (/^arn:[^:]+:dynamodb:[^:]*:[^:]*:table\/[^/]+\/stream\//.test(resource)) {
        return "stream";
    }
    if (/^arn:[^:]+:dynamodb:[^:]*:[^:]*:table\//.test(resource)) {
        return "table";
    }
    if (/^arn:[^:]+:s3:::[^/]+$/.test(resource)) {
        return "bucket";
    }
    if (/^arn:[^:]+:s3:::[^/]+\//.test(resource)) {
        return "objects";
    }
    return "resource";
}

/**
 * Things with ARNs, found by IAM resource pattern (`*` and `?` wildcards, case-sensitive, whole
 * string). A pattern without wildcards is looked up, so that a stack's users × roles costs no more
 * than its patterns; a thing whose ARN is unknown (`role/<name>`, see {@link arnOf}) matches any
 * pattern ending in `:role/<name>`.
 */
export class ArnIndex<T extends { readonly arn: string }> {
    private readonly exact = new Map<string, Set<number>>();
    /** Things without an ARN, by `:<their identifier>`. */
    private readonly suffix = new Map<string, Set<number>>();
    private readonly compiled = new Map<string, RegExp>();

    public constructor(private readonly items: readonly T[]) {
        items.forEach((item, i) => {
            add(this.exact, item.arn, i);
            if (!item.arn.startsWith("arn:")) {
                add(this.suffix, `:${item.arn}`, i);
            }
        });
    }

    /** The things any of `patterns` matches, in their order. */
    public matching(patterns: readonly string[]): T[] {
        const hits = new Set<number>();
        for (const p of patterns) {
            if (p.includes("*") || p.includes("?")) {
                const re = this.regex(p);
                this.items.forEach((item, i) => re.test(item.arn) && hits.add(i));
                continue;
            }
            this.exact.get(p)?.forEach(i => hits.add(i));
            for (let at = p.indexOf(":"); at >= 0; at = p.indexOf(":", at + 1)) {
                this.suffix.get(p.slice(at))?.forEach(i => hits.add(i));
            }
        }
        return [...hits].sort((a, b) => a - b).map(i => this.items[i]);
    }

    private regex(pattern: string): RegExp {
        let re = this.compiled.get(pattern);
        if (!re) {
            re = new RegExp(`^${globToRegex(pattern, ".*")}$`);
            this.compiled.set(pattern, re);
        }
        return re;
    }
}

