/**
 * scripts/rule-docs.ts: the rule pages, the configs and the README tables are what the rules'
 * definitions give, so the configSchema, the readers, default.json and the READMEs cannot disagree.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { configText, defaultConfig, generate, readRepoFile, replaceSection, strictConfig } from "../../scripts/rule-docs";
import { policies } from "../../policypack/policies";
import { REPO_ROOT } from "../support/mocked";

/** The first lines where `actual` and `expected` differ, as a short diff. */
function firstDifference(actual: string, expected: string): string {
    const a = actual.split("\n");
    const e = expected.split("\n");
    for (let i = 0; i < Math.max(a.length, e.length); i++) {
        if (a[i] !== e[i]) {
            return `line ${i + 1}:\n- ${a[i] ?? "(end of file)"}\n+ ${e[i] ?? "(end of file)"}`;
        }
    }
    return "(no difference)";
}

describe("scripts/rule-docs", () => {
    const generated = generate(readRepoFile);

    for (const g of generated) {
        it(`Fresh: ${g.file} is what the rules' definitions give`, () => {
            const actual = fs.existsSync(path.join(REPO_ROOT, g.file)) ? readRepoFile(g.file) : "(missing)";
            assert.ok(actual === g.text, `${g.file} is stale; run \`npx ts-node --transpile-only scripts/rule-docs.ts\`. First difference (- file, + generated):\n${firstDifference(actual, g.text)}`);
        });
    }

    it("docs/rules holds one page per rule and the index, nothing else", () => {
        assert.deepStrictEqual(fs.readdirSync(path.join(REPO_ROOT, "docs", "rules")).sort(), [...policies.map(p => `${p.name}.md`), "README.md"].sort());
    });

    it("config/default.json spells out each policy's level and every setting's default, in schema order", () => {
        assert.deepStrictEqual(defaultConfig()["iam-role-session-duration"], { enforcementLevel: "advisory", onUnknown: "fail", exemptions: [], maxSessionDurationSeconds: 3600 });
        assert.deepStrictEqual(defaultConfig()["assume-guard-exemptions-used"], { enforcementLevel: "advisory" });
    });

    it("config/strict.json is the defaults with each rule's strict overrides", () => {
        assert.deepStrictEqual(strictConfig()["dynamodb-table-protected"], {
            enforcementLevel: "mandatory",
            onUnknown: "fail",
            exemptions: [],
            requirePointInTimeRecovery: true,
            requireDeletionProtection: true,
        });
        assert.deepStrictEqual(strictConfig()["iam-role-full-access-review"], defaultConfig()["iam-role-full-access-review"]);
    });

    it("writes a config one policy per line, a long one a setting per line", () => {
        assert.strictEqual(
            configText({ short: { enforcementLevel: "advisory", list: ["a", "b"] }, long: { enforcementLevel: "mandatory", description: "x".repeat(160) } }),
            `{\n    "short": { "enforcementLevel": "advisory", "list": ["a", "b"] },\n    "long": {\n        "enforcementLevel": "mandatory",\n        "description": "${"x".repeat(160)}"\n    }\n}\n`,
        );
    });

    it("replaces only the marked section of a README, and names the file when the markers are missing", () => {
        const text = "intro\n<!-- generated:rules (scripts/rule-docs.ts) -->\nold\n<!-- /generated:rules -->\noutro\n";
        assert.strictEqual(replaceSection(text, "rules", "new\n", "X.md"), "intro\n<!-- generated:rules (scripts/rule-docs.ts) -->\nnew\n<!-- /generated:rules -->\noutro\n");
        assert.throws(() => replaceSection("no markers", "rules", "new\n", "X.md"), {
            message: "X.md has no <!-- generated:rules (scripts/rule-docs.ts) --> … <!-- /generated:rules --> section",
        });
    });
});
