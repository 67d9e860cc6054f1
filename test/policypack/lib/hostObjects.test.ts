import * as assert from "assert";

import { HostResource, ResourceArgs } from "../../../policypack/lib/hostObjects";
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

    it("hands back the props as the class's args from asType, and nothing for another type", () => {
        const args = new ResourceArgs(new RunProps(STACK), 0, noConfig, notApplicable);
        const userClass = Object.assign(function () {}, { __pulumiType: T.user }) as never;
        const keyClass = Object.assign(function () {}, { __pulumiType: T.accessKey }) as never;
        assert.deepStrictEqual([args.asType(userClass) === args.props, args.asType(keyClass)], [true, undefined]);
    });
});
