/**
 * Typed access to the parts of @pulumi/policy's runtime that its type declarations leave out:
 * `unknownCheckingProxy` and `UnknownValueError` are exported at run time (≥1.21) but typed as
 * `any`. Everything in the pack goes through these two names.
 *
 * They come from the module that defines them, `@pulumi/policy/proxy` (the package's index
 * re-exports the same objects): loading the index loads all of @pulumi/pulumi, which the offline
 * gate on a stack export never needs.
 */
interface ProxyModule {
    UnknownValueError: new (sentinel: string, props: PropertyKey[]) => UnknownValueErrorLike;
    unknownCheckingProxy: <T extends object>(value: T) => T;
    isSpecialProxy: string;
    getSpecialProxyTarget: string;
    unknownBooleanValue: string;
    unknownNumberValue: string;
    unknownStringValue: string;
    unknownArrayValue: string;
    unknownAssetValue: string;
    unknownArchiveValue: string;
    unknownObjectValue: string;
}
import { types } from "util";

const policy = require("@pulumi/policy/proxy") as ProxyModule;

/** The error the runtime's proxy throws when a rule reads a value unknown during preview. */
export interface UnknownValueErrorLike extends Error {
    /** The property path that was read, from the resource's props. */
    readonly props: readonly PropertyKey[];
}

/** The runtime's class; `instanceof` against it is how the server recognises unknowns. */
export const UnknownValueError: new (sentinel: string, props: PropertyKey[]) => UnknownValueErrorLike = policy.UnknownValueError;

/** Wraps props so that reading an unknown value throws {@link UnknownValueError}, as the server does. */
export const unknownCheckingProxy: <T extends object>(value: T) => T = policy.unknownCheckingProxy;

/**
 * The value the engine sends for a value unknown during preview (the wire's unknown sentinel, which
 * the runtime keeps as the unknown string): a prop holding it reads as unknown.
 */
export const UNKNOWN_VALUE: string = policy.unknownStringValue;

/** The runtime's sentinels for values unknown during preview (the proxy throws on exactly these). */
export const UNKNOWN_SENTINELS: ReadonlySet<unknown> = new Set([
    policy.unknownBooleanValue,
    policy.unknownNumberValue,
    policy.unknownStringValue,
    policy.unknownArrayValue,
    policy.unknownAssetValue,
    policy.unknownArchiveValue,
    policy.unknownObjectValue,
]);

/**
 * The object an unknown-checking proxy wraps (the props the runtime deserialised for this call), or
 * undefined for anything else. Only a real Proxy is asked, so plain data that happens to have a key
 * of that name is never taken for one.
 */
export function unknownCheckingTarget(value: object): Record<string, unknown> | undefined {
    if (!types.isProxy(value)) {
        return undefined;
    }
    const p = value as Record<string, unknown>;
    if (p[policy.isSpecialProxy] !== true) {
        return undefined;
    }
    const target = p[policy.getSpecialProxyTarget];
    return target !== null && typeof target === "object" ? (target as Record<string, unknown>) : undefined;
}

/** True when `e` was thrown by the runtime's unknown-checking proxy. */
export function isUnknownValueError(e: unknown): e is UnknownValueErrorLike {
    return e instanceof UnknownValueError;
}
