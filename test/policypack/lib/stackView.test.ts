import * as assert from "assert";

import { PolicyResource } from "@pulumi/policy";

import { HostResource } from "../../../policypack/lib/hostObjects";
import { RunProps } from "../../../policypack/lib/props";
import { StackView } from "../../../policypack/lib/stackView";
import { toPlain } from "../../../policypack/lib/values";
import { resource, T } from "../fixtures";

const USER: HostResource = resource(T.user, "alice", { name: "alice", tags: { team: "data" } });
const KEY: HostResource = { ...resource(T.accessKey, "key", { user: "alice" }, { user: [USER] }), parent: USER.urn };
const STACK = [USER, KEY];

describe("lib/stackView", () => {
    it("resolves a stack resource's parent, dependencies and propertyDependencies to the same call's objects", () => {
        const view = new StackView(new RunProps(STACK));
        const [user, key] = view.resources;
        assert.deepStrictEqual(
            [key.parent === user, key.dependencies.length === 1 && key.dependencies[0] === user, key.propertyDependencies.user[0] === user, user.parent, user.dependencies],
            [true, true, true, undefined, []],
        );
        const other = new StackView(new RunProps(STACK));
        assert.notStrictEqual(other.resources[1].parent, user, "another call has its own objects");
    });

    it("gives each call its own props, and keeps what a policy assigns", () => {
        const run = new RunProps(STACK);
        const [a, b] = [new StackView(run), new StackView(run)];
        (a.resources[0].props.tags as Record<string, string>).team = "changed";
        const replaced: PolicyResource[] = [];
        a.resources[1].dependencies = replaced;
        a.resources[1].props = { user: "bob" };
        assert.deepStrictEqual(
            [toPlain(b.resources[0].props), toPlain(a.resources[0].props), a.resources[1].dependencies === replaced, a.resources[1].props, toPlain(b.resources[1].props)],
            [{ name: "alice", tags: { team: "data" } }, { name: "alice", tags: { team: "changed" } }, true, { user: "bob" }, { user: "alice" }],
        );
    });

});
