/**
 * Readers for an invoke's arguments as the program passed them (Pulumi names, deserialised): each
 * names the argument it refuses. `undefined` and `null` both mean "not given".
 */
import { InvokeFailure } from "./errors";

/** The arguments of one invoke. */
export type InvokeArgs = Readonly<Record<string, unknown>>;

/** `value` as an object. */
export function record(value: unknown, at: string): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new InvokeFailure(`${at} must be an object`);
    }
    return value as Record<string, unknown>;
}

/** `value` as a list; absent is empty. */
export function list(value: unknown, at: string): unknown[] {
    if (value === undefined || value === null) {
        return [];
    }
    if (!Array.isArray(value)) {
        throw new InvokeFailure(`${at} must be a list`);
    }
    return value;
}

/** `value` as a list of strings; absent is empty. */
export function strings(value: unknown, at: string): string[] {
    return list(value, at).map((v, i) => {
        if (typeof v !== "string") {
            throw new InvokeFailure(`${at}[${i}] must be a string`);
        }
        return v;
    });
}

/** `value` as a string, or undefined when absent. */
export function optional(value: unknown, at: string): string | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    if (typeof value !== "string") {
        throw new InvokeFailure(`${at} must be a string`);
    }
    return value;
}

/** `value` as a string that must be given. */
export function required(value: unknown, at: string): string {
    const v = optional(value, at);
    if (v === undefined) {
        throw new InvokeFailure(`${at} is required`);
    }
    return v;
}
