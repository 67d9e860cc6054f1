import * as assert from "assert";

import { InvokeFailure } from "../../../../gate/invokes/errors";
import { getPolicyDocument } from "../../../../gate/invokes/policyDocument";
import { FIXTURE, resolve } from "./fixture";

describe("gate/invokes/policyDocument: the AWS provider's own test cases", () => {
    it("ports every step of the provider's data source tests", () => {
        assert.strictEqual(FIXTURE.cases.length, 30);
    });

    for (const c of FIXTURE.cases) {
        it(`${c.name} (${c.test})`, () => {
            const args = resolve(c.args) as Record<string, unknown>;
            if (c.error !== undefined) {
                assert.throws(
                    () => getPolicyDocument(args),
                    (e: unknown) => e instanceof InvokeFailure && e.message === c.error,
                );
                assert.match(c.error, new RegExp(c.terraformError as string), "the gate's reason matches what the provider's test expects");
                return;
            }
            const result = getPolicyDocument(args);
            if (c.json !== undefined) {
                assert.strictEqual(result.json, c.json.join("\n"));
            }
            if (c.minifiedJson !== undefined) {
                assert.strictEqual(result.minifiedJson, c.minifiedJson);
            }
            if (c.equivalentJson !== undefined) {
                assert.deepStrictEqual(JSON.parse(result.json), c.equivalentJson);
            }
            if (c.sameJsonAs !== undefined) {
                assert.strictEqual(result.json, getPolicyDocument(FIXTURE.documents[c.sameJsonAs]).json);
            }
            assert.strictEqual(result.minifiedJson, JSON.stringify(JSON.parse(result.json)).replace(/&/g, "\\u0026").replace(/</g, "\\u003c").replace(/>/g, "\\u003e"));
        });
    }
});
