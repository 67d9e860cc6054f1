/**
 * The Markdown report fits a pull request comment: verdict and counts first, the mandatory findings,
 * then the access map in `<details>`; never over 60,000 characters, however large the stack.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { syntheticExport } from "../../../bench/synthetic";
import { main } from "../../../gate/cli";
import { judge } from "../../../gate/judge";
import { MAX_LISTED, MAX_MARKDOWN, renderMarkdown } from "../../../gate/report/markdown";
import { GateReport } from "../../../gate/report/model";
import { REPO_ROOT, tempDir } from "../../support/mocked";

async function report(...argv: string[]): Promise<string> {
    let out = "";
    await main(["--format", "markdown", ...argv], s => (out += s), () => undefined);
    return out;
}

describe("gate/report/markdown", () => {
    it("shows, for each user, the roles it can assume, under which conditions, and what they reach, with a diagram", async () => {
        const md = await report("--project", REPO_ROOT, "--stack", "dev");
        assert.ok(
            md.startsWith(
                "## assume-guard: pass — `stack dev`\n\n**0 mandatory** and 2 advisory finding(s), 0 exemption(s) used; 23 resources judged.\n\n" +
                    "### Program warnings (1, advisory)\n\n" +
                    "- assume-guard:allowedCidrs holds 198.51.100.0/24 and assume-guard:operatorCidrs holds 198.51.100.0/24: documentation ranges (RFC 5737, RFC 3849) that no real network uses, " +
                    "kept in the example stack files; pulumi up refuses this stack until they are replaced. " +
                    "Fix: set the public egress CIDRs the connector (allowedCidrs) and the operator's office (operatorCidrs) call AWS from, e.g. pulumi config set --path 'assume-guard:allowedCidrs[0]' &lt;your CIDR>.\n\n" +
                    "<details><summary>Advisory findings (2)</summary>",
            ),
            md,
        );
        const table = "arn:aws:dynamodb:eu-west-1:123456789012:table/assume-guard-dev-items";
        const section = (user: string) => md.slice(md.indexOf(`#### User \`${user}\``)).split("\n\n").slice(0, 2).join("\n\n");
        assert.match(section("assume-guard-dev-user"), /^#### User `assume-guard-dev-user`\n\n\| role \| conditions \| reaches \|\n\| --- \| --- \| --- \|\n\| `assume-guard-dev-connector` \| from 198\.51\.100\.0\/24 \| table `[^`]+`: dynamodb:BatchGetItem, /);
        assert.ok(md.includes(`table \`${table}\`: `) && md.includes(`index \`${table}/index/*\`: `) && md.includes("everything `*`: dynamodb:ListTables"));
        assert.ok(md.includes("| `assume-guard-dev-operator-admin` | from 198.51.100.0/24; MFA (≤ 3600 s old) | everything `*`: * |"));
        assert.ok(md.includes("<details><summary>Access map: 2 user(s), 0 direct grant(s), 2 assumable role(s)</summary>"));
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

    it("puts the verdict and the mandatory findings, with their program lines, before the access map, which shows the user's direct access", async () => {
        const md = await report("--project", path.join(REPO_ROOT, "test", "fixtures", "programs", "leaky"), "--stack", "test");
        const [head, map] = md.split("<details><summary>Access map");
        assert.strictEqual(
            head,
            "## assume-guard: **FAIL** — `stack test`\n\n**3 mandatory** and 1 advisory finding(s), 0 exemption(s) used; 4 resources judged.\n\n### Mandatory findings (3)\n\n" +
                "| rule | resource | finding |\n| --- | --- | --- |\n" +
                "| `iam-role-trust-requires-conditions` | `aws:iam/role:Role reporting`<br>`test/fixtures/programs/leaky/index.ts:14` | Role 'reporting' can be assumed without a binding condition: statement 1 admits arn:aws:iam::123456789012:root and it has no condition. " +
                "Anyone holding such a principal's credentials, such as a leaked access key, can assume the role from anywhere.<br>**Fix:** add IpAddress aws:SourceIp, StringEquals sts:ExternalId or Bool aws:MultiFactorAuthPresent \"true\" to each such statement (two of them for a \"*\" principal) |\n" +
                "| `iam-user-assume-only` | `aws:iam/userPolicy:UserPolicy reporting-data`<br>`test/fixtures/programs/leaky/index.ts:7` | IAM user 'reporting' is allowed more than assuming named roles through inline UserPolicy 'reporting-data': statement 1 allows \"dynamodb:Scan\" and \"dynamodb:GetItem\". " +
                "Anything beyond sts:AssumeRole on named roles is usable with a leaked key alone, without the role's conditions.<br>**Fix:** reduce the user's Allow statements to sts:AssumeRole on explicit role ARNs (conditions go on the roles' trust) |\n" +
                "| `iam-user-no-direct-data-access` | `aws:iam/userPolicy:UserPolicy reporting-data`<br>`test/fixtures/programs/leaky/index.ts:7` | IAM user 'reporting' can perform data-plane actions through inline UserPolicy 'reporting-data': statement 1 allows Action \"dynamodb:Scan\" and \"dynamodb:GetItem\", reaching dynamodb:GetItem and dynamodb:Scan. " +
                "A leaked access key of this user reaches the data directly, with no role, source-IP, external-ID or MFA condition in between.<br>**Fix:** let the user call only sts:AssumeRole on a guarded role, and grant the data access to that role |\n\n" +
                "<details><summary>Advisory findings (1)</summary>\n\n| rule | resource | finding |\n| --- | --- | --- |\n" +
                "| `iam-user-permissions-through-groups` | `aws:iam/userPolicy:UserPolicy reporting-data`<br>`test/fixtures/programs/leaky/index.ts:7` | IAM user 'reporting' holds a policy of its own, held inline in UserPolicy 'reporting-data'. " +
                "A policy on one user is reviewed, and forgotten, user by user; AWS Security Hub IAM.2 and CIS 1.15 expect users to receive permissions only through groups.<br>**Fix:** attach the policy to a group and make the user a member (AssumeOnlyUser does so by default, grantVia \"group\") |\n\n</details>\n\n",
        );
        assert.strictEqual(
            map,
            ": 1 user(s), 1 direct grant(s), 0 assumable role(s)</summary>\n\n#### User `reporting`\n\nReaches directly, with its key alone:\n\n| through | reaches |\n| --- | --- |\n" +
                "| inline UserPolicy 'reporting-data' | everything `*`: dynamodb:Scan, dynamodb:GetItem |\n\nCan assume no role in this stack.\n\n" +
                '```mermaid\nflowchart LR\n    u0["user reporting"]\n    t1["*"]\n    u0 -.->|"key alone: dynamodb:Scan, dynamodb:GetItem"| t1\n```\n\n</details>\n',
        );
    });

    it(`stays within ${MAX_MARKDOWN} characters on a 10,000-resource stack and names its first ${MAX_LISTED} mandatory findings, then counts the rest`, async () => {
        const dir = tempDir("markdown-10k-");
        const file = path.join(dir, "synthetic.json");
        fs.writeFileSync(file, JSON.stringify(syntheticExport(10_000)));
        try {
            const judged = await judge({ projectDir: REPO_ROOT, stateFile: file });
            const mandatory = judged.findings.filter(f => f.level === "mandatory");
            const md = renderMarkdown(judged);
            assert.ok(md.length <= MAX_MARKDOWN, `${md.length} characters`);
            assert.ok(mandatory.length > MAX_LISTED, `the synthetic stack has ${mandatory.length} mandatory findings`);
            const listed = mandatory.slice(0, MAX_LISTED).filter(f => md.includes(`| \`${f.rule}\` | \`${f.resource}\``));
            assert.strictEqual(listed.length, MAX_LISTED);
            assert.ok(!md.includes(`\`${mandatory[MAX_LISTED].resource}\``));
            assert.ok(md.includes(`… and ${mandatory.length - MAX_LISTED} more mandatory finding(s): the text, JSON and SARIF reports list them all.`));
            assert.ok(md.indexOf("### Mandatory findings") < md.indexOf("<details><summary>Access map: 1389 user(s), 0 direct grant(s), 1389 assumable role(s)</summary>"));
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it(`stays within ${MAX_MARKDOWN} characters however long the messages, and however many findings, exemptions and users`, () => {
        const long = "x|<`\\".repeat(2_000);
        const finding = (i: number, level: "mandatory" | "advisory") => ({
            rule: "iam-user-no-direct-data-access",
            level,
            urn: `urn:pulumi:x::p::aws:iam/user:User::u${i}`,
            resource: `aws:iam/user:User ${long}${i}`,
            what: long,
            why: long,
            fix: long,
            message: long,
            location: { file: `deep/${long}.ts`, line: i + 1 },
        });
        const reach = { kind: "resource" as const, resource: long, actions: [long] };
        const report: GateReport = {
            source: `stack ${long}`,
            artifact: "Pulumi.x.yaml",
            resourcesJudged: 50_000,
            resourceTypes: {},
            findings: [...Array.from({ length: 5_000 }, (_, i) => finding(i, "mandatory")), ...Array.from({ length: 5_000 }, (_, i) => finding(i, "advisory"))],
            programWarnings: Array.from({ length: 5_000 }, () => long),
            exemptionsUsed: Array.from({ length: 5_000 }, (_, i) => ({ ...finding(i, "mandatory"), urn: `urn:${i}`, pattern: "*", reason: long })),
            rules: [],
            packVersion: "0.1.0",
            accessMap: {
                users: Array.from({ length: 3_000 }, (_, i) => ({
                    name: `${long}${i}`,
                    direct: [{ via: long, reaches: [reach] }],
                    roles: [{ name: long, arn: long, conditions: { sourceCidrs: [long], externalIds: [], mfa: true, other: [] }, reaches: [reach] }],
                })),
            },
        };
        const md = renderMarkdown(report);
        assert.ok(md.length <= MAX_MARKDOWN, `${md.length} characters`);
        assert.strictEqual(md.split("\n").filter(l => l.startsWith("| `iam-user-no-direct-data-access` |")).length >= MAX_LISTED, true);
        assert.ok(md.includes("… and 4900 more mandatory finding(s)"));
        assert.ok(md.includes("### Program warnings (5000, advisory)") && md.includes("- … and 4995 more"));
    });
});
