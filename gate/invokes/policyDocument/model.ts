/**
 * The policy document as the AWS provider holds it while it builds `aws_iam_policy_document`
 * (its `policy_model.go`): the merge of documents by `Sid`, and the marshalling rules that give the
 * data source its exact JSON.
 * - Fields come out in the order Version, Id, Statement and Sid, Effect, Action, NotAction,
 *   Resource, NotResource, Principal, NotPrincipal, Condition; empty strings, absent values and empty
 *   principal or condition sets are left out.
 * - Principals of one type are merged into one entry (a list keeps each block's identifiers, sorted
 *   in reverse, block after block); a single `{"*": "*"}` principal is written as `"*"`.
 * - Conditions are grouped by test, then by variable (both sorted); the values of blocks with the
 *   same test and variable are concatenated in order; a single value is written as a string.
 */
import { compareBytes, GoObject, GoValue, goMap } from "./goJson";

/** One principal entry: a type and one identifier or several. */
export interface Principal {
    readonly type: string;
    readonly identifiers: string | readonly string[];
}

/** One condition entry. */
export interface Condition {
    readonly test: string;
    readonly variable: string;
    readonly values: string | readonly string[];
}

/**
 * One statement. Action/Resource fields hold whatever the document gave (the provider types them as
 * `any`); `undefined` is Go's nil and is left out of the JSON.
 */
export interface Statement {
    readonly sid: string;
    readonly effect: string;
    readonly actions?: GoValue;
    readonly notActions?: GoValue;
    readonly resources?: GoValue;
    readonly notResources?: GoValue;
    readonly principals: readonly Principal[];
    readonly notPrincipals: readonly Principal[];
    readonly conditions: readonly Condition[];
}

/** A document. */
export interface PolicyDoc {
    version: string;
    id: string;
    statements: Statement[];
}

/** An empty document, the start of every merge. */
export function emptyDoc(): PolicyDoc {
    return { version: "", id: "", statements: [] };
}

/**
 * Merges `next` into `into`: a non-empty Id replaces it, a later Version (compared as text) replaces
 * it, a statement with a Sid replaces the first statement with that Sid, every other one is appended.
 */
export function mergeDoc(into: PolicyDoc, next: PolicyDoc): void {
    if (next.id.length > 0) {
        into.id = next.id;
    }
    if (next.version > into.version) {
        into.version = next.version;
    }
    for (const s of next.statements) {
        const at = s.sid.length > 0 ? into.statements.findIndex(existing => existing.sid === s.sid) : -1;
        if (at >= 0) {
            into.statements[at] = s;
        } else {
            into.statements.push(s);
        }
    }
}

/** The document as the Go value the provider marshals. */
export function docValue(doc: PolicyDoc): GoObject {
    const entries: [string, GoValue][] = [];
    if (doc.version !== "") {
        entries.push(["Version", doc.version]);
    }
    if (doc.id !== "") {
        entries.push(["Id", doc.id]);
    }
    if (doc.statements.length > 0) {
        entries.push(["Statement", doc.statements.map(statementValue)]);
    }
    return new GoObject(entries);
}

function statementValue(s: Statement): GoObject {
    const entries: [string, GoValue][] = [];
    const put = (key: string, value: GoValue | undefined) => {
        if (value !== undefined) {
            entries.push([key, value]);
        }
    };
    put("Sid", s.sid === "" ? undefined : s.sid);
    put("Effect", s.effect === "" ? undefined : s.effect);
    put("Action", s.actions);
    put("NotAction", s.notActions);
    put("Resource", s.resources);
    put("NotResource", s.notResources);
    put("Principal", s.principals.length > 0 ? principalsValue(s.principals) : undefined);
    put("NotPrincipal", s.notPrincipals.length > 0 ? principalsValue(s.notPrincipals) : undefined);
    put("Condition", s.conditions.length > 0 ? conditionsValue(s.conditions) : undefined);
    return new GoObject(entries);
}

function principalsValue(principals: readonly Principal[]): GoValue {
    if (principals.length === 1 && principals[0].type === "*") {
        const ids = principals[0].identifiers;
        if (ids === "*" || (typeof ids !== "string" && ids.length === 1 && ids[0] === "*")) {
            return "*";
        }
    }
    const byType = new Map<string, string | string[]>();
    for (const p of principals) {
        const existing = byType.get(p.type);
        if (typeof p.identifiers === "string") {
            byType.set(p.type, existing === undefined ? p.identifiers : [...asList(existing), p.identifiers]);
        } else {
            byType.set(p.type, [...(existing === undefined ? [] : asList(existing)), ...reverseSorted(p.identifiers)]);
        }
    }
    return goMap(byType.entries());
}

function conditionsValue(conditions: readonly Condition[]): GoValue {
    const byTest = new Map<string, Map<string, string[]>>();
    for (const c of conditions) {
        const byVariable = byTest.get(c.test) ?? new Map<string, string[]>();
        byTest.set(c.test, byVariable);
        byVariable.set(c.variable, [...(byVariable.get(c.variable) ?? []), ...asList(c.values)]);
    }
    return goMap([...byTest].map(([test, byVariable]) => [test, goMap([...byVariable].map(([v, values]) => [v, values.length === 1 ? values[0] : values]))]));
}

function asList(value: string | readonly string[]): string[] {
    return typeof value === "string" ? [value] : [...value];
}

/** `slices.Sort` then `slices.Reverse`: byte-wise descending. */
export function reverseSorted(values: readonly string[]): string[] {
    return [...values].sort((a, b) => compareBytes(b, a));
}

/** The provider's rule for a config string set: one value as a string, several sorted in reverse. */
export function oneOrReverseSorted(values: readonly string[]): string | string[] {
    return values.length === 1 ? values[0] : reverseSorted(values);
}
