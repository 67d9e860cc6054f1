import * as assert from "assert";

import { StackGraph } from "../../../policypack/lib/graph";
import { RuleResource } from "../../../policypack/lib/rule";
import { withRunMemo } from "../../../policypack/lib/runMemo";
import { T, urn } from "../fixtures";

/** A stack of a user and an inline policy whose document cannot be read at all. */
function stack(): RuleResource[] {
    const user = { urn: urn(T.user, "alice"), name: "alice", type: T.user, props: { name: "alice" } };
    const props = Object.defineProperty({ user: "alice" }, "policy", {
        enumerable: true,
        get: () => {
            throw new Error("unreadable");
        },
    });
    return [user, { urn: urn(T.userPolicy, "inline"), name: "inline", type: T.userPolicy, props }];
}

/** A rule's guard: records which resources failed to index, and why. */
function guard(log: string[]) {
    return (r: RuleResource, fn: () => void) => {
        try {
            fn();
        } catch (e) {
            log.push(`${r.name}: ${(e as Error).message}`);
        }
    };
}

describe("lib/graph StackGraph.shared", () => {
    it("in a host run, builds the graph once, and reports its index failures to every rule as if each had built it", async () => {
        const resources = stack();
        const [a, b] = [[] as string[], [] as string[]];
        const graphs = await withRunMemo(async () => [StackGraph.shared(resources, guard(a)), StackGraph.shared(resources, guard(b))]);
        assert.deepStrictEqual([graphs[0] === graphs[1], a, b], [true, ["inline: unreadable"], ["inline: unreadable"]]);
    });

    it("outside a host run (under the engine), builds a graph per rule", () => {
        const resources = stack();
        const log: string[] = [];
        const [g1, g2] = [StackGraph.shared(resources, guard(log)), StackGraph.shared(resources, guard(log))];
        assert.deepStrictEqual([g1 === g2, log], [false, ["inline: unreadable", "inline: unreadable"]]);
    });
});
