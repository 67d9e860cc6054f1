import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

import { REPO_ROOT, tempDir } from "../support/mocked";

const SCRIPT = path.join(REPO_ROOT, "scripts", "pulumi-with-pack.js");

function run(args: string[], pathDirs: string[]) {
    return spawnSync(process.execPath, [SCRIPT, ...args], { encoding: "utf8", env: { ...process.env, PATH: pathDirs.join(path.delimiter) } });
}

describe("scripts/pulumi-with-pack (npm run preview / npm run up)", () => {
    it("runs the real CLI with the pack and its config named once, passing other arguments through", () => {
        const bin = tempDir("fake-pulumi-");
        const log = path.join(bin, "argv.json");
        fs.writeFileSync(path.join(bin, "pulumi"), `#!/bin/sh\n"${process.execPath}" -e 'require("fs").writeFileSync(process.argv[1], JSON.stringify(process.argv.slice(2)))' "${log}" "$@"\nexit 3\n`, { mode: 0o755 });
        const result = run(["preview", "--stack", "dev", "--diff"], [bin, "/usr/bin", "/bin"]);
        assert.strictEqual(result.status, 3, "the CLI's exit code is passed on");
        assert.deepStrictEqual(JSON.parse(fs.readFileSync(log, "utf8")), [
            "preview",
            "--stack",
            "dev",
            "--diff",
            "--policy-pack",
            path.join(REPO_ROOT, "policypack"),
            "--policy-pack-config",
            path.join(REPO_ROOT, "policypack", "config", "default.json"),
        ]);
        run(["up", "--stack", "prod", "--policy-config", "policypack/config/strict.json"], [bin, "/usr/bin", "/bin"]);
        assert.deepStrictEqual(JSON.parse(fs.readFileSync(log, "utf8")).slice(-4), [
            "--policy-pack",
            path.join(REPO_ROOT, "policypack"),
            "--policy-pack-config",
            path.resolve("policypack/config/strict.json"),
        ]);
    });

    it("without the CLI, says so and points to the offline gate", () => {
        const result = run(["up", "--stack", "prod"], [tempDir("empty-path-")]);
        assert.deepStrictEqual([result.status, result.stdout, result.stderr], [
            2,
            "",
            "The Pulumi CLI is not installed or not on PATH, so `pulumi up` cannot run here.\n" +
                "Install it (https://www.pulumi.com/docs/install/), or judge the stack offline with the same policy pack:\n" +
                "  npm run gate -- --stack prod\n",
        ]);
    });
});
