/**
 * Unknown markers: how a look-up's answer stays unknown all the way to the pack.
 *
 * An invoke's result reaches the program as plain values, which cannot carry the SDK's unknown. So
 * every field of a look-up's result holds a marker string instead: a word ({@link MARKER_WORD}) and
 * the invoke and field it stands for, `GATEUNKNOWN_aws_iam_getRole_getRole__arn`. Strings survive
 * what programs do with them (interpolation, JSON, `toLowerCase`, `split`), and a field named like
 * an ARN holds an ARN-shaped marker (`arn:M:M:M:M:M/M`), so `arn.split(":")[4]` or
 * `arn.split("/").pop()` still yields a marker. Numbers and booleans are markers too: one flowing
 * into a prop is seen; arithmetic on it gives NaN, which is treated as unknown as well; a branch on
 * one is not tracked (a non-empty string is truthy).
 *
 * Where the gate turns recorded props into the pack's props (gate/resources.ts), any string holding
 * a marker, any NaN, and any object with a marker key become the runtime's unknown value, so the
 * rules report "unknown during preview" and fail closed, as in a first `pulumi preview`.
 */
import { UNKNOWN_VALUE } from "../../policypack/lib/runtime";

/** The word every marker holds (matched case-insensitively). */
export const MARKER_WORD = "GATEUNKNOWN";

const WORD = new RegExp(MARKER_WORD, "i");

/** The marker for `path` (`arn`, `tags.*`, `roles[0].name`) of the result of `token`. */
export function markerFor(token: string, path: string): string {
    const tag = `${MARKER_WORD}_${safe(token)}__${safe(path)}`;
    return /arns?(\[0\])?$/i.test(path) ? `arn:${tag}:${tag}:${tag}:${tag}:${tag}/${tag}` : tag;
}

function safe(text: string): string {
    return text.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_|_$/g, "");
}

/** True when `value` (a string, or anything holding strings) holds a marker. */
export function hasMarker(value: unknown): boolean {
    if (typeof value === "string") {
        return WORD.test(value);
    }
    if (typeof value === "object" && value !== null) {
        return Object.entries(value).some(([k, v]) => WORD.test(k) || hasMarker(v));
    }
    return false;
}

/** `value` with every marked string, NaN, marker-keyed object and SDK unknown replaced by the unknown value. */
export function withUnknowns(value: unknown): unknown {
    if (typeof value === "string") {
        return WORD.test(value) ? UNKNOWN_VALUE : value;
    }
    if (typeof value === "number") {
        return Number.isNaN(value) ? UNKNOWN_VALUE : value;
    }
    if (Array.isArray(value)) {
        return value.map(withUnknowns);
    }
    if (typeof value === "object" && value !== null) {
        if ((value as { __pulumiUnknown?: unknown }).__pulumiUnknown === true) {
            return UNKNOWN_VALUE; // the SDK's own unknown (an output not known during preview), from any copy of it
        }
        const entries = Object.entries(value);
        if (entries.some(([k]) => WORD.test(k))) {
            return UNKNOWN_VALUE;
        }
        return Object.fromEntries(entries.map(([k, v]) => [k, withUnknowns(v)]));
    }
    return value;
}
