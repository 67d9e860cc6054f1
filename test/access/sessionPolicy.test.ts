/**
 * Proofs that a session policy narrows a role session ("the session policy blocks sns:CreateTopic"):
 * the dev operator's AdministratorAccess role and the connector's read-write role, each under a
 * read-only session (ReadOnlyAccess passed as a policy ARN) or a single-action session (an inline
 * policy rendered by the components' renderer and checked by sessionProvider's validation, which
 * returns the exact text AssumeRole would receive).
 */
import * as assert from "assert";

import { render, validateSessionProviderArgs } from "../../components";
import { Decision, Document, evaluate, RequestContext } from "../support/simulate";
import { allowedCidrs, awsManagedDocument, cidrEdges, EmittedRole, EmittedStack, emittedStack } from "./emitted";

const READ_ONLY_ARN = "arn:aws:iam::aws:policy/ReadOnlyAccess";

/** The session policies a sessionProvider would pass for `roleArn`: by managed ARN, or inline. */
function sessionPolicies(roleArn: string, table: string): { readOnly: Document; getItemOnly: Document } {
    validateSessionProviderArgs("read-only", { roleArn, sessionName: "proof-read-only", policyArns: [READ_ONLY_ARN] });
    const inline = validateSessionProviderArgs("get-item", {
        roleArn,
        sessionName: "proof-get-item",
        policy: render.renderPolicy([{ effect: "Allow", actions: ["dynamodb:GetItem"], resources: [table] }]),
    });
    assert.ok(inline !== undefined, "sessionProvider passes the inline policy on");
    return { readOnly: awsManagedDocument(READ_ONLY_ARN), getItemOnly: inline };
}

describe("access proofs (dev): session policies narrow role sessions", () => {
    let s: EmittedStack;
    let context: RequestContext;
    let table: string;

    before(async () => {
        s = await emittedStack("dev");
        context = { sourceIp: cidrEdges(allowedCidrs("dev")[0]).inside[0], mfa: true, viaAwsService: false, extra: { "aws:MultiFactorAuthAge": "60" } };
        table = String(s.outputs["tableArn"]);
    });

    function asker(role: EmittedRole) {
        const principal = role.arn.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/") + "/proof-session";
        return (action: string, resource: string, sessionPolicy?: Document): Promise<Decision> =>
            evaluate({ principal, action, resource, identityPolicies: role.policies, context, ...(sessionPolicy !== undefined ? { sessionPolicy } : {}) });
    }

    it("Proof: an admin-like role under a read-only or single-action session policy is denied writes and sns:CreateTopic", async () => {
        const admin = s.roles.find(r => r.name.endsWith("-operator-admin"));
        assert.ok(admin, "the dev stack builds the operator's admin role");
        const ask = asker(admin);
        const topic = "arn:aws:sns:eu-west-1:123456789012:alerts";
        const { readOnly, getItemOnly } = sessionPolicies(admin.arn, table);
        const matrix: Record<string, Record<string, Decision>> = {};
        for (const [name, session] of [["none", undefined], ["readOnly", readOnly], ["getItemOnly", getItemOnly]] as const) {
            matrix[name] = {
                createTopic: await ask("sns:CreateTopic", topic, session),
                putItem: await ask("dynamodb:PutItem", table, session),
                deleteTable: await ask("dynamodb:DeleteTable", table, session),
                getItem: await ask("dynamodb:GetItem", table, session),
                scan: await ask("dynamodb:Scan", table, session),
            };
        }
        assert.deepStrictEqual(matrix, {
            none: { createTopic: "Allowed", putItem: "Allowed", deleteTable: "Allowed", getItem: "Allowed", scan: "Allowed" },
            readOnly: { createTopic: "ImplicitlyDenied", putItem: "ImplicitlyDenied", deleteTable: "ImplicitlyDenied", getItem: "Allowed", scan: "Allowed" },
            getItemOnly: { createTopic: "ImplicitlyDenied", putItem: "ImplicitlyDenied", deleteTable: "ImplicitlyDenied", getItem: "Allowed", scan: "ImplicitlyDenied" },
        });
    });

    it("Proof: the connector's read-write session under a read-only session policy cannot write", async () => {
        const roleArn = String(s.outputs["roleArn"]);
        const connector = s.roles.find(r => r.arn === roleArn);
        assert.ok(connector);
        const ask = asker(connector);
        const { readOnly } = sessionPolicies(connector.arn, table);
        assert.deepStrictEqual(
            {
                putItemWithout: await ask("dynamodb:PutItem", table),
                putItemReadOnly: await ask("dynamodb:PutItem", table, readOnly),
                scanReadOnly: await ask("dynamodb:Scan", table, readOnly),
                createTopicReadOnly: await ask("sns:CreateTopic", "arn:aws:sns:eu-west-1:123456789012:alerts", readOnly),
            },
            { putItemWithout: "Allowed", putItemReadOnly: "ImplicitlyDenied", scanReadOnly: "Allowed", createTopicReadOnly: "ImplicitlyDenied" },
        );
    });
});
