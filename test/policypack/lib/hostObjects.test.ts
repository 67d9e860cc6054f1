import * as assert from "assert";

import { PolicyResource } from "@pulumi/policy";

import { HostResource, ResourceArgs, StackView } from "../../../policypack/lib/hostObjects";
import { RunProps } from "../../../policypack/lib/props";
import { toPlain } from "../../../policypack/lib/values";
import { resource, T } from "../fixtures";

const PROVIDER = { urn: "urn:pulumi:dev::assume-guard::pulumi:providers:aws::eu", type: T.provider, name: "eu", props: { region: "eu-west-1" } };
const USER: HostResource = { ...resource(T.user, "alice", { name: "alice", tags: { team: "data" } }), provider: PROVIDER };
const KEY: HostResource = { ...resource(T.accessKey, "key", { user: "alice" }, { user: [USER] }), parent: USER.urn };
const STACK = [USER, KEY];

const noConfig = () => ({});
const notApplicable = (): never => {
    throw new Error("not applicable");
};

describe("lib/hostObjects", () => {
    it("gives a resource policy the runtime's args: fields, props, provider, options with the parent, config", () => {
        const args = new ResourceArgs(new RunProps(STACK), 1, () => ({ limit: 3 }), notApplicable);
        assert.deepStrictEqual(
            {
                fields: [args.type, args.urn, args.name, args.provider, args.stackTags.size],
                props: toPlain(args.props),
                opts: args.opts,
                config: args.getConfig(),
                isType: [args.isType(Object.assign(function () {}, { __pulumiType: T.accessKey }) as never), args.isType(Object.assign(function () {}, { __pulumiType: T.user }) as never)],
            },
            {
                fields: [T.accessKey, KEY.urn, "key", undefined, 0],
                props: { user: "alice" },
                opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [], parent: USER.urn },
                config: { limit: 3 },
                isType: [true, false],
            },
        );
        const user = new ResourceArgs(new RunProps(STACK), 0, noConfig, notApplicable);
        assert.deepStrictEqual(user.provider && [user.provider.urn, user.provider.name, toPlain(user.provider.props)], [PROVIDER.urn, "eu", { region: "eu-west-1" }]);
    });

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

    it("hands back the props as the class's args from asType, and nothing for another type", () => {
        const args = new ResourceArgs(new RunProps(STACK), 0, noConfig, notApplicable);
        const userClass = Object.assign(function () {}, { __pulumiType: T.user }) as never;
        const keyClass = Object.assign(function () {}, { __pulumiType: T.accessKey }) as never;
        assert.deepStrictEqual([args.asType(userClass) === args.props, args.asType(keyClass)], [true, undefined]);
    });
});
