import * as assert from "assert";

import * as fc from "fast-check";

import { UNKNOWN_SENTINELS, UnknownValueError, unknownCheckingProxy, unknownCheckingTarget } from "../../../policypack/lib/runtime";
import { Read, readProp, toPlain } from "../../../policypack/lib/values";

const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const UNKNOWN_ARRAY = "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2";

/** What a read through the proxy gives: the reference readProp must equal. */
function throughProxy(props: Record<string, unknown>, key: string): Read | { thrown: unknown } {
    try {
        return { known: true, value: toPlain(props[key]) };
    } catch (e) {
        return e instanceof UnknownValueError ? { known: false, error: e } : { thrown: e };
    }
}

/** A read as data: an error's class, message and path, so that two reads compare whole. */
function shape(r: Read | { thrown: unknown }): unknown {
    if ("thrown" in r) {
        return { thrown: String(r.thrown) };
    }
    return r.known ? r : { known: false, isRuntimeClass: r.error instanceof UnknownValueError, message: r.error.message, props: r.error.props };
}

describe("lib/values", () => {
    describe("readProp on the runtime's unknown-checking props", () => {
        it("copies a known value out as plain data, sharing nothing with the props", () => {
            const raw = { policyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"], tags: { team: "data" } };
            const read = readProp(unknownCheckingProxy(raw), "tags");
            assert.deepStrictEqual(read, { known: true, value: { team: "data" } });
            assert.notStrictEqual((read as { value: unknown }).value, raw.tags);
        });

        it("returns the runtime's error, with the path the proxy gives, for an unknown nested value", () => {
            const raw = { inlinePolicies: [{ name: "a", policy: "{}" }, { name: "b", policy: UNKNOWN_STRING }] };
            const read = readProp(unknownCheckingProxy(raw), "inlinePolicies");
            assert.deepStrictEqual(shape(read), {
                known: false,
                isRuntimeClass: true,
                message: "string value at .inlinePolicies.1.policy can't be known during preview",
                props: ["inlinePolicies", "1", "policy"],
            });
        });

        it("reports the first unknown value in the order a copy through the proxy meets it", () => {
            const raw = { a: { x: [1, UNKNOWN_ARRAY], y: UNKNOWN_STRING } };
            assert.deepStrictEqual(shape(readProp(unknownCheckingProxy(raw), "a")), shape(throughProxy(unknownCheckingProxy(raw), "a")));
            assert.deepStrictEqual((readProp(unknownCheckingProxy(raw), "a") as { error: { props: unknown } }).error.props, ["a", "x", "1"]);
        });

        // Objects as the runtime deserialises them, with Object's prototype: its proxy does not look
        // inside an object without one (the fast path does, which only reports more unknowns).
        it("gives what a copy through the proxy gives, for any JSON with or without unknowns", () => {
            const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom(...[...UNKNOWN_SENTINELS].map(String)));
            const json = fc.letrec(tie => ({
                value: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("value"), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 4 }), tie("value"), { maxKeys: 4, noNullPrototype: true })),
            })).value;
            fc.assert(
                fc.property(fc.dictionary(fc.constantFrom("policy", "users", "tags"), json, { noNullPrototype: true }), fc.constantFrom("policy", "users", "tags", "absent"), (raw, key) => {
                    assert.deepStrictEqual(shape(readProp(unknownCheckingProxy(raw), key)), shape(throughProxy(unknownCheckingProxy(raw), key)));
                }),
                { seed: 20261123, numRuns: 300 },
            );
        });
    });

    describe("unknownCheckingTarget", () => {
        it("finds the props behind the runtime's proxy, and nothing behind plain data that names its keys", () => {
            const raw = { name: "alice" };
            const impostor = { __isSpecialProxy: true, __getSpecialProxyTarget: { name: "mallory" } };
            assert.deepStrictEqual([unknownCheckingTarget(unknownCheckingProxy(raw)) === raw, unknownCheckingTarget(impostor)], [true, undefined]);
        });

        it("reads plain props (a policy assigned them) through the ordinary copy", () => {
            assert.deepStrictEqual(readProp({ __isSpecialProxy: true, __getSpecialProxyTarget: { name: "mallory" }, name: "alice" }, "name"), { known: true, value: "alice" });
        });
    });
});
