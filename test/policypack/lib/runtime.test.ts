import * as assert from "assert";

import * as policy from "@pulumi/policy";

import { UnknownValueError, unknownCheckingProxy } from "../../../policypack/lib/runtime";

describe("lib/runtime", () => {
    it("uses the very objects @pulumi/policy exports, so the server recognises the pack's unknowns", () => {
        const exported = policy as unknown as { UnknownValueError: unknown; unknownCheckingProxy: unknown };
        assert.deepStrictEqual([UnknownValueError === exported.UnknownValueError, unknownCheckingProxy === exported.unknownCheckingProxy], [true, true]);
    });
});
