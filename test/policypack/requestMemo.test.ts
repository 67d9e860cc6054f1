/**
 * The request memo (policypack/lib/runMemo.ts, `withRequestMemo`) under the real runtime: a pack of two
 * stack policies (test/fixtures/packs/request-memo) served by run-policy-pack and driven over gRPC. The
 * memo relies on what @pulumi/policy hands its stack policies (each request's `opts` arrays, shared by
 * its policies, never by two requests); should a runtime stop doing so, this test fails, and the pack
 * only gets slower (each policy builds its own), never wrong.
 */
import * as assert from "assert";
import * as path from "path";

import { withRequestMemo, currentRunMemo } from "../../policypack/lib/runMemo";
import { Analyzer, startAnalyzer } from "../support/analyzer";
import { Diagnostic } from "../support/wire";
import { goodStack } from "./fixtures";

const FIXTURE = path.join(__dirname, "..", "fixtures", "packs", "request-memo");

const memo = (policyName: string, message: string): Diagnostic => ({
    policyName,
    message: `Reports the request memo ${policyName} ran with.\n${message}`,
    enforcementLevel: "advisory",
});

describe("lib/runMemo request memo", () => {
    describe("under the runtime, over gRPC", function () {
        this.timeout(120_000);
        let analyzer: Analyzer;

        before(async () => {
            analyzer = await startAnalyzer(FIXTURE);
        });
        after(async () => {
            await analyzer?.close();
        });

        it("gives the stack policies of one AnalyzeStack request one memo, and each request its own", async () => {
            const stack = goodStack();
            const requests = [await analyzer.analyzeStack(stack), await analyzer.analyzeStack(stack), await analyzer.analyzeStack(stack.slice(1))];
            assert.deepStrictEqual(requests, [
                [memo("first", "memo 1"), memo("second", "memo 1")],
                [memo("first", "memo 2"), memo("second", "memo 2")],
                [memo("first", "memo 3"), memo("second", "memo 3")],
            ]);
        });
    });

    describe("when the request cannot be told", () => {
        const probe = (resources: Parameters<typeof withRequestMemo>[0]) => withRequestMemo(resources, () => currentRunMemo());

        it("gives each call a memo of its own when every call gets arrays of its own (a runtime that copies them)", () => {
            const fresh = () => [{ opts: { ignoreChanges: [], aliases: [] } }, { opts: { ignoreChanges: [], aliases: [] } }];
            const [a, b] = [probe(fresh()), probe(fresh())];
            assert.deepStrictEqual([a !== undefined, b !== undefined, a === b], [true, true, false]);
        });

        it("runs without a memo when resources carry no options, or one array serves every list", () => {
            const shared: string[] = [];
            assert.deepStrictEqual(
                [probe([]), probe([{}, {}]), probe([{ opts: { ignoreChanges: shared, aliases: shared } }, { opts: { ignoreChanges: shared, aliases: shared } }])],
                [undefined, undefined, undefined],
            );
        });

        it("shares one memo between calls that get the same request's arrays, and no memo is left once they return", () => {
            const first = { opts: { ignoreChanges: [], aliases: [] } };
            const last = { opts: { ignoreChanges: [], aliases: [] } };
            const a = probe([first, last]);
            const b = probe([{ ...first }, { ...last }]);
            assert.deepStrictEqual([a !== undefined, a === b, currentRunMemo()], [true, true, undefined]);
        });
    });
});
