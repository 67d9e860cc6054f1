import * as assert from "assert";

import { renderPolicyJson } from "../../components/iam/render";
import { evaluate, RequestContext } from "../support/simulate";

// "The session policy blocks sns:CreateTopic": an admin-like role, narrowed by session policies as
// sessionProvider passes them, is denied what the session policy leaves out.

const SESSION = "arn:aws:sts::123456789012:assumed-role/deployer/ci-report";
const TABLE = "arn:aws:dynamodb:eu-west-1:123456789012:table/items";
const OFFICE: RequestContext = { sourceIp: "198.51.100.7", mfa: true, viaAwsService: false };
const ADMIN = renderPolicyJson([{ effect: "Allow", actions: ["*"], resources: ["*"] }]);

function call(action: string, resource: string, sessionPolicy?: string) {
    return evaluate({ principal: SESSION, action, resource, identityPolicies: [ADMIN], context: OFFICE, ...(sessionPolicy ? { sessionPolicy } : {}) });
}

describe("access proofs: session policies narrow an admin-like role", () => {
    it("without a session policy, the admin role may write", async () => {
        assert.deepStrictEqual([await call("dynamodb:PutItem", TABLE), await call("sns:CreateTopic", "arn:aws:sns:eu-west-1:123456789012:alerts")], ["Allowed", "Allowed"]);
    });

    it("under AWS's ReadOnlyAccess as the session policy, reads pass and writes are denied", async () => {
        // A managed session policy (policyArns), as AWS publishes it: the pack's vendored copy.
        const doc = JSON.stringify(require("../../policypack/data/aws-managed-policies.json").policies["arn:aws:iam::aws:policy/ReadOnlyAccess"]);
        assert.deepStrictEqual(
            [await call("dynamodb:GetItem", TABLE, doc), await call("dynamodb:PutItem", TABLE, doc), await call("dynamodb:DeleteTable", TABLE, doc)],
            ["Allowed", "ImplicitlyDenied", "ImplicitlyDenied"],
        );
    });

    it("under a single-action session policy, sns:CreateTopic is denied", async () => {
        const publishOnly = renderPolicyJson([{ effect: "Allow", actions: ["sns:Publish"], resources: ["arn:aws:sns:eu-west-1:123456789012:alerts"] }]);
        assert.deepStrictEqual(
            [await call("sns:Publish", "arn:aws:sns:eu-west-1:123456789012:alerts", publishOnly), await call("sns:CreateTopic", "arn:aws:sns:eu-west-1:123456789012:alerts", publishOnly)],
            ["Allowed", "ImplicitlyDenied"],
        );
    });
});
