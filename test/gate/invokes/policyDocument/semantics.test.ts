import * as assert from "assert";

import { InvokeFailure } from "../../../../gate/invokes/errors";
import { getPolicyDocument } from "../../../../gate/invokes/policyDocument";
import { GoObject, goMap, marshal, marshalIndent } from "../../../../gate/invokes/policyDocument/goJson";
import { jsonParseError } from "../../../support/json";

function fails(args: Record<string, unknown>): string {
    try {
        getPolicyDocument(args);
    } catch (e) {
        assert.ok(e instanceof InvokeFailure, `expected an InvokeFailure, got ${String(e)}`);
        return e.message;
    }
    throw new Error("expected getPolicyDocument to fail");
}

describe("gate/invokes/policyDocument: the provider's rules beyond its tests", () => {
    it("writes condition keys in Go's byte order, integer-like keys included, and escapes <, > and & as Go does", () => {
        const { minifiedJson } = getPolicyDocument({
            statements: [
                {
                    actions: ["s3:GetObject"],
                    resources: ["arn:aws:s3:::b/<&>"],
                    conditions: [
                        { test: "StringEquals", variable: "a", values: ["x"] },
                        { test: "StringEquals", variable: "9", values: ["y"] },
                        { test: "StringEquals", variable: "10", values: ["z"] },
                    ],
                },
            ],
        });
        assert.strictEqual(
            minifiedJson,
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/\\u003c\\u0026\\u003e","Condition":{"StringEquals":{"10":"z","9":"y","a":"x"}}}]}',
        );
    });

    it("reads a source document as Go reads it: keys of any case, any string Principal as *, list order kept, booleans as text, numbers dropped", () => {
        const source = JSON.stringify({
            version: "2008-10-17",
            id: "from-source",
            statement: [
                {
                    sid: "Src",
                    effect: "Deny",
                    action: ["s3:PutObject", "s3:DeleteObject"],
                    resource: { z: 1, a: [true, null] },
                    principal: "arn:aws:iam::111111111111:root",
                    condition: { NumericLessThan: { "aws:MultiFactorAuthAge": 3600 }, Bool: { "aws:SecureTransport": false } },
                },
                { Effect: "Allow", NotPrincipal: { AWS: ["b", "c", "a"] }, NotAction: "*" },
            ],
        });
        const { minifiedJson } = getPolicyDocument({ sourcePolicyDocuments: [source], statements: [{ actions: ["s3:GetObject"] }] });
        assert.strictEqual(
            minifiedJson,
            '{"Version":"2012-10-17","Id":"from-source","Statement":[' +
                '{"Sid":"Src","Effect":"Deny","Action":["s3:PutObject","s3:DeleteObject"],"Resource":{"a":[true,null],"z":1},"Principal":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}},' +
                '{"Effect":"Allow","NotAction":"*","NotPrincipal":{"AWS":["c","b","a"]}},' +
                '{"Effect":"Allow","Action":"s3:GetObject"}]}',
        );
    });

    it("keeps a lower version from no document: the highest version of all merged documents wins", () => {
        const old = JSON.stringify({ Version: "2008-10-17", Statement: [{ Effect: "Allow", Action: "ec2:*", Resource: "*" }] });
        assert.strictEqual(getPolicyDocument({ version: "2008-10-17", overridePolicyDocuments: [old] }).minifiedJson, `{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}`);
        assert.strictEqual(getPolicyDocument({ version: "2008-10-17", overridePolicyDocuments: [JSON.stringify({ Version: "2012-10-17" })] }).minifiedJson, `{"Version":"2012-10-17"}`);
    });

    it("merges principal blocks of one type, one identifier each, into one list in the SDK's set order (as the Terraform cases pin it)", () => {
        const { minifiedJson } = getPolicyDocument({
            statements: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["ec2.amazonaws.com"] }, { type: "Service", identifiers: ["lambda.amazonaws.com"] }, { type: "AWS", identifiers: ["arn:aws:iam::111111111111:root"] }] }],
        });
        assert.deepStrictEqual(JSON.parse(minifiedJson).Statement[0].Principal, { AWS: "arn:aws:iam::111111111111:root", Service: ["ec2.amazonaws.com", "lambda.amazonaws.com"] });
    });

    describe("fails where the provider fails", () => {
        const cases: [string, Record<string, unknown>, string][] = [
            ["an effect other than Allow and Deny", { statements: [{ effect: "allow", actions: ["s3:*"] }] }, 'expected statement.0.effect to be one of ["Allow" "Deny"], got allow'],
            ["an unknown version", { version: "2012-10-18" }, 'expected version to be one of ["2008-10-17" "2012-10-17"], got 2012-10-18'],
            [
                "a non-empty sourceJson (no longer used)",
                { sourceJson: "{}" },
                'expected "source_json" to be an empty string, got {} (sourceJson is no longer used: pass the document in sourcePolicyDocuments)',
            ],
            ["a principal without a type", { statements: [{ principals: [{ identifiers: ["*"] }] }] }, "statements[0].principals[0].type is required"],
            ["a condition without values", { statements: [{ conditions: [{ test: "Bool", variable: "aws:SecureTransport" }] }] }, "statements[0].conditions[0].values is required"],
            ["an empty string in a set", { statements: [{ actions: ["s3:GetObject", ""] }] }, "statements[0].actions holds an empty string, which the provider cannot render"],
            ["actions that are not a list", { statements: [{ actions: "s3:GetObject" }] }, "statements[0].actions must be a list"],
            ["a source document whose Statement is an object", { sourcePolicyDocuments: ['{"Statement": {}}'] }, "writing IAM Policy Document: merging source document 0: json: cannot unmarshal object into Go struct field iamPolicyDoc.Statement of type []*iam.iamPolicyStatement"],
            ["a null statement", { overridePolicyDocuments: ['{"Statement": [null]}'] }, "writing IAM Policy Document: merging override document 0: statement 0 is null"],
            ["a null Principal", { sourcePolicyDocuments: ['{"Statement": [{"Principal": null}]}'] }, "writing IAM Policy Document: merging source document 0: Unsupported data type <nil> for IAMPolicyStatementPrincipalSet"],
            [
                "a principal list holding a number",
                { sourcePolicyDocuments: ['{"Statement": [{"Principal": {"AWS": [1]}}]}'] },
                'writing IAM Policy Document: merging source document 0: Unsupported element type float64 for IAMPolicyStatementPrincipalSet.Identifiers[0] (principal type "AWS"): must be string',
            ],
            ["a Version that is not a string", { sourcePolicyDocuments: ['{"Version": 2012}'] }, "writing IAM Policy Document: merging source document 0: json: cannot unmarshal number into Go struct field iamPolicyDoc.Version of type string"],
            ["a source document that is not JSON", { sourcePolicyDocuments: ["{x}"] }, `"source_policy_documents.0" contains an invalid JSON: ${jsonParseError("{x}")}`],
        ];
        for (const [what, args, message] of cases) {
            it(what, () => assert.strictEqual(fails(args), message));
        }
    });
});

describe("gate/invokes/policyDocument/goJson", () => {
    it("indents as json.MarshalIndent does, empty lists and objects staying on one line", () => {
        const value = new GoObject([
            ["a", []],
            ["b", new GoObject([])],
            ["c", [goMap([["y", 1], ["x", null]])]],
        ]);
        assert.strictEqual(marshalIndent(value), '{\n  "a": [],\n  "b": {},\n  "c": [\n    {\n      "x": null,\n      "y": 1\n    }\n  ]\n}');
    });

    it("escapes control characters, line separators and broken surrogates as Go does", () => {
        assert.strictEqual(marshal("\u0001\b\f\n\r\t\u2028\u2029\ud800x\u{1f600}\"\\"), '"\\u0001\\b\\f\\n\\r\\t\\u2028\\u2029\\ufffdx\u{1f600}\\"\\\\"');
    });
});
