/**
 * The engine's words, for the gate to say what the engine would say: gojsonschema's validation
 * messages (its default locale, `<field>: <description>`), and JSON values as Go's `%v` and `%T`
 * print them once decoded.
 */
import type { ErrorObject } from "ajv";

/** An Ajv error as gojsonschema words it (`<field>: <description>`, the root's field dropped as the engine drops it). */
export function gojsonschemaMessage(e: ErrorObject): string {
    const path = e.instancePath.split("/").slice(1).join(".");
    const field = path || "(root)";
    const params = e.params as Record<string, unknown>;
    const on = (context: string, description: string) => (context === "(root)" ? description : `${context}: ${description}`);
    switch (e.keyword) {
        case "required":
            return on(field, `${String(params["missingProperty"])} is required`);
        case "additionalProperties":
            return on(field, `Additional property ${String(params["additionalProperty"])} is not allowed`);
        case "type":
            return on(field, `Invalid type. Expected: ${[params["type"]].flat().join(",")}, given: ${jsonType(e.data)}`);
        case "enum":
            return on(field, `${field} must be one of the following: ${(params["allowedValues"] as unknown[]).map(v => JSON.stringify(v)).join(", ")}`);
        case "minLength":
            return on(field, `String length must be greater than or equal to ${String(params["limit"])}`);
        case "maxLength":
            return on(field, `String length must be less than or equal to ${String(params["limit"])}`);
        case "pattern":
            return on(field, `Does not match pattern '${String(params["pattern"])}'`);
        case "format":
            return on(field, `Does not match format '${String(params["format"])}'`);
        case "minimum":
        case "exclusiveMinimum":
        case "maximum":
        case "exclusiveMaximum": {
            const words = { minimum: "greater than or equal to", exclusiveMinimum: "greater than", maximum: "less than or equal to", exclusiveMaximum: "less than" };
            return on(field, `Must be ${words[e.keyword]} ${String(params["limit"])}`);
        }
        case "minItems":
            return on(field, `Array must have at least ${String(params["limit"])} items`);
        case "maxItems":
            return on(field, `Array must have at most ${String(params["limit"])} items`);
        case "uniqueItems":
            return on(field, "array items must be unique");
        default:
            return on(field, e.message ?? e.keyword);
    }
}

function jsonType(v: unknown): string {
    if (v === null) {
        return "null";
    }
    if (Array.isArray(v)) {
        return "array";
    }
    return typeof v === "number" ? (Number.isInteger(v) ? "integer" : "number") : typeof v;
}

/** A JSON value as Go's `%T` names its decoded type. */
export function goType(v: unknown): string {
    return v === null ? "<nil>" : Array.isArray(v) ? "[]interface {}" : typeof v === "object" ? "map[string]interface {}" : typeof v === "number" ? "float64" : typeof v === "boolean" ? "bool" : "string";
}

/** A JSON value as Go's `%v` prints its decoded form. */
export function goValue(v: unknown): string {
    if (v === null) {
        return "<nil>";
    }
    if (Array.isArray(v)) {
        return `[${v.map(goValue).join(" ")}]`;
    }
    if (typeof v === "object") {
        return `map[${Object.keys(v as object).sort().map(k => `${k}:${goValue((v as Record<string, unknown>)[k])}`).join(" ")}]`;
    }
    return String(v);
}
