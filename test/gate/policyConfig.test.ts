/**
 * `--policy-config` is reconciled and validated as the engine does it (gate/policyConfig.ts, the same
 * module test/support/analyzer.ts uses in place of the engine), plus one refusal of the gate's own:
 * a policy name the pack does not have.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { main } from "../../gate/cli";
import { packInfo, reconcileConfig } from "../../gate/policyConfig";
import { PACK_NAME } from "../../policypack/lib/pack";
import { policies } from "../../policypack/policies";
import { REPO_ROOT, tempDir } from "../support/mocked";

const LEAKY_EXPORT = path.join(REPO_ROOT, "test", "fixtures", "state", "leaky.json");

async function withConfig(text: string): Promise<{ code: number; err: string; file: string }> {
    const file = path.join(tempDir("gate-policy-config-"), "config.json");
    fs.writeFileSync(file, text);
    let err = "";
    const code = await main(["--state", LEAKY_EXPORT, "--policy-config", file], () => undefined, s => (err += s));
    return { code, err, file };
}

describe("gate/policyConfig", () => {
    describe("refuses what the engine refuses, in the engine's words", () => {
        const cases: [string, unknown, string][] = [
            ["an unknown enforcement level", { "iam-user-assume-only": "strict" }, 'parsing enforcement level for "iam-user-assume-only": "strict" is not a valid enforcement level'],
            [
                "an enforcement level that is not a string",
                { "iam-user-assume-only": { enforcementLevel: 1 } },
                'parsing enforcement level for "iam-user-assume-only": 1 is not a valid enforcement level; must be a string',
            ],
            ["a value that is neither a level nor an object", { "iam-user-assume-only": [true] }, 'parsing "iam-user-assume-only": [true] is not a valid value; must be a string or object'],
            [
                "a setting outside its enum",
                { "iam-user-assume-only": { onUnknown: "sometimes" } },
                'validating policy config for "assume-guard": iam-user-assume-only: onUnknown: onUnknown must be one of the following: "fail", "warn"',
            ],
            [
                "an exemption without a reason",
                { "iam-user-no-direct-data-access": { exemptions: [{ resource: "reporting" }] } },
                'validating policy config for "assume-guard": iam-user-no-direct-data-access: exemptions.0: reason is required',
            ],
            [
                "an exemption with an empty reason and an unknown key",
                { "iam-user-no-direct-data-access": { exemptions: [{ resource: "reporting", reason: "", until: "2027" }] } },
                'validating policy config for "assume-guard": iam-user-no-direct-data-access: exemptions.0.reason: String length must be greater than or equal to 1; ' +
                    "iam-user-no-direct-data-access: exemptions.0: Additional property until is not allowed",
            ],
            [
                "settings of the wrong type and out of range, errors sorted",
                { "iam-role-session-duration": { maxSessionDurationSeconds: 86400 }, "dynamodb-table-protected": { requireDeletionProtection: "yes" } },
                'validating policy config for "assume-guard": dynamodb-table-protected: requireDeletionProtection: Invalid type. Expected: boolean, given: string; ' +
                    "iam-role-session-duration: maxSessionDurationSeconds: Must be less than or equal to 43200",
            ],
            [
                "a policy name the pack does not have (the engine ignores it; the gate does not)",
                { "iam-user-asume-only": "disabled" },
                'no policy "iam-user-asume-only" (did you mean "iam-user-assume-only"?) in pack assume-guard; the engine would ignore this entry silently',
            ],
            ["ESC environments", { environments: ["team/policy"] }, "it names Pulumi ESC environments (team/policy), which the offline gate cannot open; put their settings in the file"],
        ];
        for (const [what, config, message] of cases) {
            it(what, async () => {
                const run = await withConfig(JSON.stringify(config));
                assert.deepStrictEqual([run.code, run.err], [2, `assume-guard gate: policy config ${run.file}: ${message}\n`]);
            });
        }

        it("JSON that is not an object", async () => {
            const run = await withConfig("[]");
            assert.deepStrictEqual([run.code, run.err], [2, `assume-guard gate: policy config ${run.file} must be a JSON object of policy names to settings, as for --policy-pack-config\n`]);
        });
    });

    it("applies a valid config: levels (all first, then each policy), exemptions; an empty file is no config", async () => {
        assert.strictEqual((await withConfig("")).code, 1);
        assert.strictEqual((await withConfig(JSON.stringify({ all: "advisory" }))).code, 0);
        assert.strictEqual((await withConfig(JSON.stringify({ all: "advisory", "iam-user-assume-only": "mandatory" }))).code, 1);
        assert.strictEqual((await withConfig(fs.readFileSync(path.join(REPO_ROOT, "policypack", "config", "strict.json"), "utf8"))).code, 1);
    });

    it("reconciles as the engine: schema defaults, every policy with an explicit level, top-level settings replaced", () => {
        const config = reconcileConfig(packInfo(PACK_NAME, policies), { all: "mandatory", "iam-role-session-duration": { exemptions: [{ resource: "a", reason: "b" }] } });
        assert.deepStrictEqual(config["iam-role-session-duration"], {
            enforcementLevel: "mandatory",
            properties: { onUnknown: "fail", exemptions: [{ resource: "a", reason: "b" }], maxSessionDurationSeconds: 3600 },
        });
        assert.deepStrictEqual(config["all"], { enforcementLevel: "mandatory", properties: undefined });
        assert.deepStrictEqual(
            Object.keys(config).filter(k => config[k].enforcementLevel !== "mandatory"),
            [],
        );
    });
});
