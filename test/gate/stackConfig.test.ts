/**
 * Config as the CLI hands it to a program (gate/stackConfig.ts, gate/configValue.ts): stack file,
 * `--config`/`--config-path`, Pulumi.yaml values and defaults, missing and mistyped keys, structured
 * and secret values.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { main } from "../../gate/cli";
import { runProgramMocked } from "../../gate/mockRuntime";
import { loadStackConfig } from "../../gate/stackConfig";
import { REPO_ROOT, tempDir } from "../support/mocked";

const PROGRAMS = path.join(REPO_ROOT, "test", "fixtures", "programs");
const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "[secret: not decrypted offline]" };

async function gate(name: string, ...argv: string[]): Promise<{ code: number; err: string }> {
    let err = "";
    const code = await main(["--project", path.join(PROGRAMS, name), "--stack", "test", ...argv], () => undefined, s => (err += s));
    return { code, err };
}

/** A project folder with these Pulumi.yaml and Pulumi.test.yaml texts. */
function project(pulumiYaml: string, stackYaml: string): string {
    const dir = tempDir("gate-config-");
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), pulumiYaml);
    fs.writeFileSync(path.join(dir, "Pulumi.test.yaml"), stackYaml);
    return dir;
}

describe("gate/stackConfig", () => {
    describe("a missing required key is exit 2 with the command that sets it", () => {
        it("a key Pulumi.yaml declares without a default", async () => {
            assert.deepStrictEqual(await gate("ag-missing-config"), {
                code: 2,
                err: "assume-guard gate: Stack 'test' is missing configuration value 'tableName'; set it with `pulumi config set tableName <value>` or pass --config tableName=VALUE to the gate\n",
            });
        });

        it("a key the program requires in code", async () => {
            assert.deepStrictEqual(await gate("ag-config-require"), {
                code: 2,
                err:
                    `assume-guard gate: the program failed at ${path.relative(process.cwd(), path.join(PROGRAMS, "ag-config-require", "index.js"))}:5: ` +
                    "Missing required configuration variable 'ag-config-require:bucket'; set it with `pulumi config set ag-config-require:bucket <value>` or pass --config ag-config-require:bucket=VALUE to the gate\n",
            });
        });

        it("several keys, named together as the CLI names them", () => {
            const dir = project("name: p\nconfig:\n  b:\n    type: string\n  a:\n    type: string\n  c: 1\n", "config: {}\n");
            assert.throws(() => loadStackConfig(dir, "test"), {
                message: "Stack 'test' is missing configuration values 'a' and 'b'; set them with `pulumi config set a <value>` or pass --config a=VALUE to the gate",
            });
        });
    });

    it("--config adds a key under the project's namespace, and the program is judged", async () => {
        const run = await runProgramMocked({ projectDir: path.join(PROGRAMS, "ag-missing-config"), stack: "test", cliConfig: { settings: [{ key: "tableName", value: "items" }] } });
        assert.deepStrictEqual(run.outputs, { table: "items", retries: 3 });
        assert.strictEqual((await gate("ag-missing-config", "--config", "tableName=items")).code, 1);
        assert.strictEqual((await gate("ag-config-require", "--config", "ag-config-require:bucket=exports")).code, 0);
    });

    it("structured and secret values read as under the CLI: requireObject, Pulumi.yaml values, requireSecret", async () => {
        const run = await runProgramMocked({ projectDir: path.join(PROGRAMS, "ag-config"), stack: "test" });
        assert.deepStrictEqual(run.outputs, {
            cidrs: ["198.51.100.0/24", "203.0.113.0/24"],
            table: { indexes: ["byOwner"], name: "items" },
            retries: 3,
            owner: "platform",
            defaultTags: { tags: { team: "platform" } },
            token: SECRET,
            tokenIsSecret: true,
        });
        assert.deepStrictEqual(run.config.secretKeys, ["ag-config:token"]);
    });

    it("--config overrides a stack value; --config-path sets inside structured values, typed as the CLI types them", async () => {
        const settings = [
            { key: "retries", value: "5" },
            { key: "limits.reads[0]", value: "10" },
            { key: "limits.name", value: "0123" },
            { key: 'table["name"]', value: "orders" },
        ];
        const run = await runProgramMocked({ projectDir: path.join(PROGRAMS, "ag-config"), stack: "test", cliConfig: { settings, path: true } });
        assert.deepStrictEqual([run.outputs.retries, run.outputs.limits, run.outputs.table], [5, { name: "0123", reads: [10] }, { indexes: ["byOwner"], name: "orders" }]);
    });

    describe("refuses config the CLI refuses, with exit 2", () => {
        // The message, given the stack file's path.
        const cases: [string, string, string, (stackFile: string) => string][] = [
            [
                "an unqualified key in the stack file",
                "name: p\n",
                "config:\n  region: x\n",
                f => `${f}: could not parse region as a configuration key (configuration keys should be of the form \`<namespace>:<name>\`); write p:region`,
            ],
            ["a value of the wrong type", "name: p\nconfig:\n  retries:\n    type: integer\n", "config:\n  p:retries: three\n", () => "Stack 'test' with configuration key 'retries' must be of type 'integer'"],
            [
                "a list of the wrong item type",
                "name: p\nconfig:\n  cidrs:\n    type: array\n    items:\n      type: string\n",
                "config:\n  p:cidrs: [1, 2]\n",
                () => "Stack 'test' with configuration key 'cidrs' must be of type 'array<string>'",
            ],
            [
                "a secret key stored in plain text",
                "name: p\nconfig:\n  token:\n    type: string\n    secret: true\n",
                "config:\n  p:token: abc\n",
                () => "Stack 'test' with configuration key 'token' must be encrypted as it's secret; set it with `pulumi config set --secret token <value>`",
            ],
            [
                "a stack that imports ESC environments",
                "name: p\n",
                "environment:\n  - team/dev\nconfig: {}\n",
                f =>
                    `${f} imports Pulumi ESC environments (environment:), which the offline gate cannot open; ` +
                    "put the values the program needs in the stack file or pass them with --config KEY=VALUE, without the environment block",
            ],
        ];
        for (const [what, pulumiYaml, stackYaml, message] of cases) {
            it(what, async () => {
                const dir = project(pulumiYaml, stackYaml);
                let err = "";
                const code = await main(["--project", dir, "--stack", "test"], () => undefined, s => (err += s));
                assert.deepStrictEqual([code, err], [2, `assume-guard gate: ${message(path.join(dir, "Pulumi.test.yaml"))}\n`]);
            });
        }
    });
});
