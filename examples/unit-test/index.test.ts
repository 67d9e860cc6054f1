import * as assert from "assert";
import { MockedStack, promiseOf, setMocks } from "assume-guard/testing";

describe("reporting program", () => {
    let stack: MockedStack;
    let program: typeof import("./index");
    before(async () => {
        stack = setMocks({ project: "reporting", config: { "aws:region": "eu-west-1" } });
        program = await import("./index");
    });

    it("exports the role the reporting user assumes", async () => {
        assert.strictEqual(await promiseOf(program.roleArn), "arn:aws:iam::123456789012:role/reporting-reader");
    });

    it("trusts the reporting user only from the office network", async () => {
        const role = (await stack.settled()).find(r => r.type === "aws:iam/role:Role");
        assert.deepStrictEqual(JSON.parse(String(role?.inputs.assumeRolePolicy)).Statement[0].Condition, {
            IpAddress: { "aws:SourceIp": "52.94.76.0/22" },
        });
    });
});
