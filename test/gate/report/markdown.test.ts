import * as assert from "assert";
import * as path from "path";

import { main } from "../../../gate/cli";
import { REPO_ROOT } from "../../support/mocked";

async function report(format: string, ...argv: string[]): Promise<string> {
    let out = "";
    await main(["--project", REPO_ROOT, "--format", format, ...argv], s => (out += s), () => undefined);
    return out;
}

describe("gate/report/markdown", () => {
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
