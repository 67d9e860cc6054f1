import * as assert from "assert";

import { specialAssetSig, specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";

import { HostResource } from "../../../policypack/host";
import { PropsSource, RunProps, SPECIAL_SIG_KEY } from "../../../policypack/lib/props";
import { isUnknownValueError, unknownCheckingProxy } from "../../../policypack/lib/runtime";
import { toPlain } from "../../../policypack/lib/values";
import { UNKNOWN } from "../fixtures";

interface DeserializeModule {
    deserializeProperties(struct: { toJavaScript(): unknown }, proxySecrets: boolean): Record<string, unknown>;
}
const runtime: DeserializeModule = require("@pulumi/policy/deserialize");

/** What the runtime's server hands a policy for these props: a Struct's JSON, deserialised, proxied. */
function asServer(props: Record<string, unknown>): Record<string, unknown> {
    const json = JSON.parse(JSON.stringify(props)) as Record<string, unknown>;
    return unknownCheckingProxy(runtime.deserializeProperties({ toJavaScript: () => json }, false));
}

const SECRET = { [specialSigKey]: specialSecretSig, value: { password: "hunter2", list: ["a", { b: 1 }] } };
const ASSET = { [specialSigKey]: specialAssetSig, text: "hello" };

describe("lib/props", () => {
    it("pins the runtime's signature key", () => {
        assert.strictEqual(SPECIAL_SIG_KEY, specialSigKey);
    });

    const cases: [string, Record<string, unknown>][] = [
        ["plain JSON", { name: "alice", tags: { team: "data" }, list: [1, "two", null, { three: [true] }], empty: {} }],
        ["a secret below the top level", { user: "alice", password: SECRET, nested: { again: [SECRET] } }],
        ["an asset", { code: ASSET }],
        ["a signature key at the top level only (the runtime ignores it there)", { [specialSigKey]: specialSecretSig, value: "plain" }],
        ["values JSON drops or changes", { gone: undefined, list: [undefined, NaN, -0, Infinity], when: new Date(0), fn: () => 1 }],
    ];
    for (const [what, props] of cases) {
        it(`gives a policy what the server gives it: ${what}`, () => {
            assert.deepStrictEqual(toPlain(new PropsSource(props).fresh()), toPlain(asServer(props)));
        });
    }

    it("gives every policy its own copy, and never the props it was given", () => {
        const raw = { tags: { team: "data" }, list: [1] };
        const source = new PropsSource(raw);
        const a = source.fresh() as { tags: Record<string, string>; list: number[] };
        const b = source.fresh() as { tags: Record<string, string>; list: number[] };
        a.tags.team = "changed";
        a.list.push(2);
        assert.deepStrictEqual([toPlain(b), raw], [{ tags: { team: "data" }, list: [1] }, { tags: { team: "data" }, list: [1] }]);
    });

    it("throws the runtime's UnknownValueError when a policy reads an unknown value", () => {
        const props = new PropsSource({ name: UNKNOWN }).fresh();
        assert.throws(
            () => props.name,
            (e: unknown) => isUnknownValueError(e) && e.message === "string value at .name can't be known during preview",
        );
    });

    it("deserialises props with a signature at once, as the server does: an unreadable asset fails there", () => {
        assert.deepStrictEqual([new PropsSource({ code: ASSET }).eager, new PropsSource({ name: "x" }).eager], [true, false]);
        assert.throws(() => new PropsSource({ code: { [specialSigKey]: specialAssetSig } }).fresh(), { message: "Invalid asset encountered when unmarshaling resource property" });
    });

    it("gives a run's resources what the server gives, a fresh copy each time, with every kind of props", () => {
        const resources = cases.map(([what, props], i): HostResource => ({ urn: `urn:${i}`, type: "t", name: what, props }));
        const run = new RunProps(resources);
        const copies = resources.map((_, i) => [run.freshOwn(i), run.freshOwn(i)]);
        assert.deepStrictEqual(
            copies.map(([a, b]) => [toPlain(a), a !== b]),
            cases.map(([, props]) => [toPlain(asServer(props)), true]),
        );
        assert.deepStrictEqual(
            resources.map((_, i) => run.ownEager(i)),
            [false, true, true, false, false],
        );
    });

    it("indexes a run's resources by URN (the last of a duplicate, as the runtime's map) and shares a provider's props", () => {
        const provider = { urn: "urn:p", type: "pulumi:providers:aws", name: "p", props: { region: "eu-west-1" } };
        const r = (urn: string): HostResource => ({ urn, type: "t", name: urn, props: {}, provider });
        const run = new RunProps([r("urn:a"), r("urn:b"), r("urn:a")]);
        assert.deepStrictEqual(
            [run.indexOfUrn("urn:a"), run.indexOfUrn("urn:b"), run.indexOfUrn("urn:c"), run.providerProps(0) === run.providerProps(1), run.eager(0)],
            [2, 1, undefined, true, false],
        );
    });
});
