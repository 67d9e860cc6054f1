/**
 * The gate's SARIF: valid SARIF 2.1.0, within GitHub code scanning's documented ingestion rules, each
 * result on the program line that registered its resource, rules with help, helpUri and
 * security-severity, levels as configured, exemptions as suppressions.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { main } from "../../../gate/cli";
import { GateReport } from "../../../gate/report/model";
import { MAX_RESULTS, renderSarif } from "../../../gate/report/sarif";
import { githubSarifProblems } from "../../support/githubSarif";
import { REPO_ROOT, tempDir } from "../../support/mocked";
import { validateSarif } from "../../support/sarifSchema";

const LEAKY = path.join(REPO_ROOT, "test", "fixtures", "programs", "leaky");
const LEAKY_EXPORT = path.join(REPO_ROOT, "test", "fixtures", "state", "leaky.json");

type Log = { runs: { tool: { driver: { rules: Record<string, unknown>[] } }; results: Record<string, unknown>[] }[] };

async function sarif(...argv: string[]): Promise<{ text: string; log: Log }> {
    let text = "";
    await main(["--format", "sarif", ...argv], s => (text += s), () => undefined);
    return { text, log: JSON.parse(text) as Log };
}

const where = (r: Record<string, unknown>) => {
    const loc = (r.locations as { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn?: number } } }[])[0].physicalLocation;
    return `${loc.artifactLocation.uri}:${loc.region.startLine}${loc.region.startColumn ? `:${loc.region.startColumn}` : ""}`;
};

describe("gate/report/sarif", () => {
    const validate = validateSarif;

    for (const [what, argv] of [
        ["the dev stack", ["--project", REPO_ROOT, "--stack", "dev"]],
        ["a violating program", ["--project", LEAKY, "--stack", "test"]],
        ["a violating export", ["--state", LEAKY_EXPORT]],
    ] as const) {
        it(`is valid SARIF 2.1.0 within GitHub's ingestion rules for ${what}`, async () => {
            const { text, log } = await sarif(...argv);
            assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
            assert.deepStrictEqual(githubSarifProblems(text), []);
            const driver = log.runs[0].tool.driver;
            for (const result of log.runs[0].results) {
                assert.strictEqual(driver.rules[result.ruleIndex as number].id, result.ruleId);
            }
        });
    }

    it("rejects a log the schema or GitHub does not allow (the checks can fail)", async () => {
        const { log } = await sarif("--project", LEAKY, "--stack", "test");
        const bad = JSON.parse(JSON.stringify(log)) as Log;
        bad.runs[0].results[0].level = "fatal";
        assert.strictEqual(validate(bad), false);
        const unlocated = JSON.parse(JSON.stringify(log)) as Log;
        unlocated.runs[0].results[0].locations = [];
        unlocated.runs[0].tool.driver.rules[0].fullDescription = { text: "x".repeat(1025) };
        assert.deepStrictEqual(githubSarifProblems(JSON.stringify(unlocated)), [
            "runs[0].rules[0].fullDescription.text is required, at most 1024 characters",
            "runs[0].results[0]: 0 locations (1 to 10)",
            "runs[0].results[0]: physicalLocation.artifactLocation.uri is required",
            "runs[0].results[0]: region.startLine is required",
        ]);
    });

    it("points each result at the program line that registered its resource, relative to the repository root", async () => {
        const { log } = await sarif("--project", LEAKY, "--stack", "test");
        const data = log.runs[0].results.find(r => r.ruleId === "iam-user-no-direct-data-access");
        assert.deepStrictEqual(data, {
            ruleId: "iam-user-no-direct-data-access",
            ruleIndex: 0,
            level: "error",
            message: {
                text:
                    "IAM user 'reporting' can perform data-plane actions through inline UserPolicy 'reporting-data': statement 1 allows Action \"dynamodb:Scan\" and \"dynamodb:GetItem\", reaching dynamodb:GetItem and dynamodb:Scan. " +
                    "A leaked access key of this user reaches the data directly, with no role, source-IP, external-ID or MFA condition in between. " +
                    "Fix: let the user call only sts:AssumeRole on a guarded role, and grant the data access to that role.",
            },
            locations: [
                {
                    physicalLocation: { artifactLocation: { uri: "test/fixtures/programs/leaky/index.ts", uriBaseId: "%SRCROOT%" }, region: { startLine: 7, startColumn: 5 } },
                    logicalLocations: [
                        {
                            name: "aws:iam/userPolicy:UserPolicy reporting-data",
                            fullyQualifiedName: "urn:pulumi:test::leaky::pulumi:pulumi:Stack$aws:iam/userPolicy:UserPolicy::reporting-data",
                            kind: "resource",
                        },
                    ],
                },
            ],
            partialFingerprints: { resourceRule: "urn:pulumi:test::leaky::pulumi:pulumi:Stack$aws:iam/userPolicy:UserPolicy::reporting-data/iam-user-no-direct-data-access" },
        });
        assert.deepStrictEqual(log.runs[0].results.map(where), [
            "test/fixtures/programs/leaky/index.ts:14:5",
            "test/fixtures/programs/leaky/index.ts:7:5",
            "test/fixtures/programs/leaky/index.ts:7:5",
            "test/fixtures/programs/leaky/index.ts:7:5",
        ]);
    });

    it("points a component's child at the line that created the component, not at the component's internals", async () => {
        const { log } = await sarif("--project", REPO_ROOT, "--stack", "dev");
        assert.deepStrictEqual(
            log.runs[0].results.map(r => [r.ruleId, where(r)]),
            [
                ["iam-role-full-access-review", "index.ts:57:23"], // new GuardedRole("operator-admin", …)
                ["iam-role-session-duration", "index.ts:37:18"], // new GuardedRole("connector", …)
            ],
        );
    });

    it("reads the lines of a stack export from its sourcePosition and stackTrace, relative to --project", async () => {
        const exported = JSON.parse(fs.readFileSync(LEAKY_EXPORT, "utf8")) as { deployment: { resources: Record<string, unknown>[] } };
        const frames = (...at: string[]) => at.map(sourcePosition => ({ sourcePosition }));
        for (const r of exported.deployment.resources) {
            const urn = r.urn as string;
            if (urn.endsWith("AssumeOnlyUser::connector")) {
                r.sourcePosition = "project:///index.ts#34,18";
                r.stackTrace = frames("project:///index.ts#34,18", "project:///node_modules/@pulumi/pulumi/runtime/stack.ts#78,1");
            } else if (urn.endsWith("UserPolicy::connector-assume")) {
                // An export of CLI ≥ 3.19x: the child's own frame is inside the component.
                r.sourcePosition = "project:///components/assumeOnlyUser.ts#89,9";
                r.stackTrace = frames("project:///components/assumeOnlyUser.ts#89,9", "project:///index.ts#34,18");
            } else if (urn.endsWith("GuardedRole::connector")) {
                r.sourcePosition = "project:///index.ts#43,18";
            } else if (urn.endsWith("Role::connector-role")) {
                // An older export: the position alone.
                r.sourcePosition = "project:///components/guardedRole.ts#103,21";
            }
        }
        const dir = tempDir("sarif-export-");
        const file = path.join(dir, "export.json");
        fs.writeFileSync(file, JSON.stringify(exported));
        try {
            const { log } = await sarif("--state", file, "--project", REPO_ROOT);
            assert.deepStrictEqual(
                log.runs[0].results.map(r => [r.ruleId, where(r)]),
                [
                    ["iam-role-trust-requires-conditions", "index.ts:43:18"],
                    ["iam-user-assume-only", "index.ts:34:18"],
                    ["iam-user-no-direct-data-access", "index.ts:34:18"],
                    ["iam-user-permissions-through-groups", "index.ts:34:18"],
                ],
            );
            // Without positions, a finding points at line 1 of the export.
            const plain = await sarif("--state", LEAKY_EXPORT, "--project", REPO_ROOT);
            assert.deepStrictEqual(plain.log.runs[0].results.map(where), [
                "test/fixtures/state/leaky.json:1",
                "test/fixtures/state/leaky.json:1",
                "test/fixtures/state/leaky.json:1",
                "test/fixtures/state/leaky.json:1",
            ]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("describes each rule with its page, Markdown help, compliance tags and GitHub's security-severity", async () => {
        const { log } = await sarif("--project", REPO_ROOT, "--stack", "dev");
        const rule = log.runs[0].tool.driver.rules.find(r => r.id === "dynamodb-table-protected");
        const url = "https://github.com/assume-guard/assume-guard/blob/main/docs/rules/dynamodb-table-protected.md";
        const details =
            "Every DynamoDB table has point-in-time recovery enabled (`pointInTimeRecovery.enabled`), and deletion protection (`deletionProtectionEnabled`) when `requireDeletionProtection` is set, as the strict config does.";
        assert.deepStrictEqual(rule, {
            id: "dynamodb-table-protected",
            name: "dynamodb-table-protected",
            shortDescription: { text: "DynamoDB tables have point-in-time recovery (and deletion protection where configured)." },
            fullDescription: { text: details },
            help: {
                text:
                    "Fix: Enable pointInTimeRecovery (and deletionProtectionEnabled) on the table.\n\n" +
                    "DynamoDB tables have point-in-time recovery (and deletion protection where configured).\nSettings:\n" +
                    '- onUnknown (default "fail"): When a value the rule needs is unknown during preview: "fail" reports a violation naming the property; "warn" lets the engine report the rule as advisory for that run.\n' +
                    "- exemptions (default []): Resources this rule skips. Each needs a reason; every exemption used is reported by assume-guard-exemptions-used.\n" +
                    "- requirePointInTimeRecovery (default true): Require pointInTimeRecovery.enabled.\n" +
                    "- requireDeletionProtection (default false): Require deletionProtectionEnabled.\n\n" +
                    `Documentation: ${url}`,
                markdown: `**Fix:** Enable pointInTimeRecovery (and deletionProtectionEnabled) on the table.\n\n${details}\n\n[Documentation of \`dynamodb-table-protected\`](${url}): settings, compliance mappings.`,
            },
            helpUri: url,
            defaultConfiguration: { level: "warning" },
            properties: { tags: ["security", "iam", "aws-fsbp/DynamoDB.2", "aws-fsbp/DynamoDB.6"], "security-severity": "5.5" },
        });
        assert.deepStrictEqual(
            Object.fromEntries(log.runs[0].tool.driver.rules.map(r => [r.id, (r.properties as Record<string, unknown>)["security-severity"]])),
            {
                "iam-user-no-direct-data-access": "9.5",
                "iam-user-assume-only": "8.0",
                "iam-user-no-mfa-self-management": "8.0",
                "iam-role-trust-requires-conditions": "9.5",
                "iam-role-cross-account-external-id": "8.0",
                "iam-data-permissions-scoped": "8.0",
                "iam-role-policies-readable": "8.0",
                "iam-role-no-self-escalation": "8.0",
                "iam-within-aws-quotas": "5.5",
                "iam-deny-outside-ip-exempts-aws-services": "3.0",
                "iam-role-service-trust-confused-deputy": "5.5",
                "iam-role-full-access-review": "3.0",
                "iam-user-permissions-through-groups": "3.0",
                "dynamodb-table-protected": "5.5",
                "iam-role-session-duration": "3.0",
                "session-policy-narrows": "3.0",
                "assume-guard-exemptions-used": "3.0",
            },
        );
    });

    it("takes rule and result levels from --policy-config, and leaves disabled rules out", async () => {
        const dir = tempDir("sarif-levels-");
        const config = path.join(dir, "config.json");
        fs.writeFileSync(config, JSON.stringify({ all: "advisory", "iam-user-assume-only": "mandatory", "iam-role-trust-requires-conditions": "disabled" }));
        try {
            const { log } = await sarif("--project", LEAKY, "--stack", "test", "--policy-config", config);
            const rules = log.runs[0].tool.driver.rules;
            assert.deepStrictEqual(rules.filter(r => ["iam-user-assume-only", "iam-user-no-direct-data-access", "iam-role-trust-requires-conditions"].includes(r.id as string)).map(r => [r.id, r.defaultConfiguration]), [
                ["iam-user-no-direct-data-access", { level: "warning" }],
                ["iam-user-assume-only", { level: "error" }],
            ]);
            assert.deepStrictEqual(log.runs[0].results.map(r => [r.ruleId, r.level, rules[r.ruleIndex as number].id]), [
                ["iam-user-assume-only", "error", "iam-user-assume-only"],
                ["iam-user-no-direct-data-access", "warning", "iam-user-no-direct-data-access"],
                ["iam-user-permissions-through-groups", "warning", "iam-user-permissions-through-groups"],
            ]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("keeps an exempted finding as a suppressed result carrying the exemption's reason", async () => {
        const dir = tempDir("sarif-exempt-");
        const config = path.join(dir, "config.json");
        fs.writeFileSync(config, JSON.stringify({ "iam-user-no-direct-data-access": { exemptions: [{ resource: "reporting-data", reason: "ETL-1234: moves to a role by 2027-01-31" }] } }));
        try {
            const { text, log } = await sarif("--project", LEAKY, "--stack", "test", "--policy-config", config);
            assert.deepStrictEqual(githubSarifProblems(text), []);
            const suppressed = log.runs[0].results.filter(r => r.suppressions);
            assert.deepStrictEqual(
                suppressed.map(r => [r.ruleId, r.level, where(r), r.suppressions, r.partialFingerprints]),
                [
                    [
                        "iam-user-no-direct-data-access",
                        "error",
                        "test/fixtures/programs/leaky/index.ts:7:5",
                        [{ kind: "external", status: "accepted", justification: "ETL-1234: moves to a role by 2027-01-31" }],
                        { resourceRule: "urn:pulumi:test::leaky::pulumi:pulumi:Stack$aws:iam/userPolicy:UserPolicy::reporting-data/iam-user-no-direct-data-access" },
                    ],
                ],
            );
            assert.match((suppressed[0].message as { text: string }).text, /^IAM user 'reporting' can perform data-plane actions through inline UserPolicy 'reporting-data'/);
            assert.deepStrictEqual(
                log.runs[0].results.filter(r => !r.suppressions).map(r => [r.ruleId, r.level]),
                [
                    ["iam-role-trust-requires-conditions", "error"],
                    ["iam-user-assume-only", "error"],
                    ["assume-guard-exemptions-used", "warning"],
                    ["iam-user-permissions-through-groups", "warning"],
                ],
            );
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("keeps at most GitHub's 25,000 results per run, mandatory first, and says how many it left out, after the program's warnings", () => {
        const findings = Array.from({ length: MAX_RESULTS + 3 }, (_, i) => ({
            rule: "iam-user-assume-only",
            level: "mandatory" as const,
            urn: `urn:pulumi:x::p::aws:iam/user:User::u${i}`,
            resource: `aws:iam/user:User u${i}`,
            what: `User 'u${i}' is wrong`,
            why: "It matters",
            fix: "fix it",
            message: `User 'u${i}' is wrong. It matters. Fix: fix it.`,
        }));
        const report: GateReport = {
            source: "stack big",
            artifact: "Pulumi.big.yaml",
            resourcesJudged: findings.length,
            resourceTypes: {},
            findings,
            programWarnings: ["assume-guard:allowedCidrs holds 192.0.2.0/24"],
            exemptionsUsed: [],
            rules: [{ name: "iam-user-assume-only", description: "d", level: "mandatory", severity: "high", fix: "f", details: "d", help: "h", url: "https://example.com/r.md", controls: [] }],
            packVersion: "0.1.0",
            accessMap: { users: [] },
        };
        const text = renderSarif(report);
        const run = (JSON.parse(text) as { runs: { results: { message: unknown }[]; invocations: unknown }[] }).runs[0];
        assert.deepStrictEqual([run.results.length, run.invocations], [
            MAX_RESULTS,
            [
                {
                    executionSuccessful: true,
                    toolExecutionNotifications: [
                        { level: "warning", message: { text: "The program warned (pulumi.log.warn): assume-guard:allowedCidrs holds 192.0.2.0/24" } },
                        { level: "warning", message: { text: "3 more results left out: GitHub code scanning accepts at most 25000 per run. The text and JSON reports list them all." } },
                    ],
                },
            ],
        ]);
        assert.deepStrictEqual(githubSarifProblems(text), []);
    });
});
