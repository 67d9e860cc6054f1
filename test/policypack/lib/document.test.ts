import * as assert from "assert";

import { PARSE_CACHE_LIMIT, parsePolicy, statementLabel } from "../../../policypack/lib/document";

const NO_PRINCIPAL = undefined;

describe("lib/document parsePolicy", () => {
    it("normalises a JSON string with scalars to lists", () => {
        const parsed = parsePolicy('{"Version":"2012-10-17","Statement":{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}');
        assert.deepStrictEqual(parsed, {
            ok: true,
            document: { statements: [{ index: 0, sid: "A", effect: "Allow", actions: { negated: false, patterns: ["s3:GetObject"] }, resources: { negated: false, patterns: ["arn:aws:s3:::b/*"] }, conditions: [] }] },
        });
    });

    it("parses an object the same way as its JSON text", () => {
        const doc = { Statement: [{ Effect: "Deny", NotAction: ["iam:*"], NotResource: "*", Condition: { Bool: { "aws:ViaAWSService": false } } }] };
        assert.deepStrictEqual(parsePolicy(doc), parsePolicy(JSON.stringify(doc)));
        assert.deepStrictEqual(parsePolicy(doc), {
            ok: true,
            document: {
                statements: [
                    {
                        index: 0,
                        effect: "Deny",
                        actions: { negated: true, patterns: ["iam:*"] },
                        resources: { negated: true, patterns: ["*"] },
                        conditions: [{ operator: "Bool", key: "aws:ViaAWSService", values: ["false"] }],
                    },
                ],
            },
        });
    });

    it("reads principals of every type, case-insensitive element names, and a lower-case effect", () => {
        const parsed = parsePolicy({ statement: [{ effect: "allow", principal: { aws: ["111111111111"], Service: "ec2.amazonaws.com", Federated: "cognito-identity.amazonaws.com" }, ACTION: "sts:AssumeRole" }] });
        assert.deepStrictEqual(parsed, {
            ok: true,
            document: {
                statements: [
                    {
                        index: 0,
                        effect: "Allow",
                        actions: { negated: false, patterns: ["sts:AssumeRole"] },
                        principals: { negated: false, wildcard: false, aws: ["111111111111"], service: ["ec2.amazonaws.com"], federated: ["cognito-identity.amazonaws.com"], canonicalUser: [] },
                        conditions: [],
                    },
                ],
            },
        });
    });

    it('marks Principal "*" and {"AWS": "*"} as wildcards, NotPrincipal as negated', () => {
        const star = parsePolicy({ Statement: { Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" } });
        const awsStar = parsePolicy({ Statement: { Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" } });
        const not = parsePolicy({ Statement: { Effect: "Allow", NotPrincipal: { AWS: "111111111111" }, Action: "sts:AssumeRole" } });
        const principals = [star, awsStar, not].map(p => (p.ok ? p.document.statements[0].principals : NO_PRINCIPAL));
        assert.deepStrictEqual(principals, [
            { negated: false, wildcard: true, aws: [], service: [], federated: [], canonicalUser: [] },
            { negated: false, wildcard: true, aws: ["*"], service: [], federated: [], canonicalUser: [] },
            { negated: true, wildcard: false, aws: ["111111111111"], service: [], federated: [], canonicalUser: [] },
        ]);
    });

    it("names statements by position and Sid", () => {
        const parsed = parsePolicy({ Statement: [{ Effect: "Allow", Action: "a:b" }, { Sid: "Two", Effect: "Allow", Action: "a:b" }] });
        assert.deepStrictEqual(parsed.ok ? parsed.document.statements.map(statementLabel) : [], ["statement 1", 'statement 2 ("Two")']);
    });

    it("keeps a document in use while more than the cache's limit of other documents pass through it (least recently used goes first)", () => {
        const doc = (n: number) => `{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::cache-${n}/*"}}`;
        const kept = parsePolicy(doc(0));
        const stale = parsePolicy(doc(1));
        const same: boolean[] = [];
        for (let n = 2; n < 2 * PARSE_CACHE_LIMIT; n++) {
            parsePolicy(doc(n));
            if (n % 1000 === 0) {
                same.push(parsePolicy(doc(0)) === kept);
            }
        }
        assert.deepStrictEqual([same, parsePolicy(doc(1)) === stale, parsePolicy(doc(1))], [same.map(() => true), false, stale]);
    });

    describe("malformed documents fail with a reason, never an exception", () => {
        const cases: [string, unknown, string][] = [
            ["invalid JSON", '{"Statement": [', "the document is not valid JSON (Unexpected end of JSON input)"],
            ["a number", 7, "the document is the number 7, not a JSON object or JSON text"],
            ["null", null, "the document is null, not a JSON object or JSON text"],
            ["a JSON list", "[]", "the document is a list, not a JSON object"],
            ["no Statement", "{}", "the document has no Statement"],
            ["a string statement", { Statement: ["x"] }, 'statement 1 is the string "x", not a JSON object'],
            ["a bad Effect", { Statement: { Effect: "Permit", Action: "a:b" } }, 'statement 1 has Effect the string "Permit"; it must be "Allow" or "Deny"'],
            ["no Action", { Statement: { Effect: "Allow", Resource: "*" } }, "statement 1 has neither Action nor NotAction"],
            ["Action and NotAction", { Statement: { Effect: "Allow", Action: "a:b", NotAction: "c:d" } }, "statement 1 has both Action and NotAction"],
            ["an empty Action list", { Statement: { Effect: "Allow", Action: [] } }, "statement 1 Action is an empty list"],
            ["a number in Action", { Statement: { Effect: "Allow", Action: ["a:b", 3] } }, "statement 1 Action has an entry that is the number 3, not a non-empty string"],
            ["two spellings of Action", { Statement: { Effect: "Allow", Action: "a:b", action: "c:d" } }, "statement 1 spells Action more than once (Action, action)"],
            ["an unknown principal type", { Statement: { Effect: "Allow", Action: "a:b", Principal: { User: "x" } } }, 'statement 1 Principal has an unknown principal type "User"'],
            ["a condition that is a list", { Statement: { Effect: "Allow", Action: "a:b", Condition: [] } }, "statement 1 Condition is a list, not a JSON object"],
            ["a condition value that is an object", { Statement: { Effect: "Allow", Action: "a:b", Condition: { StringEquals: { k: { v: 1 } } } } }, "statement 1 Condition StringEquals k has a value that is an object"],
        ];
        for (const [title, raw, reason] of cases) {
            it(`rejects ${title}`, () => {
                assert.deepStrictEqual(parsePolicy(raw), { ok: false, reason });
            });
        }
    });
});
