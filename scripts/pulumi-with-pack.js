#!/usr/bin/env node
// `npm run preview -- --stack dev` and `npm run up -- --stack dev`: the real Pulumi CLI with the
// gate named once: `--policy-pack policypack --policy-pack-config <file>`. Extra arguments pass
// through. Without the CLI it says so and points to the offline gate (exit 2).
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const PACK = path.join(ROOT, "policypack");
const DEFAULT_CONFIG = path.join(PACK, "config", "default.json");

function main(argv) {
    const [command, ...rest] = argv;
    if (command !== "preview" && command !== "up") {
        process.stderr.write("usage: pulumi-with-pack.js preview|up [--policy-config FILE] [pulumi args…]\n");
        return 2;
    }
    let config = DEFAULT_CONFIG;
    const passthrough = [];
    for (let i = 0; i < rest.length; i++) {
        if (rest[i] === "--policy-config") {
            config = path.resolve(rest[++i] ?? "");
        } else {
            passthrough.push(rest[i]);
        }
    }
    const args = [command, ...passthrough, "--policy-pack", PACK, "--policy-pack-config", config];
    const result = spawnSync("pulumi", args, { cwd: ROOT, stdio: "inherit" });
    if (result.error && result.error.code === "ENOENT") {
        const at = passthrough.indexOf("--stack");
        const stack = at >= 0 && passthrough[at + 1] ? passthrough[at + 1] : "dev";
        process.stderr.write(
            "The Pulumi CLI is not installed or not on PATH, so `pulumi " + command + "` cannot run here.\n" +
                "Install it (https://www.pulumi.com/docs/install/), or judge the stack offline with the same policy pack:\n" +
                `  npm run gate -- --stack ${stack}\n`,
        );
        return 2;
    }
    if (result.error) {
        process.stderr.write(`pulumi ${command} failed to start: ${result.error.message}\n`);
        return 2;
    }
    return result.status ?? 1;
}

process.exitCode = main(process.argv.slice(2));
