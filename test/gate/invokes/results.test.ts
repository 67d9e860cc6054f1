import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { InvokeResultsError, loadInvokeResults, parseInvokeResults } from "../../../gate/invokes/results";
import { jsonParseError } from "../../support/json";
import { tempDir } from "../../support/mocked";

const GET_ROLE = "aws:iam/getRole:getRole";

function refusal(text: string): string {
    try {
        parseInvokeResults(text, "answers.json");
    } catch (e) {
        assert.ok(e instanceof InvokeResultsError, String(e));
        return e.message;
    }
    throw new Error("expected the file to be refused");
}

describe("gate/invokes/results (--invoke-results)", () => {
    it("answers by token and exact arguments, first fit first, an answer without args fitting every call", () => {
        const results = parseInvokeResults(
            JSON.stringify({
                [GET_ROLE]: [
                    { args: { name: "deployer" }, result: { arn: "arn:aws:iam::123456789012:role/deployer" } },
                    { args: { name: "deployer" }, result: { arn: "never used" } },
                    { result: { arn: "arn:aws:iam::123456789012:role/any" } },
                ],
                "tls:index/getPublicKey:getPublicKey": { result: { publicKeyOpenssh: "ssh-ed25519 AAAA" } },
            }),
            "answers.json",
        );
        assert.deepStrictEqual(results.find(GET_ROLE, { name: "deployer" }), { args: { name: "deployer" }, result: { arn: "arn:aws:iam::123456789012:role/deployer" } });
        assert.deepStrictEqual(results.find(GET_ROLE, { name: "other", tags: undefined })?.result, { arn: "arn:aws:iam::123456789012:role/any" });
        assert.deepStrictEqual(results.find("tls:index/getPublicKey:getPublicKey", { privateKeyPem: "k" })?.result, { publicKeyOpenssh: "ssh-ed25519 AAAA" });
        assert.strictEqual(results.find("aws:iam/getUser:getUser", { userName: "x" }), undefined);
    });

    it("does not answer a call whose arguments differ from every answer's args", () => {
        const results = parseInvokeResults(JSON.stringify({ [GET_ROLE]: [{ args: { name: "deployer" }, result: {} }] }), "a.json");
        assert.deepStrictEqual([results.find(GET_ROLE, { name: "deployer", tags: { a: "b" } }), results.has(GET_ROLE)], [undefined, true]);
    });

    describe("refuses a file it cannot use, naming the token, the answer and the field", () => {
        const cases: [string, string, string][] = [
            ["not JSON", "{", `--invoke-results answers.json is not JSON (${jsonParseError("{")})`],
            [
                "not an object",
                "[]",
                '--invoke-results answers.json must be a JSON object of invoke tokens to answers, e.g. {"aws:iam/getRole:getRole": [{"args": {"name": "deployer"}, "result": {"arn": "arn:aws:iam::123456789012:role/deployer"}}]}',
            ],
            ["a key that is no token", '{"getRole": []}', '--invoke-results answers.json: "getRole" is not an invoke token (package:module:function, e.g. aws:iam/getRole:getRole)'],
            [
                "an AWS token @pulumi/aws does not have",
                '{"aws:iam/getRoles:getRole": []}',
                '--invoke-results answers.json: "aws:iam/getRoles:getRole" is not a function of @pulumi/aws 7.48.0; did you mean "aws:iam/getRole:getRole"?',
            ],
            ["an answer that is not an object", `{"${GET_ROLE}": ["x"]}`, `--invoke-results answers.json: "${GET_ROLE}"[0] must be an object {"args": {...}, "result": {...}}`],
            ["an unknown key", `{"${GET_ROLE}": {"result": {}, "arg": {}}}`, `--invoke-results answers.json: "${GET_ROLE}" has an unknown key "arg"; an answer has "result" and, optionally, "args"`],
            ["args that are not an object", `{"${GET_ROLE}": [{"args": "deployer", "result": {}}]}`, `--invoke-results answers.json: "${GET_ROLE}"[0].args must be an object of the invoke's arguments`],
            ["no result", `{"${GET_ROLE}": [{"args": {}}]}`, `--invoke-results answers.json: "${GET_ROLE}"[0].result must be an object (the invoke's result)`],
            [
                "a result field the function does not have",
                `{"${GET_ROLE}": [{"result": {"Arn": "x"}}]}`,
                `--invoke-results answers.json: "${GET_ROLE}"[0].result.Arn is not a field (fields: arn, assumeRolePolicy, createDate, description, id, maxSessionDuration, name, path, permissionsBoundary, roleLastUseds, tags, uniqueId), as @pulumi/aws declares the result of ${GET_ROLE}`,
            ],
            [
                "a result field of the wrong type",
                `{"${GET_ROLE}": [{"result": {"maxSessionDuration": "3600"}}]}`,
                `--invoke-results answers.json: "${GET_ROLE}"[0].result.maxSessionDuration must be a number, as @pulumi/aws declares the result of ${GET_ROLE}`,
            ],
            [
                "a nested field of the wrong type",
                `{"${GET_ROLE}": [{"result": {"roleLastUseds": [{"region": 1}]}}]}`,
                `--invoke-results answers.json: "${GET_ROLE}"[0].result.roleLastUseds[0].region must be a string, as @pulumi/aws declares the result of ${GET_ROLE}`,
            ],
        ];
        for (const [what, text, message] of cases) {
            it(what, () => assert.strictEqual(refusal(text), message));
        }

        it("a file that cannot be read", () => {
            const missing = path.join(tempDir("invoke-results-"), "missing.json");
            assert.throws(() => loadInvokeResults(missing), (e: unknown) => e instanceof InvokeResultsError && e.message === `cannot read --invoke-results ${missing}: ENOENT`);
        });
    });

    it("reads a file from disk", () => {
        const file = path.join(tempDir("invoke-results-"), "answers.json");
        fs.writeFileSync(file, JSON.stringify({ [GET_ROLE]: { result: { name: "deployer" } } }));
        assert.deepStrictEqual(loadInvokeResults(file).find(GET_ROLE, {})?.result, { name: "deployer" });
    });
});
