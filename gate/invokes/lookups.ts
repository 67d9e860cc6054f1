/**
 * Answers for look-ups (functions that read the cloud), built from the shape @pulumi/aws declares
 * for each function's result (data/aws-functions.json): every field holds an unknown marker
 * (markers.ts) — a string field a marker, a list one marked element, a map one marked entry, an
 * object its own fields marked — except the fields that repeat an argument the program gave, which
 * the provider returns as given.
 */
import { InvokeArgs } from "./args";
import { awsFunctions, Shape } from "./data";
import { hasMarker, markerFor } from "./markers";

/** The result shape of `token`, when it is a function of @pulumi/aws. */
export function shapeOf(token: string): Shape | undefined {
    return awsFunctions().functions[token];
}

/** An answer to `token` whose every field is unknown, but for the arguments it repeats. */
export function unknownResult(token: string, args: InvokeArgs = {}): Record<string, unknown> {
    const shape = shapeOf(token);
    if (shape === undefined) {
        throw new Error(`${token} is not a function of @pulumi/aws`);
    }
    if (!isFields(shape)) {
        return { result: markerFor(token, "result") };
    }
    const out = marked(shape, token, "") as Record<string, unknown>;
    for (const [key, value] of Object.entries(args)) {
        if (key in shape && value !== undefined && value !== null && !hasMarker(value)) {
            out[key] = value;
        }
    }
    return out;
}

function marked(shape: Shape, token: string, path: string): unknown {
    if (typeof shape === "string") {
        return shape.startsWith("@") ? marked(awsFunctions().types[shape.slice(1)], token, path) : markerFor(token, path);
    }
    if (Array.isArray(shape)) {
        return [marked(shape[0], token, `${path}[0]`)];
    }
    const fields = shape as Readonly<Record<string, Shape>>;
    if (isMap(fields)) {
        return { [markerFor(token, `${path}.key`)]: marked(fields["*"], token, `${path}.*`) };
    }
    return Object.fromEntries(Object.entries(fields).map(([k, s]) => [k, marked(s, token, path ? `${path}.${k}` : k)]));
}

/** True for an object shape with named fields (not a map, not a scalar or list). */
export function isFields(shape: Shape): shape is Readonly<Record<string, Shape>> {
    return typeof shape === "object" && !Array.isArray(shape) && !isMap(shape as Readonly<Record<string, Shape>>);
}

function isMap(shape: Readonly<Record<string, Shape>>): boolean {
    const keys = Object.keys(shape);
    return keys.length === 1 && keys[0] === "*";
}

const SCALARS: Readonly<Record<string, string>> = { s: "string", n: "number", b: "boolean" };

/**
 * Why `value` does not fit `shape` (the path named, starting with `at`), or undefined when it fits.
 * `null` fits anything: an absent value.
 */
export function misfit(shape: Shape, value: unknown, at: string): string | undefined {
    if (value === null) {
        return undefined;
    }
    if (typeof shape === "string") {
        if (shape.startsWith("@")) {
            return misfit(awsFunctions().types[shape.slice(1)], value, at);
        }
        const want = SCALARS[shape];
        return want === undefined || typeof value === want ? undefined : `${at} must be a ${want}`;
    }
    if (Array.isArray(shape)) {
        return Array.isArray(value) ? value.map((v, i) => misfit(shape[0], v, `${at}[${i}]`)).find(m => m !== undefined) : `${at} must be a list`;
    }
    if (typeof value !== "object" || Array.isArray(value)) {
        return `${at} must be an object`;
    }
    const fields = shape as Readonly<Record<string, Shape>>;
    const entries = Object.entries(value as Record<string, unknown>);
    if (isMap(fields)) {
        return entries.map(([k, v]) => misfit(fields["*"], v, `${at}.${k}`)).find(m => m !== undefined);
    }
    for (const [k, v] of entries) {
        if (!(k in fields)) {
            return `${at}.${k} is not a field (fields: ${Object.keys(fields).join(", ")})`;
        }
        const m = misfit(fields[k], v, `${at}.${k}`);
        if (m !== undefined) {
            return m;
        }
    }
    return undefined;
}
