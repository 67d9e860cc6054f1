import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

import { main } from "../../gate/cli";
import { REPO_ROOT, tempDir } from "../support/mocked";

const FIXTURES = path.join(REPO_ROOT, "test", "fixtures");
const PROD_EXPORT = path.join(FIXTURES, "state", "prod.json");
const LEAKY_EXPORT = path.join(FIXTURES, "state", "leaky.json");
const LEAKY_PROGRAM = path.join(FIXTURES, "programs", "leaky");

interface Run {
    code: number;
    out: string;
    err: string;
}

async function gate(...argv: string[]): Promise<Run> {
    let out = "";
    let err = "";
    const code = await main(["--project", REPO_ROOT, ...argv], s => (out += s), s => (err += s));
    return { code, out, err };
}

async function findings(...argv: string[]): Promise<{ code: number; findings: [string, string, string][] }> {
    const run = await gate(...argv, "--format", "json");
    const report = JSON.parse(run.out) as { findings: { rule: string; level: string; resource: string }[] };
    return { code: run.code, findings: report.findings.map(f => [f.level, f.rule, f.resource]) };
}

describe("gate/cli", () => {
    it("passes the dev stack with its two advisories, and shows the program's warning about its documentation CIDRs", async () => {
        assert.deepStrictEqual(await findings("--stack", "dev"), {
            code: 0,
            findings: [
                ["advisory", "iam-role-full-access-review", "aws:iam/role:Role operator-admin-role"],
                ["advisory", "iam-role-session-duration", "aws:iam/role:Role connector-role"],
            ],
        });
        const text = await gate("--stack", "dev");
        const lines = text.out.split("\n");
        assert.strictEqual(lines[0], "assume-guard gate: PASS (0 mandatory, 2 advisory, 1 program warning; 23 resources judged from stack dev)");
        assert.deepStrictEqual(lines.slice(lines.indexOf("Program warnings (advisory; pulumi.log.warn, as a preview shows them):")), [
            "Program warnings (advisory; pulumi.log.warn, as a preview shows them):",
            "  assume-guard:allowedCidrs holds 198.51.100.0/24 and assume-guard:operatorCidrs holds 198.51.100.0/24: documentation ranges (RFC 5737, RFC 3849) that no real network uses, " +
                "kept in the example stack files; pulumi up refuses this stack until they are replaced. " +
                "Fix: set the public egress CIDRs the connector (allowedCidrs) and the operator's office (operatorCidrs) call AWS from, e.g. pulumi config set --path 'assume-guard:allowedCidrs[0]' <your CIDR>.",
            "",
        ]);
    });

    it("passes the prod stack clean", async () => {
        const run = await gate("--stack", "prod");
        assert.deepStrictEqual([run.code, run.out, run.err], [0, "assume-guard gate: PASS (0 mandatory, 0 advisory; 13 resources judged from stack prod)\n", ""]);
    });

    describe("--first-preview: the stacks as their first pulumi preview sees them, every computed output unknown", () => {
        const cases: [string, string[], string, number][] = [
            ["dev", ["--stack", "dev"], "stack dev (first preview)", 23],
            ["prod", ["--stack", "prod"], "stack prod (first preview)", 13],
            ["examples/vendor-access", ["--project", path.join(REPO_ROOT, "examples", "vendor-access"), "--stack", "acme"], "stack acme (first preview)", 5],
        ];
        for (const [what, argv, source, judged] of cases) {
            it(`Compliance: ${what} passes with no unknown value and no mandatory finding: its documents are known at preview time`, async () => {
                const run = await gate(...argv, "--first-preview", "--format", "json");
                const report = JSON.parse(run.out) as { verdict: string; source: string; resourcesJudged: number; findings: { level: string; message: string }[] };
                assert.deepStrictEqual(
                    [run.code, report.verdict, report.source, report.resourcesJudged, report.findings.filter(f => f.level === "mandatory" || /unknown during preview/.test(f.message))],
                    [0, "pass", source, judged, []],
                );
            });
        }

        it("Noncompliance: a trusted principal of another account still needs an external ID in a first preview", async () => {
            const partner = ["--config-path", "--config", "additionalPrincipals[0]=arn:aws:iam::210987654321:user/partner"];
            assert.deepStrictEqual(await findings("--stack", "prod", "--first-preview", ...partner), {
                code: 1,
                findings: [["mandatory", "iam-role-cross-account-external-id", "aws:iam/role:Role connector-role"]],
            });
        });

        it("Usage: applies to a program run only", async () => {
            const run = await gate("--state", PROD_EXPORT, "--first-preview");
            assert.deepStrictEqual([run.code, run.err], [2, "assume-guard gate: --config, --invoke-results and --first-preview apply to a program run (--stack), not to a stack export (--state)\n"]);
        });
    });

    it("passes a real-shaped export with providers, components, pending operations and secrets, and prints no secret", async () => {
        const run = await gate("--state", PROD_EXPORT, "--format", "json");
        assert.strictEqual(run.code, 0);
        const report = JSON.parse(run.out);
        // The export predates AssumeOnlyUser's group: its user holds the assume-only policy inline, which only the advisory reports.
        const what = "IAM user 'assume-guard-prod-user' holds a policy of its own, held inline in UserPolicy 'connector-assume'";
        const why = "A policy on one user is reviewed, and forgotten, user by user; AWS Security Hub IAM.2 and CIS 1.15 expect users to receive permissions only through groups";
        const fix = 'attach the policy to a group and make the user a member (AssumeOnlyUser does so by default, grantVia "group")';
        assert.deepStrictEqual(
            [report.verdict, report.resourcesJudged, report.findings, report.source],
            [
                "pass",
                11,
                [
                    {
                        rule: "iam-user-permissions-through-groups",
                        level: "advisory",
                        urn: "urn:pulumi:prod::assume-guard::pulumi:pulumi:Stack$assume-guard:iam:AssumeOnlyUser$aws:iam/userPolicy:UserPolicy::connector-assume",
                        resource: "aws:iam/userPolicy:UserPolicy connector-assume",
                        what,
                        why,
                        fix,
                        message: `${what}. ${why}. Fix: ${fix}.`,
                    },
                ],
                `state ${PROD_EXPORT}`,
            ],
        );
        for (const ciphertext of ["Kx9m2YwQ0cT1", "Zm9vYmFyYmF6cXV4"]) {
            assert.ok(!run.out.includes(ciphertext), `the report leaks ${ciphertext}`);
        }
    });

    it("fails a violating export with exit 1 and names the rules", async () => {
        assert.deepStrictEqual(await findings("--state", LEAKY_EXPORT), {
            code: 1,
            findings: [
                ["mandatory", "iam-role-trust-requires-conditions", "aws:iam/role:Role connector-role"],
                ["mandatory", "iam-user-assume-only", "aws:iam/userPolicy:UserPolicy connector-assume"],
                ["mandatory", "iam-user-no-direct-data-access", "aws:iam/userPolicy:UserPolicy connector-assume"],
                ["advisory", "iam-user-permissions-through-groups", "aws:iam/userPolicy:UserPolicy connector-assume"],
            ],
        });
    });

    it("fails a violating program with exit 1 and names the rules, the resources and the program lines that made them", async () => {
        const run = await main(["--project", LEAKY_PROGRAM, "--stack", "test", "--format", "json"], () => undefined, () => undefined);
        assert.strictEqual(run, 1);
        const text = await gate("--project", LEAKY_PROGRAM, "--stack", "test");
        assert.strictEqual(text.out.split("\n")[0], "assume-guard gate: FAIL (3 mandatory, 1 advisory; 4 resources judged from stack test)");
        assert.match(text.out, /^mandatory  iam-user-no-direct-data-access       aws:iam\/userPolicy:UserPolicy reporting-data  \(test\/fixtures\/programs\/leaky\/index\.ts:7\)$/m);
    });

    it("names how many resources of each type a program's run registered", async () => {
        let out = "";
        const code = await main(["--project", LEAKY_PROGRAM, "--stack", "test", "--format", "json"], s => (out += s), () => undefined);
        assert.deepStrictEqual([code, JSON.parse(out).resourceTypes], [
            1,
            { "aws:iam/role:Role": 1, "aws:iam/user:User": 1, "aws:iam/userPolicy:UserPolicy": 1, "pulumi:pulumi:Stack": 1 },
        ]);
    });

    it("never prints a secret's plaintext from an export made with --show-secrets", async () => {
        const exported = JSON.parse(fs.readFileSync(LEAKY_EXPORT, "utf8"));
        const key = exported.deployment.resources.find((r: { type: string }) => r.type === "aws:iam/accessKey:AccessKey");
        const plaintext = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY";
        key.outputs.secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify(plaintext) };
        // The secret also names the user, so a message quoting the user would leak it unless scrubbed.
        const user = exported.deployment.resources.find((r: { type: string }) => r.type === "aws:iam/userPolicy:UserPolicy");
        user.outputs.user = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify("assume-guard-prod-user") };
        const file = path.join(tempDir("gate-"), "shown.json");
        fs.writeFileSync(file, JSON.stringify(exported));
        for (const format of ["text", "json", "sarif", "markdown"]) {
            const run = await gate("--state", file, "--format", format);
            assert.strictEqual(run.code, 1);
            assert.ok(!run.out.includes(plaintext) && !run.out.includes("assume-guard-prod-user'"), `${format} leaks a secret`);
        }
    });

    it("writes the report to --out and prints the verdict line", async () => {
        const file = path.join(tempDir("gate-"), "report.sarif");
        const run = await gate("--state", LEAKY_EXPORT, "--format", "sarif", "--out", file);
        assert.deepStrictEqual(
            [run.code, run.out],
            [1, `assume-guard gate: FAIL (3 mandatory, 1 advisory; 11 resources judged from state ${LEAKY_EXPORT}) (report written to ${file})\n`],
        );
        assert.strictEqual(JSON.parse(fs.readFileSync(file, "utf8")).runs[0].results.length, 4);
    });

    describe("refuses unusable input with exit 2 and one line", () => {
        const garbage = path.join(FIXTURES, "state", "garbage.txt");
        const pkg = path.join(REPO_ROOT, "package.json");
        const cases: [string, string[], string][] = [
            ["a file that is not JSON", ["--state", garbage], `${garbage} is not JSON (Unexpected token 'h', "this is not"... is not valid JSON); expected the output of pulumi stack export`],
            ["JSON that is not a stack export", ["--state", pkg], `${pkg} is not a stack export: expected {"version": 3, "deployment": {...}} from pulumi stack export`],
            ["a missing file", ["--state", "/nonexistent/export.json"], "cannot read /nonexistent/export.json: ENOENT"],
            ["an unknown stack", ["--stack", "staging"], `no stack 'staging' here: ${path.join(REPO_ROOT, "Pulumi.staging.yaml")} does not exist (stacks: dev, prod)`],
            [
                "both inputs",
                ["--stack", "dev", "--state", "x.json"],
                "give exactly one of --stack and --state; usage: assume-guard gate (--stack NAME | --state FILE) [--format text|json|sarif|markdown] [--out FILE] " +
                    "[--policy-config FILE] [--project DIR] [--config KEY=VALUE]... [--config-path] [--invoke-results FILE] [--first-preview] [--verbose] [--help]",
            ],
            ["an unknown format", ["--stack", "dev", "--format", "html"], "unknown --format html; use text, json, sarif or markdown"],
            ["a --config without a value", ["--stack", "dev", "--config", "tableName"], "--config tableName: expected KEY=VALUE, as for pulumi preview --config"],
            ["--config with a stack export", ["--state", LEAKY_EXPORT, "--config", "a=b"], "--config, --invoke-results and --first-preview apply to a program run (--stack), not to a stack export (--state)"],
            [
                "an export with nothing but the stack and its providers",
                ["--state", path.join(FIXTURES, "state", "empty.json")],
                `state ${path.join(FIXTURES, "state", "empty.json")} has no resources besides the stack and its providers; nothing to judge`,
            ],
        ];
        for (const [what, argv, expected] of cases) {
            it(what, async () => {
                const run = await gate(...argv);
                assert.deepStrictEqual([run.code, run.out, run.err], [2, "", `assume-guard gate: ${expected}\n`]);
            });
        }

        it("a stack export of another version", async () => {
            const file = path.join(tempDir("gate-"), "v2.json");
            fs.writeFileSync(file, JSON.stringify({ version: 2, deployment: { resources: [] } }));
            const run = await gate("--state", file);
            assert.deepStrictEqual(
                [run.code, run.err],
                [2, `assume-guard gate: ${file} is a stack export of deployment version 2; only version 3 is supported (pulumi stack export from CLI v3)\n`],
            );
        });

        it("a program whose config is bad", async () => {
            const dir = tempDir("gate-project-");
            fs.copyFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
            fs.writeFileSync(path.join(dir, "Pulumi.bad.yaml"), "config:\n  assume-guard:allowedCidrs: [\"10.0.0.1/8\"]\n  assume-guard:tableName: t1x\n");
            const run = await main(["--project", dir, "--stack", "bad"], () => undefined, () => undefined).catch(() => -1);
            assert.strictEqual(run, 2);
        });
    });

    it("--help prints every flag and exits 0", async () => {
        let out = "";
        const code = await main(["--help"], s => (out += s), () => undefined);
        assert.strictEqual(code, 0);
        for (const flag of ["--stack", "--state", "--project", "--config KEY=VALUE", "--config-path", "--invoke-results", "--policy-config", "--format", "--out", "--verbose", "--help"]) {
            assert.match(out, new RegExp(`^  ${flag.replace(/[-]/g, "\\-")} `, "m"), flag);
        }
        assert.match(out, /^Exit codes: 0 no mandatory finding, 1 mandatory findings, 2 anything that prevented a full judgement\.$/m);
    });

    it("reads relative paths from the caller's working directory", async () => {
        const dir = tempDir("gate-relative-");
        const out = path.relative(process.cwd(), path.join(dir, "report.json"));
        const config = path.relative(process.cwd(), path.join(REPO_ROOT, "policypack", "config", "default.json"));
        const project = path.relative(process.cwd(), path.join(FIXTURES, "programs", "ag-js-cjs"));
        const code = await main(["--project", project, "--stack", "test", "--policy-config", config, "--format", "json", "--out", out], () => undefined, () => undefined);
        assert.deepStrictEqual([code, (JSON.parse(fs.readFileSync(path.join(dir, "report.json"), "utf8")) as { verdict: string }).verdict], [1, "fail"]);
    });

    it("keeps a program's own output out of the report; --verbose shows it on stderr", async () => {
        const project = path.join(FIXTURES, "programs", "ag-js-cjs");
        const quiet = await gate("--project", project, "--stack", "test", "--format", "json");
        assert.deepStrictEqual([quiet.code, (JSON.parse(quiet.out) as { verdict: string }).verdict, quiet.err], [1, "fail", ""]);
        const verbose = await gate("--project", project, "--stack", "test", "--format", "json", "--verbose");
        assert.deepStrictEqual([verbose.code, (JSON.parse(verbose.out) as { verdict: string }).verdict, verbose.err], [1, "fail", "creating the reporting user\n"]);
    });

    it("exits with the verdict's code as a process, through the launcher", () => {
        const leaky = spawnSync(process.execPath, [path.join(REPO_ROOT, "gate", "launch.js"), "--state", LEAKY_EXPORT], { encoding: "utf8" });
        assert.strictEqual(leaky.status, 1, leaky.stderr);
        const garbage = spawnSync(process.execPath, [path.join(REPO_ROOT, "gate", "launch.js"), "--state", path.join(FIXTURES, "state", "garbage.txt")], { encoding: "utf8" });
        assert.deepStrictEqual([garbage.status, garbage.stdout], [2, ""]);
    });
});
