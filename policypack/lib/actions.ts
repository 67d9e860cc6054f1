/**
 * Action matching. IAM compares actions case-insensitively and supports `*` and `?` wildcards.
 *
 * The pack matches so that it can only over-report, never miss:
 * - an `Action` pattern is matched broadly: `*` may span the `service:` colon, so `dynamo*:get*` and
 *   `*:GetItem` count as reaching `dynamodb:GetItem`;
 * - a `NotAction` pattern excludes an action only under the strict reading (service and action
 *   matched separately; a pattern without a colon excludes nothing unless it is exactly `*`), so a
 *   `NotAction` never hides more than IAM itself would.
 */
import { PatternSet } from "./document";

/**
 * Longer than any IAM action name (the longest are under 128 characters) and far below what makes a
 * regular expression too large. A longer pattern is read in the direction that cannot miss: as an
 * `Action` it may match anything, as a `NotAction` it excludes nothing.
 */
export const MAX_ACTION_PATTERN = 1024;

const broadCache = new Map<string, RegExp>();
const strictCache = new Map<string, RegExp | null>();

/** An IAM wildcard pattern as a regular expression body: `*` becomes `star`, `?` one character, the rest literal. */
export function globToRegex(glob: string, star: string): string {
    return glob
        .split("")
        .map(c => (c === "*" ? star : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
        .join("");
}

/** True when `pattern` (an Action entry) could match `action` (`service:Name`), read broadly. */
export function matchesBroadly(pattern: string, action: string): boolean {
    if (pattern.length > MAX_ACTION_PATTERN) {
        return true;
    }
    let re = broadCache.get(pattern);
    if (!re) {
        re = new RegExp(`^${globToRegex(pattern, "[\\s\\S]*")}$`, "i");
        broadCache.set(pattern, re);
    }
    return re.test(action);
}

/** True when `pattern` (a NotAction entry) certainly matches `action`, read strictly. */
export function matchesStrictly(pattern: string, action: string): boolean {
    if (pattern.length > MAX_ACTION_PATTERN) {
        return false;
    }
    let re = strictCache.get(pattern);
    if (re === undefined) {
        if (pattern === "*") {
            re = /^[\s\S]*$/;
        } else if (pattern.indexOf(":") < 0) {
            re = null;
        } else {
            const at = pattern.indexOf(":");
            const service = globToRegex(pattern.slice(0, at), "[^:]*");
            const name = globToRegex(pattern.slice(at + 1), "[^:]*");
            re = new RegExp(`^${service}:${name}$`, "i");
        }
        strictCache.set(pattern, re);
    }
    return re !== null && re.test(action);
}

/** Per universe (the catalogue's lists), the actions reached by each pattern list seen: documents repeat their action lists. */
const reachedCache = new WeakMap<readonly string[], Map<string, readonly string[]>>();
const REACHED_LIMIT = 4096;

/** The actions of `universe` that an Action/NotAction set reaches, in universe order. */
export function reachedActions(set: PatternSet, universe: readonly string[]): string[] {
    let byPatterns = reachedCache.get(universe);
    if (!byPatterns) {
        byPatterns = new Map();
        reachedCache.set(universe, byPatterns);
    }
    const key = `${set.negated ? "!" : ""}${JSON.stringify(set.patterns)}`;
    let reached = byPatterns.get(key);
    if (!reached) {
        reached = universe.filter(a => reaches(set, a));
        if (byPatterns.size >= REACHED_LIMIT) {
            byPatterns.clear();
        }
        byPatterns.set(key, reached);
    }
    return [...reached];
}

/** True when the set reaches `action`. */
export function reaches(set: PatternSet, action: string): boolean {
    return set.negated ? !set.patterns.some(p => matchesStrictly(p, action)) : set.patterns.some(p => matchesBroadly(p, action));
}

/** True when a pattern has a wildcard. */
export function hasWildcard(pattern: string): boolean {
    return pattern.includes("*") || pattern.includes("?");
}

/**
 * `Action "dynamodb:*"`, `NotAction "iam:*"`: how messages quote an action element. `only` narrows
 * an Action list to the patterns that matter; long lists are shortened.
 */
export function quoteActions(set: PatternSet, only?: (pattern: string) => boolean): string {
    const shown = set.negated || !only ? set.patterns : set.patterns.filter(only);
    return `${set.negated ? "NotAction" : "Action"} ${summarise(shown.map(p => JSON.stringify(p)))}`;
}

/** `a, b, c and 12 more`: a short, deterministic list for messages. */
export function summarise(items: readonly string[], limit = 3): string {
    if (items.length <= limit) {
        return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
    }
    return `${items.slice(0, limit).join(", ")} and ${items.length - limit} more`;
}
