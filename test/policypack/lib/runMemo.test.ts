import * as assert from "assert";

import { currentRunMemo, withRunMemo } from "../../../policypack/lib/runMemo";

describe("lib/runMemo", () => {
    it("builds each value once per run, keeps runs apart (even overlapping ones), and is absent outside a run", async () => {
        let builds = 0;
        const value = async (run: string) => {
            const first = currentRunMemo()?.get("k", () => `${run}-${++builds}`);
            await new Promise(resolve => setImmediate(resolve));
            return [first, currentRunMemo()?.get("k", () => "rebuilt")];
        };
        const results = await Promise.all([withRunMemo(() => value("a")), withRunMemo(() => value("b"))]);
        assert.deepStrictEqual([results, builds, currentRunMemo()], [[["a-1", "a-1"], ["b-2", "b-2"]], 2, undefined]);
    });

    it("builds again after a build that threw", async () => {
        const attempts: number[] = [];
        await withRunMemo(async () => {
            assert.throws(() => currentRunMemo()?.get("k", () => (attempts.push(1), assert.fail("boom"))), { message: "boom" });
            assert.strictEqual(currentRunMemo()?.get("k", () => (attempts.push(2), "ok")), "ok");
        });
        assert.deepStrictEqual(attempts, [1, 2]);
    });
});
