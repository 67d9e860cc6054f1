/**
 * The migrations the audit writes: the config passes this program's own validation once its
 * placeholders are filled, and the stack it then deploys passes the gate (the program run under the
 * mocked runtime with the written Pulumi.<stack>.yaml, judged by gate/cli as `npm run gate` runs it).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { audit } from "../../audit/audit";
import { Migration } from "../../audit/migration";
import { main as gate } from "../../gate/cli";
import { loadStackConfig } from "../../gate/stackConfig";
import { parseStackConfig } from "../../stack/config";
import { credentialReportJson } from "../support/authzDetails";
import { legacyAccount, legacyCredentialReport } from "../support/legacyAccount";
import { REPO_ROOT, runStack, tempDir } from "../support/mocked";

/** A project folder running this repository's program with `migration`'s files, as an operator would set it up. */
function project(m: Migration, config: string): string {
    const dir = tempDir("audit-migration-");
    fs.copyFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.copyFileSync(path.join(REPO_ROOT, "tsconfig.json"), path.join(dir, "tsconfig.json"));
    fs.writeFileSync(path.join(dir, "index.ts"), `export = require(${JSON.stringify(path.join(REPO_ROOT, "index"))});\n`);
    fs.mkdirSync(path.join(dir, "node_modules", "@pulumi"), { recursive: true });
    for (const pkg of ["pulumi", "aws", "random"]) {
        fs.symlinkSync(path.join(REPO_ROOT, "node_modules", "@pulumi", pkg), path.join(dir, "node_modules", "@pulumi", pkg));
    }
    fs.writeFileSync(path.join(dir, m.configFile), config);
    return dir;
}

describe("audit/migration: a ready config, the imports and the rotation, for each user the user rules fail", () => {
    let migrations: Map<string, Migration>;

    before(async () => {
        const dir = tempDir("audit-legacy-");
        fs.writeFileSync(path.join(dir, "account.json"), JSON.stringify(legacyAccount(await runStack("dev"))));
        fs.writeFileSync(path.join(dir, "report.json"), credentialReportJson(legacyCredentialReport()));
        const r = await audit({ authorizationDetails: [path.join(dir, "account.json")], credentialReport: path.join(dir, "report.json") });
        migrations = new Map(r.migrations.map(m => [m.user, m]));
    });

    it("writes ci-deploy's config from its policies (the table it names, the CIDR its condition names), which the program accepts as written", () => {
        const m = migrations.get("ci-deploy") as Migration;
        assert.strictEqual(
            m.config,
            [
                "# The migration of IAM user 'ci-deploy' of account 123456789012, written by assume-guard audit.",
                "# Fill every <…> placeholder first: the program refuses this config until then.",
                "config:",
                '  aws:region: "eu-west-1" # the region of the table\'s ARN',
                '  assume-guard:accountId: "123456789012" # the account of the authorization details; the program refuses credentials of any other',
                '  assume-guard:userName: "ci-deploy" # adopt the existing user (see the import file)',
                '  assume-guard:namePrefix: "ci-deploy" # the role is ci-deploy-connector',
                "  assume-guard:allowedCidrs: # the source-IP conditions of the user's current policies",
                '    - "203.0.113.0/24"',
                '  assume-guard:tableName: "orders" # the table ci-deploy\'s policies name',
                "  assume-guard:createAccessKey: true # the new key the holder rotates onto",
                "",
            ].join("\n"),
        );
        assert.deepStrictEqual([m.stack, m.placeholders, m.validation], ["migrate-ci-deploy", [], "passes"]);
        assert.deepStrictEqual(JSON.parse(m.imports), {
            resources: [
                { type: "assume-guard:iam:AssumeOnlyUser", name: "connector", component: true },
                { type: "aws:iam/user:User", name: "connector-user", id: "ci-deploy", parent: "connector" },
                { type: "assume-guard:dynamodb:ScopedTable", name: "data", component: true },
                { type: "aws:dynamodb/table:Table", name: "data-table", id: "orders", parent: "data" },
            ],
        });
        assert.deepStrictEqual(m.steps.slice(-4), [
            "aws iam update-access-key --user-name ci-deploy --access-key-id <the old key> --status Inactive   # then, after a grace period: aws iam delete-access-key --user-name ci-deploy --access-key-id <the old key>",
            "aws iam detach-user-policy --user-name ci-deploy --policy-arn arn:aws:iam::123456789012:policy/orders-writer",
            "aws iam remove-user-from-group --user-name ci-deploy --group-name deployers",
            "aws iam get-account-authorization-details > account.json && npm run audit -- --authorization-details account.json   # ci-deploy passes",
        ]);
        assert.strictEqual(m.steps[1], "# ci-deploy has two active keys and the stack adds one: delete the one not in use first (aws iam list-access-keys --user-name ci-deploy)");
    });

    it("leaves what the input cannot tell (retool's source networks, its table under AmazonDynamoDBFullAccess) as placeholders the program refuses", () => {
        const m = migrations.get("retool") as Migration;
        assert.deepStrictEqual(
            [m.placeholders, m.validation, m.notes.slice(0, 2)],
            [
                ["assume-guard:allowedCidrs", "assume-guard:tableName"],
                'assume-guard:allowedCidrs[0]: "<egress CIDR of the key holder, such as 203.0.113.0/24>" is not a CIDR. Fix: write an address and prefix length, such as 203.0.113.0/24 or 2001:db8::/32.',
                [
                    "allowedCidrs: the credential report records a key's last use by region and service, never by source IP; ask the key holder for its egress CIDRs, or read sourceIPAddress in CloudTrail.",
                    "tableName: its policies allow DynamoDB data actions on *, so which table the key holder uses cannot be read from them.",
                ],
            ],
        );
        assert.ok(m.config.includes('  aws:region: "eu-west-1" # where access key 1 was last used (credential report)\n'), m.config);
    });

    it("filled with a test CIDR and a table, retool's config passes the program's validation as the CLI hands it over, and the stack it deploys passes the gate", async () => {
        const m = migrations.get("retool") as Migration;
        const filled = m.config.replace("<egress CIDR of the key holder, such as 203.0.113.0/24>", "203.0.113.0/24").replace(/"<the table retool's key holder uses: [^"]*>"/, '"retool-items"');
        const dir = project(m, filled);
        const config = parseStackConfig(loadStackConfig(dir, m.stack).config, m.stack);
        assert.deepStrictEqual(
            [config.userName, config.namePrefix, config.allowedCidrs, config.tableName, config.accountId, config.allowListTables, config.createAccessKey],
            ["retool", "retool", ["203.0.113.0/24"], "retool-items", "123456789012", true, true],
        );
        let out = "";
        let err = "";
        const code = await gate(["--project", dir, "--stack", m.stack, "--format", "json"], s => (out += s), s => (err += s));
        assert.strictEqual(err, "");
        const report = JSON.parse(out) as { verdict: string; findings: { level: string; rule: string; resource: string }[]; accessMap: { users: { name: string; roles: { name: string; conditions: { sourceCidrs: string[] } }[] }[] } };
        assert.deepStrictEqual(
            { code, verdict: report.verdict, findings: report.findings.map(f => [f.level, f.rule, f.resource]), map: report.accessMap.users.map(u => [u.name, u.roles.map(r => [r.name, r.conditions.sourceCidrs])]) },
            { code: 0, verdict: "pass", findings: [], map: [["retool", [["retool-connector", ["203.0.113.0/24"]]]]] },
        );
    });

    it("writes one migration per flagged user, none for the assume-only ones", () => {
        assert.deepStrictEqual([...migrations.keys()], ["retool", "ci-deploy", "reporting", "contractor"]);
        assert.deepStrictEqual(migrations.get("reporting")?.notes[1], "tableName: its policies reach no DynamoDB table.");
    });
});
