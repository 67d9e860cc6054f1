/**
 * The one parser for IAM policy documents. Every rule reads documents through {@link parsePolicy},
 * which accepts a JSON string or an object, normalises scalars to lists, and turns anything malformed
 * into a typed failure (never an exception). Action names keep their spelling for messages; all
 * matching on them is case-insensitive (actions.ts).
 *
 * Element names are matched case-insensitively (`statement`, `ACTION`): a key that IAM might accept
 * must never be skipped by the pack. Two spellings of one element in the same object are malformed.
 */
import { currentRunMemo } from "./runMemo";

/**
 * `Action` or `NotAction`, `Resource` or `NotResource`: patterns as written (messages quote them);
 * every comparison of actions is case-insensitive (see actions.ts).
 */
export interface PatternSet {
    readonly negated: boolean;
    readonly patterns: readonly string[];
}

/** `Principal` or `NotPrincipal`, by principal type. `"*"` sets `wildcard`. */
export interface PrincipalSet {
    readonly negated: boolean;
    readonly wildcard: boolean;
    readonly aws: readonly string[];
    readonly service: readonly string[];
    readonly federated: readonly string[];
    readonly canonicalUser: readonly string[];
}

/** One `operator: { key: values }` entry of a `Condition` block, as written (keys compare case-insensitively). */
export interface ConditionClause {
    readonly operator: string;
    readonly key: string;
    readonly values: readonly string[];
}

/** A normalised statement. `index` is its 0-based position in the document. */
export interface Statement {
    readonly index: number;
    readonly sid?: string;
    readonly effect: "Allow" | "Deny";
    readonly actions: PatternSet;
    readonly resources?: PatternSet;
    readonly principals?: PrincipalSet;
    readonly conditions: readonly ConditionClause[];
}

/** A parsed policy document. */
export interface PolicyDocument {
    readonly statements: readonly Statement[];
}

/** The result of parsing: a document, or why it is malformed. */
export type ParsedPolicy = { readonly ok: true; readonly document: PolicyDocument } | { readonly ok: false; readonly reason: string };

class Malformed extends Error {}

/** Documents parsed outside a run (the engine's `Analyze` calls), least recently used first. */
const processCache = new Map<string, ParsedPolicy>();
/** How many documents the process keeps outside a run. */
export const PARSE_CACHE_LIMIT = 4096;

/** Parses a policy document given as JSON text or as an object. Results are cached by content. */
export function parsePolicy(raw: unknown): ParsedPolicy {
    let text: string;
    if (typeof raw === "string") {
        text = raw;
    } else if (raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
        text = JSON.stringify(raw);
    } else {
        return { ok: false, reason: `the document is ${describe(raw)}, not a JSON object or JSON text` };
    }
    // A run (a host run, or the stack policies of one AnalyzeStack request) keeps every document it
    // parsed: its rules read the same ones. Outside a run, the process keeps the PARSE_CACHE_LIMIT documents
    // used last (least recently used goes first), so a larger estate costs misses, not a cleared cache.
    const runCache = currentRunMemo()?.get("parsed-documents", () => new Map<string, ParsedPolicy>());
    if (runCache) {
        let parsed = runCache.get(text);
        if (!parsed) {
            parsed = parseText(text);
            runCache.set(text, parsed);
        }
        return parsed;
    }
    const hit = processCache.get(text);
    if (hit) {
        processCache.delete(text);
        processCache.set(text, hit);
        return hit;
    }
    const result = parseText(text);
    if (processCache.size >= PARSE_CACHE_LIMIT) {
        processCache.delete(processCache.keys().next().value as string);
    }
    processCache.set(text, result);
    return result;
}

/** `statement 2 "Sid"`: how messages name a statement (1-based). */
export function statementLabel(s: Statement): string {
    return s.sid ? `statement ${s.index + 1} ("${s.sid}")` : `statement ${s.index + 1}`;
}

function parseText(text: string): ParsedPolicy {
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (e) {
        return { ok: false, reason: `the document is not valid JSON (${(e as Error).message})` };
    }
    try {
        return { ok: true, document: Object.freeze({ statements: Object.freeze(parseDocument(json)) }) };
    } catch (e) {
        if (e instanceof Malformed) {
            return { ok: false, reason: e.message };
        }
        throw e;
    }
}

function parseDocument(json: unknown): Statement[] {
    const doc = object(json, "the document");
    const raw = element(doc, "Statement", "the document");
    if (raw === undefined) {
        throw new Malformed("the document has no Statement");
    }
    const list = Array.isArray(raw) ? raw : [raw];
    return list.map((s, i) => Object.freeze(parseStatement(s, i)));
}

function parseStatement(raw: unknown, index: number): Statement {
    const where = `statement ${index + 1}`;
    const s = object(raw, where);
    const sid = element(s, "Sid", where);
    const effect = element(s, "Effect", where);
    const e = typeof effect === "string" ? effect.toLowerCase() : undefined;
    if (e !== "allow" && e !== "deny") {
        throw new Malformed(`${where} has Effect ${describe(effect)}; it must be "Allow" or "Deny"`);
    }
    const actions = patternSet(s, "Action", "NotAction", where);
    if (!actions) {
        throw new Malformed(`${where} has neither Action nor NotAction`);
    }
    const resources = patternSet(s, "Resource", "NotResource", where);
    const principals = principalSet(s, where);
    const conditions = conditionClauses(element(s, "Condition", where), where);
    return {
        index,
        ...(typeof sid === "string" && sid !== "" ? { sid } : {}),
        effect: e === "allow" ? "Allow" : "Deny",
        actions,
        ...(resources ? { resources } : {}),
        ...(principals ? { principals } : {}),
        conditions,
    };
}

function patternSet(s: Record<string, unknown>, name: string, notName: string, where: string): PatternSet | undefined {
    const plain = element(s, name, where);
    const negated = element(s, notName, where);
    if (plain !== undefined && negated !== undefined) {
        throw new Malformed(`${where} has both ${name} and ${notName}`);
    }
    if (plain === undefined && negated === undefined) {
        return undefined;
    }
    const label = plain !== undefined ? name : notName;
    const values = strings(plain !== undefined ? plain : negated, `${where} ${label}`);
    return { negated: plain === undefined, patterns: Object.freeze(values) };
}

const PRINCIPAL_TYPES = ["AWS", "Service", "Federated", "CanonicalUser"] as const;

function principalSet(s: Record<string, unknown>, where: string): PrincipalSet | undefined {
    const plain = element(s, "Principal", where);
    const negated = element(s, "NotPrincipal", where);
    if (plain !== undefined && negated !== undefined) {
        throw new Malformed(`${where} has both Principal and NotPrincipal`);
    }
    const raw = plain !== undefined ? plain : negated;
    if (raw === undefined) {
        return undefined;
    }
    const label = `${where} ${plain !== undefined ? "Principal" : "NotPrincipal"}`;
    const set = { negated: plain === undefined, wildcard: false, aws: [] as string[], service: [] as string[], federated: [] as string[], canonicalUser: [] as string[] };
    if (raw === "*") {
        set.wildcard = true;
        return set;
    }
    const p = object(raw, label);
    for (const key of Object.keys(p)) {
        const type = PRINCIPAL_TYPES.find(t => t.toLowerCase() === key.toLowerCase());
        if (!type) {
            throw new Malformed(`${label} has an unknown principal type "${key}"`);
        }
        const values = strings(p[key], `${label} ${type}`);
        const target = type === "AWS" ? set.aws : type === "Service" ? set.service : type === "Federated" ? set.federated : set.canonicalUser;
        target.push(...values);
    }
    if (set.aws.includes("*")) {
        set.wildcard = true;
    }
    return set;
}

function conditionClauses(raw: unknown, where: string): ConditionClause[] {
    if (raw === undefined) {
        return [];
    }
    const block = object(raw, `${where} Condition`);
    const out: ConditionClause[] = [];
    for (const operator of Object.keys(block)) {
        const keys = object(block[operator], `${where} Condition ${operator}`);
        for (const key of Object.keys(keys)) {
            const v = keys[key];
            const list = Array.isArray(v) ? v : [v];
            const values = list.map(x => {
                if (typeof x === "string" || typeof x === "number" || typeof x === "boolean") {
                    return String(x);
                }
                throw new Malformed(`${where} Condition ${operator} ${key} has a value that is ${describe(x)}`);
            });
            out.push({ operator, key, values });
        }
    }
    return out;
}

/** Looks up an element by name, case-insensitively; two spellings of one name are malformed. */
function element(o: Record<string, unknown>, name: string, where: string): unknown {
    const lower = name.toLowerCase();
    let found: string | undefined;
    for (const k in o) {
        if (Object.prototype.hasOwnProperty.call(o, k) && (k === name || (k.length === name.length && k.toLowerCase() === lower))) {
            if (found !== undefined) {
                const keys = Object.keys(o).filter(x => x.toLowerCase() === lower);
                throw new Malformed(`${where} spells ${name} more than once (${keys.join(", ")})`);
            }
            found = k;
        }
    }
    return found === undefined ? undefined : o[found];
}

function object(v: unknown, where: string): Record<string, unknown> {
    if (v === null || typeof v !== "object" || Array.isArray(v)) {
        throw new Malformed(`${where} is ${describe(v)}, not a JSON object`);
    }
    return v as Record<string, unknown>;
}

function strings(v: unknown, where: string): string[] {
    const list = Array.isArray(v) ? v : [v];
    if (list.length === 0) {
        throw new Malformed(`${where} is an empty list`);
    }
    return list.map(x => {
        if (typeof x !== "string" || x === "") {
            throw new Malformed(`${where} has an entry that is ${describe(x)}, not a non-empty string`);
        }
        return x;
    });
}

/** A short, deterministic description of a JSON value's shape for messages. */
export function describe(v: unknown): string {
    if (v === undefined) {
        return "missing";
    }
    if (v === null) {
        return "null";
    }
    if (Array.isArray(v)) {
        return "a list";
    }
    if (typeof v === "string") {
        return v === "" ? "an empty string" : `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
    }
    return typeof v === "object" ? "an object" : `the ${typeof v} ${String(v)}`;
}
