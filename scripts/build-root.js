#!/usr/bin/env node
// Builds the components, the program, the gate, the client, the CLI and the testing helpers to bin/ (tsc -p tsconfig.build.json)
// unless bin/ was already built from exactly these sources: the same content digest the policy pack
// uses (policypack/freshness.js), so a git checkout or a second `prepare` run (npm runs it for the
// root and again for the example's `file:` dependency) costs milliseconds, not a compile.
//   build-root.js           build unless fresh
//   build-root.js --force   always build
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { sourceDigest } = require("../policypack/freshness");

const ROOT = path.resolve(__dirname, "..");
const STAMP = path.join(ROOT, "bin", ".sources-sha256");
const DIRS = ["components", "stack", "gate", "audit", "client", "cli", "testing", "policypack"];
const FILES = ["index.ts", "tsconfig.json", "tsconfig.build.json"];

/** The digest of every source the root build compiles. */
function rootDigest() {
    const hash = crypto.createHash("sha256");
    for (const d of DIRS) {
        hash.update(d).update("\0").update(sourceDigest(path.join(ROOT, d))).update("\0");
    }
    for (const f of FILES) {
        hash.update(f).update("\0").update(fs.readFileSync(path.join(ROOT, f))).update("\0");
    }
    return hash.digest("hex");
}

/** True when bin/ was built from the current sources. */
function rootBuildFresh() {
    try {
        return fs.readFileSync(STAMP, "utf8").trim() === rootDigest() && fs.existsSync(path.join(ROOT, "bin", "gate", "cli.js"));
    } catch {
        return false;
    }
}

function build(force) {
    if (!force && rootBuildFresh()) {
        console.log("bin/ is up to date");
        return 0;
    }
    const digest = rootDigest();
    const tsc = require.resolve("typescript/bin/tsc");
    const result = spawnSync(process.execPath, [tsc, "-p", path.join(ROOT, "tsconfig.build.json")], { stdio: "inherit", cwd: ROOT });
    if (result.status !== 0) {
        return result.status ?? 1;
    }
    fs.writeFileSync(STAMP, `${digest}\n`);
    console.log("bin/ built");
    return 0;
}

/**
 * Runs a command of this checkout (`gate`, `audit`: `<name>/cli.ts`'s runAsProcess) from its
 * compiled JavaScript in bin/ when bin/ was built from the current sources, which is fast; else from
 * the TypeScript through ts-node, so that an edit never runs stale code and never needs a manual
 * build step.
 */
function launch(name, argv) {
    let entry = path.join(ROOT, "bin", name, "cli.js");
    if (!rootBuildFresh() || !fs.existsSync(entry)) {
        require("ts-node").register({ transpileOnly: true, project: path.join(ROOT, "tsconfig.json") });
        entry = path.join(ROOT, name, "cli.ts");
    }
    require(entry).runAsProcess(argv);
}

module.exports = { rootDigest, rootBuildFresh, launch };

if (require.main === module) {
    process.exitCode = build(process.argv.includes("--force"));
}
