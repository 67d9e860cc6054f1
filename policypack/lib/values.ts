/**
 * Reading resource props. Props arrive wrapped by the runtime's unknown-checking proxy; a read
 * copies the value out into plain data once, so that analysis never touches the proxy again, and
 * turns an unknown value into a typed result instead of an exception.
 */
import { isUnknownValueError, UNKNOWN_SENTINELS, UnknownValueError, UnknownValueErrorLike, unknownCheckingTarget } from "./runtime";

/** A value read from props: known (plain data, no proxies) or unknown during preview. */
export type Read = { readonly known: true; readonly value: unknown } | { readonly known: false; readonly error: UnknownValueErrorLike };

/**
 * Reads `props[key]` and copies it out. Other errors propagate (the rule kit fails closed on them).
 *
 * Props wrapped by the runtime's unknown-checking proxy are read from the object it wraps, in one
 * walk that checks every value for the runtime's unknown sentinels in the order a copy through the
 * proxy reads them, and throws nothing: the result, and the error of an unknown value (the
 * runtime's class, the same path), are what {@link toPlain} through the proxy gives, without a
 * proxy, a path array and a property descriptor for every value read.
 */
export function readProp(props: Record<string, unknown>, key: string): Read {
    const target = unknownCheckingTarget(props);
    if (target) {
        const path: string[] = [key];
        const copy = copyKnown(target[key], path);
        return copy === UNKNOWN ? { known: false, error: new UnknownValueError(path.pop() as string, path) } : { known: true, value: copy };
    }
    try {
        return { known: true, value: toPlain(props[key]) };
    } catch (e) {
        if (isUnknownValueError(e)) {
            return { known: false, error: e };
        }
        throw e;
    }
}

/** A deep copy of `value` made of arrays, plain objects and primitives. Reads through proxies. */
export function toPlain(value: unknown): unknown {
    if (Array.isArray(value)) {
        const out: unknown[] = [];
        for (let i = 0; i < value.length; i++) {
            out.push(toPlain(value[i]));
        }
        return out;
    }
    if (value !== null && typeof value === "object") {
        const source = value as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(source)) {
            out[k] = toPlain(source[k]);
        }
        return out;
    }
    return value;
}

/** What {@link copyKnown} returns on meeting an unknown value. */
const UNKNOWN = Symbol("unknown");

/**
 * A deep copy of `value` (as {@link toPlain} makes it), or {@link UNKNOWN} on the first unknown
 * sentinel met, depth first in key order; then `path` holds the path to it followed by the sentinel.
 */
function copyKnown(value: unknown, path: string[]): unknown {
    if (typeof value === "string") {
        if (UNKNOWN_SENTINELS.has(value)) {
            path.push(value);
            return UNKNOWN;
        }
        return value;
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    const source = value as Record<string, unknown>;
    const keys = Array.isArray(value) ? undefined : Object.keys(source);
    const length = keys ? keys.length : (value as unknown[]).length;
    const out: unknown = keys ? {} : [];
    for (let i = 0; i < length; i++) {
        const k = keys ? keys[i] : String(i);
        path.push(k);
        const item = copyKnown(source[k], path);
        if (item === UNKNOWN) {
            return UNKNOWN;
        }
        path.pop();
        if (keys) {
            (out as Record<string, unknown>)[k] = item;
        } else {
            (out as unknown[]).push(item);
        }
    }
    return out;
}

/** The property path of an unknown read, as `.a.b[0]`-ish text: `.policy`, `.users.0`. */
export function unknownPath(error: UnknownValueErrorLike): string {
    return "." + error.props.map(p => String(p)).join(".");
}

/** A string, or undefined for anything else. */
export function asString(value: unknown): string | undefined {
    return typeof value === "string" ? value : undefined;
}

/**
 * The strings in a reference property: a string, a list of strings, or resource references
 * (`{ urn, id }` objects, which some SDKs send for `string | Resource` inputs; their `id` is the name).
 * Non-string junk is returned in `invalid` so that a rule can fail closed on it.
 */
export function referenceStrings(value: unknown): { values: string[]; urns: string[]; invalid: boolean } {
    const values: string[] = [];
    const urns: string[] = [];
    let invalid = false;
    const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
    for (const item of items) {
        if (typeof item === "string") {
            values.push(item);
        } else if (item !== null && typeof item === "object") {
            const ref = item as Record<string, unknown>;
            if (typeof ref.urn === "string") {
                urns.push(ref.urn);
            }
            if (typeof ref.id === "string" && ref.id !== "") {
                values.push(ref.id);
            }
            if (typeof ref.urn !== "string" && typeof ref.id !== "string") {
                invalid = true;
            }
        } else {
            invalid = true;
        }
    }
    return { values, urns, invalid };
}
