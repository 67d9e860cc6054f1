/**
 * Reads a `source_policy_documents` / `override_policy_documents` entry as the AWS provider does
 * (Go's `json.Unmarshal` into its policy model), quirks included, because they shape the output:
 * - keys match fields case-insensitively (`statement`, `action`); unknown keys are ignored; a
 *   later key for the same field wins; `null` leaves a field empty;
 * - Action/NotAction/Resource/NotResource are kept as written (a list keeps its order);
 * - a Principal given as any string becomes `"*"`; a principal list is sorted;
 * - condition values: a string stays, a boolean becomes its text, a list must hold strings, and a
 *   number, `null` or object is dropped;
 * - a statement that is `null`, a Principal that is `null` or not a string/object/list of strings, a
 *   list condition value holding a non-string, or a Statement that is not a list are errors (the
 *   provider fails or panics on them).
 */
import { compareBytes, GoValue, goMap, syntaxErrorText } from "./goJson";
import { Condition, emptyDoc, PolicyDoc, Principal, Statement } from "./model";

/** The provider could not read a document. */
export class DecodeError extends Error {}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Parses `text` and reads it into the model. */
export function decodeDoc(text: string): PolicyDoc {
    let parsed: Json;
    try {
        parsed = JSON.parse(text) as Json;
    } catch (e) {
        throw new DecodeError(syntaxErrorText(text, e as Error));
    }
    const doc = emptyDoc();
    if (parsed === null) {
        return doc;
    }
    const fields = structFields(parsed, "iamPolicyDoc", "");
    doc.version = stringField(fields.get("Version"), "iamPolicyDoc.Version");
    doc.id = stringField(fields.get("Id"), "iamPolicyDoc.Id");
    const statements = fields.get("Statement") ?? null;
    if (statements !== null) {
        if (!Array.isArray(statements)) {
            throw new DecodeError(`json: cannot unmarshal ${kind(statements)} into Go struct field iamPolicyDoc.Statement of type []*iam.iamPolicyStatement`);
        }
        doc.statements = statements.map((s, i) => statement(s, i));
    }
    return doc;
}

const DOC_FIELDS = ["Version", "Id", "Statement"];
const STATEMENT_FIELDS = ["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition"];

/** The object's values by field, matched as Go matches JSON keys to struct fields. */
function structFields(value: Json, struct: string, where: string): Map<string, Json> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new DecodeError(`json: cannot unmarshal ${kind(value)} into Go ${where ? `struct field ${where}` : "value"} of type iam.${struct}`);
    }
    const names = struct === "iamPolicyDoc" ? DOC_FIELDS : STATEMENT_FIELDS;
    const out = new Map<string, Json>();
    for (const [key, v] of Object.entries(value)) {
        const field = names.find(n => n === key) ?? names.find(n => fold(n) === fold(key));
        if (field) {
            out.set(field, v);
        }
    }
    return out;
}

function fold(s: string): string {
    return s.replace(/\u017f/g, "s").replace(/\u212a/g, "k").toLowerCase();
}

function statement(value: Json, index: number): Statement {
    if (value === null) {
        throw new DecodeError(`statement ${index} is null`);
    }
    const f = structFields(value, "iamPolicyStatement", "iamPolicyDoc.Statement");
    const any = (name: string): GoValue | undefined => {
        const v = f.get(name);
        return v === undefined || v === null ? undefined : goValue(v);
    };
    return {
        sid: stringField(f.get("Sid"), "iamPolicyStatement.Sid"),
        effect: stringField(f.get("Effect"), "iamPolicyStatement.Effect"),
        actions: any("Action"),
        notActions: any("NotAction"),
        resources: any("Resource"),
        notResources: any("NotResource"),
        principals: principals(f.get("Principal")),
        notPrincipals: principals(f.get("NotPrincipal")),
        conditions: conditions(f.get("Condition")),
    };
}

function stringField(value: Json | undefined, field: string): string {
    if (value === undefined || value === null) {
        return "";
    }
    if (typeof value !== "string") {
        throw new DecodeError(`json: cannot unmarshal ${kind(value)} into Go struct field ${field} of type string`);
    }
    return value;
}

function principals(value: Json | undefined): Principal[] {
    if (value === undefined) {
        return [];
    }
    if (typeof value === "string") {
        return [{ type: "*", identifiers: ["*"] }];
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new DecodeError(`Unsupported data type ${goType(value)} for IAMPolicyStatementPrincipalSet`);
    }
    return Object.entries(value).map(([type, ids]): Principal => {
        if (typeof ids === "string") {
            return { type, identifiers: ids };
        }
        if (!Array.isArray(ids)) {
            throw new DecodeError(`Unsupported data type ${goType(ids)} for IAMPolicyStatementPrincipalSet.Identifiers`);
        }
        const list = ids.map((id, i) => {
            if (typeof id !== "string") {
                throw new DecodeError(`Unsupported element type ${goType(id)} for IAMPolicyStatementPrincipalSet.Identifiers[${i}] (principal type "${type}"): must be string`);
            }
            return id;
        });
        return { type, identifiers: [...list].sort(compareBytes) };
    });
}

function conditions(value: Json | undefined): Condition[] {
    if (value === undefined || value === null) {
        return [];
    }
    if (typeof value !== "object" || Array.isArray(value)) {
        throw new DecodeError(`json: cannot unmarshal ${kind(value)} into Go value of type map[string]map[string]interface {}`);
    }
    const out: Condition[] = [];
    for (const [test, byVariable] of Object.entries(value)) {
        if (byVariable === null) {
            continue;
        }
        if (typeof byVariable !== "object" || Array.isArray(byVariable)) {
            throw new DecodeError(`json: cannot unmarshal ${kind(byVariable)} into Go value of type map[string]interface {}`);
        }
        for (const [variable, values] of Object.entries(byVariable)) {
            if (typeof values === "string") {
                out.push({ test, variable, values: [values] });
            } else if (typeof values === "boolean") {
                out.push({ test, variable, values: String(values) });
            } else if (Array.isArray(values)) {
                if (values.some(v => typeof v !== "string")) {
                    throw new DecodeError(`condition ${test} ${variable} holds a value that is not a string: the provider fails on it`);
                }
                out.push({ test, variable, values: values as string[] });
            }
        }
    }
    return out;
}

/** A JSON value as Go's `any` holds it: objects become maps (keys sorted when written). */
function goValue(v: Json): GoValue {
    if (Array.isArray(v)) {
        return v.map(goValue);
    }
    if (v !== null && typeof v === "object") {
        return goMap(Object.entries(v).map(([k, x]) => [k, goValue(x)] as const));
    }
    return v;
}

function kind(v: Json): string {
    return v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "boolean" ? "bool" : typeof v;
}

function goType(v: Json): string {
    return v === null ? "<nil>" : Array.isArray(v) ? "[]interface {}" : typeof v === "object" ? "map[string]interface {}" : typeof v === "number" ? "float64" : typeof v === "boolean" ? "bool" : "string";
}
