import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as url from "url";

import { main } from "../../audit/cli";
import { authorizationDetailsOf, credentialReportJson } from "../support/authzDetails";
import { githubSarifProblems } from "../support/githubSarif";
import { legacyAccount, legacyCredentialReport } from "../support/legacyAccount";
import { REPO_ROOT, runStack, tempDir } from "../support/mocked";
import { validateSarif } from "../support/sarifSchema";

const FIXTURES = path.join(REPO_ROOT, "test", "fixtures", "audit");

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await main(argv, s => (out += s), s => (err += s));
    return { code, out, err };
}

describe("audit CLI (npm run audit)", () => {
    let dir: string;
    let legacy: string;
    let report: string;
    let prod: string;

    before(async () => {
        dir = tempDir("audit-cli-");
        legacy = path.join(dir, "legacy.json");
        report = path.join(dir, "report.json");
        prod = path.join(dir, "prod.json");
        fs.writeFileSync(legacy, JSON.stringify(legacyAccount(await runStack("dev")), null, 4));
        fs.writeFileSync(report, credentialReportJson(legacyCredentialReport()));
        fs.writeFileSync(prod, JSON.stringify(authorizationDetailsOf(await runStack("prod"), "sdk")));
    });

    it("exits 0 on an account whose users are assume-only (the prod stack, SDK form), with the verdict first", async () => {
        const r = await run("--authorization-details", prod);
        assert.deepStrictEqual([r.code, r.err, r.out.split("\n")[0]], [0, "", "assume-guard audit: PASS (0 mandatory, 0 advisory; 7 resources judged from account 123456789012)"]);
    });

    it("exits 1 on mandatory findings; JSON carries the verdict, the users, the blast radius and the migrations", async () => {
        const r = await run("--authorization-details", legacy, "--credential-report", report, "--format", "json");
        const json = JSON.parse(r.out) as { verdict: string; tool: string; account: string; users: unknown[]; blastRadius: { holders: { user: string }[] }; migrations: { user: string }[] };
        assert.deepStrictEqual(
            [r.code, r.err, json.verdict, json.tool, json.account, json.users.length, json.blastRadius.holders.map(h => h.user), json.migrations.map(m => m.user)],
            [1, "", "fail", "audit", "123456789012", 7, ["retool", "ci-deploy", "assume-guard-dev-user", "reporting", "vendor-sync"], ["retool", "ci-deploy", "reporting", "contractor"]],
        );
    });

    it("reads the pages of one export given after one flag", async () => {
        const whole = JSON.parse(fs.readFileSync(path.join(FIXTURES, "cloudsplaining-overrides-complete.json"), "utf8")) as Record<string, unknown>;
        const [p1, p2] = [path.join(dir, "p1.json"), path.join(dir, "p2.json")];
        fs.writeFileSync(p1, JSON.stringify({ UserDetailList: whole.UserDetailList, GroupDetailList: whole.GroupDetailList, IsTruncated: true, Marker: "m1" }));
        fs.writeFileSync(p2, JSON.stringify({ RoleDetailList: whole.RoleDetailList, Policies: whole.Policies, IsTruncated: false }));
        const [pages, file] = [await run("--authorization-details", p1, p2, "--format", "json"), await run("--authorization-details", path.join(FIXTURES, "cloudsplaining-overrides-complete.json"), "--format", "json")];
        type Located = { rule: string; location: { file: string; line: number; column: number } };
        const findings = (out: string) => (JSON.parse(out) as { findings: Located[] }).findings;
        // The same findings, each pointing into the page that lists its entity (outside the repository: a file URI).
        assert.deepStrictEqual(
            [pages.code, findings(pages.out).map(({ location, ...f }) => f), findings(pages.out).map(f => [f.rule, f.location.file, f.location.line])],
            [
                1,
                findings(file.out).map(({ location, ...f }) => f),
                [
                    ["iam-data-permissions-scoped", url.pathToFileURL(p2).toString(), 1],
                    ["iam-user-assume-only", url.pathToFileURL(p1).toString(), 1],
                    ["iam-user-assume-only", url.pathToFileURL(p1).toString(), 1],
                    ["iam-user-no-direct-data-access", url.pathToFileURL(p1).toString(), 1],
                    ["iam-user-no-mfa-self-management", url.pathToFileURL(p1).toString(), 1],
                    ["iam-role-service-trust-confused-deputy", url.pathToFileURL(p2).toString(), 1],
                    ["iam-role-service-trust-confused-deputy", url.pathToFileURL(p2).toString(), 1],
                ],
            ],
        );
    });

    describe("exits 2 with one line naming the cause", () => {
        const cases: [string, () => string[], () => string][] = [
            [
                "a truncated export (the AWS CLI documentation's example)",
                () => ["--authorization-details", path.join(FIXTURES, "aws-cli-example.json")],
                () => `assume-guard audit: ${path.relative(process.cwd(), path.join(FIXTURES, "aws-cli-example.json"))}: the export is incomplete: IsTruncated is true (Marker "EXAMPLEkakv9BCuUNFDtxWSy…"), so more pages follow, and no page given ends the set. Fix: give every page (the AWS CLI pages through everything and writes one file unless --max-items or --no-paginate is set).\n`,
            ],
            ["no authorization details", () => ["--format", "json"], () => "assume-guard audit: give --authorization-details FILE; usage: assume-guard audit --authorization-details FILE [FILE...] [--credential-report FILE] [--format text|json|sarif|markdown] [--out FILE] [--migrations DIR] [--policy-config FILE] [--help]\n"],
            ["an unknown format", () => ["--authorization-details", "x.json", "--format", "html"], () => "assume-guard audit: unknown --format html; use text, json, sarif or markdown\n"],
            ["a file that is not there", () => ["--authorization-details", "missing.json"], () => "assume-guard audit: cannot read missing.json: ENOENT\n"],
            [
                "a credential report of another account",
                () => ["--authorization-details", path.join(FIXTURES, "cloudsplaining-overrides-complete.json"), "--credential-report", report],
                () => `assume-guard audit: ${path.relative(process.cwd(), report)}: the credential report is of account 123456789012, the authorization details of 012345678901. Fix: give both of one account.\n`,
            ],
        ];
        for (const [what, argv, line] of cases) {
            it(`Exit 2: ${what}`, async () => {
                const r = await run(...argv());
                assert.deepStrictEqual([r.code, r.out, r.err], [2, "", line()]);
            });
        }

        it("Exit 2: a policy config the engine would refuse", async () => {
            const config = path.join(dir, "bad-config.json");
            fs.writeFileSync(config, JSON.stringify({ "iam-user-assume-only": { allowedActions: "iam:*" } }));
            const r = await run("--authorization-details", prod, "--policy-config", config);
            assert.deepStrictEqual([r.code, r.err.startsWith(`assume-guard audit: policy config ${config}: `), r.err.split("\n").length], [2, true, 2]);
        });
    });

    describe("SARIF", () => {
        const validate = validateSarif;
        type Log = { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[] }[] }[] };
        const sarif = async (file: string) => {
            const r = await run("--authorization-details", file, "--format", "sarif");
            return { text: r.out, log: JSON.parse(r.out) as Log };
        };

        for (const [what, file] of [
            ["a real-shaped vulnerable account", () => legacy],
            ["an account that passes (SDK form, one line)", () => prod],
            ["real input (cloudsplaining overrides file)", () => path.join(FIXTURES, "cloudsplaining-overrides-complete.json")],
        ] as const) {
            it(`is valid SARIF 2.1.0 within GitHub's ingestion rules for ${what}`, async () => {
                const { text, log } = await sarif(file());
                assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
                assert.deepStrictEqual(githubSarifProblems(text), []);
            });
        }

        it("points each result at the line of the authorization-details file naming its entity, relative to the repository root", async () => {
            const { log } = await sarif(path.join(FIXTURES, "cloudsplaining-overrides-complete.json"));
            assert.deepStrictEqual(
                log.runs[0].results.map(r => [r.ruleId, r.locations[0].physicalLocation]),
                [
                    ["iam-data-permissions-scoped", 39],
                    ["iam-user-assume-only", 5],
                    ["iam-user-assume-only", 5],
                    ["iam-user-no-direct-data-access", 5],
                    ["iam-user-no-mfa-self-management", 5],
                    ["iam-role-service-trust-confused-deputy", 39],
                    ["iam-role-service-trust-confused-deputy", 90],
                ].map(([rule, line]) => [rule, { artifactLocation: { uri: "test/fixtures/audit/cloudsplaining-overrides-complete.json", uriBaseId: "%SRCROOT%" }, region: { startLine: line, startColumn: 7 } }]),
            );
        });
    });

    it("writes the Markdown report: the blast radius table, its Mermaid map with each hop's conditions, each migration", async () => {
        const md = (await run("--authorization-details", legacy, "--credential-report", report, "--format", "markdown")).out;
        const mermaid = md.slice(md.indexOf("```mermaid\n") + 11, md.indexOf("\n```", md.indexOf("```mermaid")));
        const lines = md.split("\n");
        assert.deepStrictEqual(
            [lines[0], lines.find(l => l.startsWith("| 4 | `reporting`")), mermaid.slice(mermaid.indexOf('    u10["key of reporting"]'), mermaid.indexOf('    u15["key of vendor-sync"]')).trimEnd().split("\n")],
            [
                "## assume-guard audit: **FAIL** — `account 123456789012`",
                "| 4 | `reporting` | key 1 (1545 days old, last used 2026-11-01 in us-east-1 by sts) | 3 data actions (0 with no condition) | role analytics [MFA] | `arn:aws:s3:::acme-reports/*` | s3:GetObject |",
                [
                    '    u10["key of reporting"]',
                    '    r11["role analytics"]',
                    '    u10 -->|"MFA"| r11',
                    '    t12["arn:aws:s3:::acme-reports/*"]',
                    '    r11 -->|"s3:GetObject"| t12',
                    '    r13["role warehouse"]',
                    '    r11 -->|"from 203.0.113.0/24"| r13',
                    '    t14[("arn:aws:dynamodb:eu-west-1:123456789012:table/warehouse")]',
                    '    r13 -->|"dynamodb:Query, dynamodb:Scan"| t14',
                ],
            ],
        );
        assert.ok(md.includes("#### `ci-deploy` → stack `migrate-ci-deploy`\n\n`Pulumi.migrate-ci-deploy.yaml`:\n\n```yaml\n# The migration of IAM user 'ci-deploy'"), md);
    });

    it("--out writes the report and prints the verdict line; --migrations writes each migration's files", async () => {
        const out = path.join(dir, "audit.md");
        const migrations = path.join(dir, "migrations");
        const r = await run("--authorization-details", legacy, "--format", "markdown", "--out", out, "--migrations", migrations);
        assert.deepStrictEqual(
            [r.code, r.out, fs.readFileSync(out, "utf8").split("\n")[0], fs.readdirSync(migrations).sort()],
            [
                1,
                `assume-guard audit: FAIL (9 mandatory, 6 advisory; 35 resources judged from account 123456789012) (report written to ${out})\n`,
                "## assume-guard audit: **FAIL** — `account 123456789012`",
                ["ci-deploy", "contractor", "reporting", "retool"].flatMap(u => [`Pulumi.migrate-${u}.yaml`, `import-migrate-${u}.json`]).sort(),
            ],
        );
    });

    it("exits with the verdict's code as a process, through the launcher npm run audit uses", () => {
        const flagged = spawnSync(process.execPath, [path.join(REPO_ROOT, "audit", "launch.js"), "--authorization-details", path.join(FIXTURES, "cloudsplaining-overrides-complete.json")], { encoding: "utf8" });
        assert.deepStrictEqual([flagged.status, flagged.stdout.split("\n")[0], flagged.stderr], [1, "assume-guard audit: FAIL (5 mandatory, 2 advisory; 13 resources judged from account 012345678901)", ""]);
    });

    it("--help lists every flag and exits 0", async () => {
        const r = await run("--help");
        assert.deepStrictEqual([r.code, ["--authorization-details", "--credential-report", "--policy-config", "--format", "--out", "--migrations"].filter(f => !r.out.includes(`  ${f} `))], [0, []]);
    });
});
