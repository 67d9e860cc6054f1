import * as assert from "assert";

import { runPolicies } from "../../../policypack/host";
import { defineRule } from "../../../policypack/lib/rule";
import { resource, T, urn } from "../fixtures";

const USER = resource(T.user, "alice", { name: "alice" });

describe("lib/rule defineRule", () => {
    it("turns an exception in a resource check into a violation naming the rule and the resource", async () => {
        const rule = defineRule({
            name: "throws",
            description: "d",
            enforcementLevel: "mandatory",
            fix: "f",
            config: () => ({}),
            resource: { types: [T.user], check: () => { throw new TypeError("cannot read x of undefined."); } },
        });
        const result = await runPolicies([rule], [USER]);
        assert.deepStrictEqual(result.diagnostics, [
            {
                policyName: "throws",
                enforcementLevel: "mandatory",
                urn: urn(T.user, "alice"),
                description: "d",
                message:
                    "throws failed while judging User 'alice': cannot read x of undefined. A rule that cannot finish fails closed, so this counts as a violation. " +
                    "Fix: correct the resource's properties if they are malformed, or report the failure to the pack's maintainers.",
            },
        ]);
    });

    it("turns an exception in a stack check into a violation about the stack, and reports each finding once", async () => {
        const rule = defineRule({
            name: "stacky",
            description: "d",
            enforcementLevel: "advisory",
            fix: "f",
            config: () => ({}),
            stack: (resources, _config, judge) => {
                judge.report({ urn: resources[0].urn, message: "same. why. Fix: how." });
                judge.report({ urn: resources[0].urn, message: "same. why. Fix: how." });
                throw new Error("graph exploded");
            },
        });
        const result = await runPolicies([rule], [USER]);
        assert.deepStrictEqual(
            result.diagnostics.map(d => [d.urn, d.message]),
            [
                [USER.urn, "same. why. Fix: how."],
                [undefined, "stacky failed while judging the stack: graph exploded. A rule that cannot finish fails closed, so this counts as a violation. Fix: correct the resource's properties if they are malformed, or report the failure to the pack's maintainers."],
            ],
        );
    });

    it("falls back to the defaults when a settings reader throws", async () => {
        const rule = defineRule({
            name: "picky",
            description: "d",
            enforcementLevel: "mandatory",
            fix: "f",
            config: raw => {
                if (raw.limit !== undefined) {
                    throw new Error("bad limit");
                }
                return { limit: 1 };
            },
            resource: { types: [T.user], check: (r, config, judge) => judge.report({ urn: r.urn, message: `limit ${config.limit}. why. Fix: how.` }) },
        });
        const result = await runPolicies([rule], [USER], { picky: { limit: "x" } });
        assert.deepStrictEqual(result.diagnostics.map(d => d.message), ["limit 1. why. Fix: how."]);
    });
});
