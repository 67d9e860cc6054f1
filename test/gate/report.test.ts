import * as assert from "assert";
import * as path from "path";

import { main } from "../../gate/cli";
import { REPO_ROOT } from "../support/mocked";

// The official SARIF 2.1.0 schema (draft-04), as shipped by Microsoft's SARIF tooling.
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
const SARIF_SCHEMA = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");

async function report(format: string, ...argv: string[]): Promise<string> {
    let out = "";
    await main(["--project", REPO_ROOT, "--format", format, ...argv], s => (out += s), () => undefined);
    return out;
}

describe("gate reports", () => {
    describe("SARIF", () => {
        // The schema's language pattern is not valid in unicode mode; the rest of it compiles as published.
        const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
        addFormats(ajv);
        const validate = ajv.compile(SARIF_SCHEMA);

        for (const [what, argv] of [
            ["the dev stack", ["--stack", "dev"]],
            ["a violating export", ["--state", path.join(REPO_ROOT, "test", "fixtures", "state", "leaky.json")]],
        ] as const) {
            it(`is valid SARIF 2.1.0 for ${what}, with rule metadata`, async () => {
                const log = JSON.parse(await report("sarif", ...argv)) as {
                    runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number }[] }[];
                };
                assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
                const driver = log.runs[0].tool.driver;
                assert.deepStrictEqual(Object.keys(driver.rules[0]).sort(), ["defaultConfiguration", "fullDescription", "help", "id", "name", "properties", "shortDescription"]);
                for (const result of log.runs[0].results) {
                    assert.strictEqual(driver.rules[result.ruleIndex].id, result.ruleId);
                }
            });
        }

        it("rejects a log the schema does not allow (the validator can fail)", async () => {
            const log = JSON.parse(await report("sarif", "--stack", "dev"));
            log.runs[0].results[0].level = "fatal";
            assert.strictEqual(validate(log), false);
        });
    });

    describe("Markdown access map", () => {
        it("shows, for each user, the roles it can assume, under which conditions, and what they reach", async () => {
            const md = await report("markdown", "--stack", "dev");
            const table = "arn:aws:dynamodb:eu-west-1:123456789012:table/assume-guard-dev-items";
            const section = (user: string) => md.slice(md.indexOf(`### User \`${user}\``)).split("\n\n").slice(0, 2).join("\n\n");
            assert.match(section("assume-guard-dev-user"), /^### User `assume-guard-dev-user`\n\n\| role \| conditions \| reaches \|\n\| --- \| --- \| --- \|\n\| `assume-guard-dev-connector` \| from 198\.51\.100\.0\/24 \| table `[^`]+`: dynamodb:BatchGetItem, /);
            assert.ok(md.includes(`table \`${table}\`: `) && md.includes(`index \`${table}/index/*\`: `) && md.includes("everything `*`: dynamodb:ListTables"));
            assert.ok(md.includes("| `assume-guard-dev-operator-admin` | from 198.51.100.0/24; MFA (≤ 3600 s old) | everything `*`: * |"));
            const mermaid = md.slice(md.indexOf("```mermaid\n") + 11, md.indexOf("\n```", md.indexOf("```mermaid")));
            assert.deepStrictEqual(mermaid.split("\n").filter(l => l.includes("-->")), [
                '    u0 -->|"from 198.51.100.0/24"| r1',
                '    r1 -->|"dynamodb:BatchGetItem, dynamodb:ConditionCheckItem, dynamodb:DescribeTable +11"| t2',
                '    r1 -->|"dynamodb:BatchGetItem, dynamodb:ConditionCheckItem, dynamodb:DescribeTable +11"| t3',
                '    r1 -->|"dynamodb:ListTables"| t4',
                '    u5 -->|"from 198.51.100.0/24; MFA (≤ 3600 s old)"| r6',
                '    r6 -->|"*"| t4',
            ]);
        });

        it("shows a user that reaches no role, and a role trusted without conditions", async () => {
            const md = await report("markdown", "--project", path.join(REPO_ROOT, "test", "fixtures", "programs", "leaky"), "--stack", "test");
            assert.ok(md.includes("### User `reporting`\n\nCan assume no role in this stack."), md);
            assert.ok(md.startsWith("## assume-guard access map: stack test\n\n**Gate: FAIL** — 3 mandatory, 0 advisory finding(s), 4 resources judged."));
        });
    });
});
