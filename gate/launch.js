#!/usr/bin/env node
// Starts the gate from its compiled JavaScript (bin/, built by `npm ci` and `npm run build`), which
// is fast. When a TypeScript source is newer than the build, it runs the sources through ts-node
// instead, so an edit never runs stale code and never needs a manual build step.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const compiled = path.join(root, "bin", "gate", "cli.js");

function newestSource(dir) {
    let newest = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.name === "node_modules" || entry.name === "bin" || entry.name.startsWith(".")) continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
        else if (entry.name.endsWith(".ts") || entry.name.endsWith(".json")) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
    return newest;
}

function fresh() {
    if (!fs.existsSync(compiled)) return false;
    const built = fs.statSync(compiled).mtimeMs;
    return ["gate", "policypack", "components", "stack"].every(d => newestSource(path.join(root, d)) <= built);
}

let entry = compiled;
if (!fresh()) {
    require("ts-node").register({ transpileOnly: true, project: path.join(root, "tsconfig.json") });
    entry = path.join(root, "gate", "cli.ts");
}
require(entry).main(process.argv.slice(2), s => process.stdout.write(s), s => process.stderr.write(s)).then(code => {
    process.exitCode = code;
});
