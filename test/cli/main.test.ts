/**
 * cli/main: the `assume-guard` command of the package, one row per command, run as the installed
 * package runs it (the compiled bin/cli/main.js that package.json's `bin` names; pretest builds it).
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as path from "path";

import { main as auditMain } from "../../audit/cli";
import { help, version } from "../../cli/main";
import { REPO_ROOT } from "../support/mocked";

const BIN = path.join(REPO_ROOT, "bin", "cli", "main.js");
const FIXTURE = path.join(REPO_ROOT, "test", "fixtures", "audit", "cloudsplaining-overrides-complete.json");

function assumeGuard(...argv: string[]): [number | null, string, string] {
    const ran = spawnSync(process.execPath, [BIN, ...argv], { cwd: REPO_ROOT, encoding: "utf8" });
    return [ran.status, ran.stdout, ran.stderr];
}

describe("cli/main (the assume-guard command)", () => {
    it("--help lists each command with its summary", () => {
        assert.strictEqual(
            help(),
            `usage: assume-guard <command> [flags]   (assume-guard ${version()})\n\n` +
                "commands:\n" +
                "  gate   judge a Pulumi program (--stack) or a stack export (--state) with the policy pack, offline\n" +
                "  audit  judge an AWS account's IAM offline from its get-account-authorization-details export: findings, each key's blast radius, migrations\n\n" +
                "  --help     print this help; assume-guard <command> --help prints the command's flags\n" +
                "  --version  print the version\n\n" +
                "The policy pack itself: pulumi preview --policy-pack node_modules/assume-guard/policypack\n",
        );
    });

    it("assume-guard audit --help prints the audit's own help, exit 0", async () => {
        let own = "";
        await auditMain(["--help"], s => (own += s), () => undefined);
        assert.deepStrictEqual(assumeGuard("audit", "--help"), [0, own, ""]);
    });

    it("assume-guard audit judges an export with the audit's exit code (1: mandatory findings)", () => {
        const [status, stdout, stderr] = assumeGuard("audit", "--authorization-details", FIXTURE);
        assert.deepStrictEqual([status, stdout.split("\n")[0], stderr], [1, "assume-guard audit: FAIL (5 mandatory, 2 advisory; 13 resources judged from account 012345678901)", ""]);
    });

    it("an unknown command is exit 2 naming the commands", () => {
        assert.deepStrictEqual(assumeGuard("audits"), [2, "", 'assume-guard: unknown command "audits"; commands: gate, audit (assume-guard --help)\n']);
    });
});
