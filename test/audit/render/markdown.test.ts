/**
 * audit/render/markdown: the audit's Markdown report obeys the gate's rule, at most 60,000
 * characters (a GitHub comment holds 65,536): verdict and counts first, mandatory findings named up
 * to the cap, the blast radius and the migrations in `<details>`, summarised when the account is
 * large. Measured on the synthetic 5,000-user account of the benchmark (bench/syntheticAccount.ts),
 * whose SARIF must also stay within GitHub's limits.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { audit } from "../../../audit/audit";
import { renderAuditMarkdown } from "../../../audit/render/markdown";
import { asGateReport, AuditReport } from "../../../audit/report";
import { syntheticAccount } from "../../../bench/syntheticAccount";
import { MAX_MARKDOWN } from "../../../gate/report/markdown";
import { renderSarif } from "../../../gate/report/sarif";
import { githubSarifProblems } from "../../support/githubSarif";
import { tempDir } from "../../support/mocked";

describe("audit/render/markdown", function () {
    this.timeout(120000);
    let report: AuditReport;
    let md: string;

    before(async () => {
        const file = path.join(tempDir("audit-5000-"), "account.json");
        fs.writeFileSync(file, JSON.stringify(syntheticAccount({ users: 5000, roles: 5000, policies: 2000 }), null, 4));
        report = await audit({ authorizationDetails: [file] });
        md = renderAuditMarkdown(report);
    });

    it(`A 5,000-user account: at most ${MAX_MARKDOWN} characters, the verdict and the account's counts first`, () => {
        const mandatory = report.findings.filter(f => f.level === "mandatory").length;
        const flagged = report.users.filter(u => u.flagged).length;
        assert.ok(md.length <= MAX_MARKDOWN, `${md.length} characters`);
        assert.strictEqual(
            md.slice(0, md.indexOf("### Mandatory findings")),
            "## assume-guard audit: **FAIL** — `account 123456789012`\n\n" +
                `**${mandatory} mandatory** and ${report.findings.length - mandatory} advisory finding(s), 0 exemption(s) used; ` +
                `5000 users (${flagged} failing the user rules), 50 groups, 5000 roles, 1900 customer managed policies; ${report.resourcesJudged} resources judged.\n\n`,
        );
    });

    it("names the first mandatory findings, each at its entity's line of the file, then counts the rest", () => {
        const mandatory = report.findings.filter(f => f.level === "mandatory");
        const named = mandatory.filter(f => md.includes(`| \`${f.rule}\` | \`${f.resource}\`<br>\`${f.location?.file}:${f.location?.line}\` | `));
        assert.deepStrictEqual(named, mandatory.slice(0, named.length));
        assert.ok(named.length >= 40, `${named.length} named`);
        assert.ok(md.includes(`\n\n… and ${mandatory.length - named.length} more mandatory finding(s): the text, JSON and SARIF reports list them all.\n`));
    });

    it("summarises the blast radius (the top key holders with their paths and map) and the migrations (the first in full, the rest named) in <details>, then the notes", () => {
        const holders = report.blastRadius.holders;
        const section = (summary: string) => md.slice(md.indexOf(`<details><summary>${summary}`), md.indexOf("</details>", md.indexOf(`<details><summary>${summary}`)));
        const blast = section("Blast radius");
        const shown = holders.filter((h, i) => blast.includes(`\n| ${i + 1} | \`${h.user}\` | `)).length;
        const migrations = section("Migrations");
        const written = report.migrations.filter(m => migrations.includes(`#### \`${m.user}\` → stack \`${m.stack}\``)).length;
        assert.deepStrictEqual(
            {
                summary: blast.split("\n")[0],
                rest: blast.includes(`\n\n… and ${holders.length - shown} more key holder(s): the JSON report lists them all.\n`),
                map: blast.includes("```mermaid\nflowchart LR\n"),
                migrations: migrations.split("\n")[0],
                named: migrations.includes(`\n… and ${report.migrations.length - written} more: \`${report.migrations[written].user}\`, `),
                notes: md.endsWith(`### Notes\n\n${report.notes.map(n => `- ${n}`).join("\n")}\n`),
            },
            {
                summary: `<details><summary>Blast radius: 5000 key holders, ${holders.filter(h => h.unconditioned > 0).length} reaching data with no condition to meet</summary>`,
                rest: true,
                map: true,
                migrations: `<details><summary>Migrations: ${report.migrations.length} users to move onto the assume-only pattern</summary>`,
                named: true,
                notes: true,
            },
        );
        assert.ok(shown >= 5 && written >= 1, `${shown} key holders and ${written} migrations written out`);
    });

    it("its SARIF stays within GitHub's limits: at most 25,000 results, the rest counted", () => {
        const sarif = renderSarif(asGateReport(report));
        assert.deepStrictEqual(githubSarifProblems(sarif), []);
    });
});
