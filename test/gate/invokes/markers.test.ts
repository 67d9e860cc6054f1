import * as assert from "assert";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";

import { hasMarker, markerFor, withUnknowns } from "../../../gate/invokes/markers";
import { UNKNOWN_VALUE } from "../../../policypack/lib/runtime";

const ARN = markerFor("aws:iam/getRole:getRole", "arn");
const NAME = markerFor("aws:iam/getRole:getRole", "name");

describe("gate/invokes/markers", () => {
    it("names the invoke and the field, and gives ARN fields an ARN's shape so that splitting an ARN still yields a marker", () => {
        assert.strictEqual(NAME, "GATEUNKNOWN_aws_iam_getRole_getRole__name");
        assert.deepStrictEqual([ARN.split(":")[4], ARN.split("/").pop(), ARN.split(":").length], [NAME.replace("name", "arn"), NAME.replace("name", "arn"), 6]);
    });

    it("finds a marker through interpolation, JSON, case changes, keys and nesting", () => {
        const found = [
            `arn:aws:iam::123456789012:role/${NAME}`,
            JSON.stringify({ Statement: [{ Resource: ARN }] }),
            NAME.toLowerCase(),
            { tags: { [NAME]: "x" } },
            [[{ a: NAME }]],
        ].map(hasMarker);
        assert.deepStrictEqual(found, [true, true, true, true, true]);
        assert.deepStrictEqual(["arn:aws:iam::123456789012:role/x", { a: ["b"] }, 1, null].map(hasMarker), [false, false, false, false]);
    });

    it("makes every marked string, NaN and marker-keyed object the runtime's unknown, leaving the rest as it was", () => {
        assert.deepStrictEqual(
            withUnknowns({
                name: "ci",
                policy: JSON.stringify({ Statement: [{ Resource: ARN }] }),
                maxSessionDuration: Number(NAME) * 2,
                tags: { [NAME]: NAME },
                list: ["a", `x-${NAME}`],
                nested: { ok: true, n: 3 },
            }),
            { name: "ci", policy: UNKNOWN_VALUE, maxSessionDuration: UNKNOWN_VALUE, tags: UNKNOWN_VALUE, list: ["a", UNKNOWN_VALUE], nested: { ok: true, n: 3 } },
        );
    });

    it("makes the SDK's own unknown (an output not known during preview, from any copy of the SDK) the runtime's unknown", () => {
        const { unknown } = require("@pulumi/pulumi/output") as { unknown: object };
        assert.deepStrictEqual(withUnknowns({ arn: unknown, list: [unknown, "x"], copy: { __pulumiUnknown: true }, kept: { __pulumiUnknown: false } }), {
            arn: UNKNOWN_VALUE,
            list: [UNKNOWN_VALUE, "x"],
            copy: UNKNOWN_VALUE,
            kept: { __pulumiUnknown: false },
        });
    });

    it("uses the wire's unknown value, the one @pulumi/pulumi and @pulumi/policy agree on", () => {
        assert.deepStrictEqual([UNKNOWN_VALUE, UNKNOWN_VALUE], [unknownValue, "04da6b54-80e4-46f7-96ec-b56ff0331ba9"]);
    });
});
