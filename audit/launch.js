#!/usr/bin/env node
// Starts the audit from its compiled JavaScript (bin/, built by `npm ci` and `npm run build`) when
// bin/ was built from the current sources, else from the TypeScript through ts-node, as gate/launch.js does.
"use strict";
const fs = require("fs");
const path = require("path");
const { rootBuildFresh } = require("../scripts/build-root");

const root = path.resolve(__dirname, "..");
let entry = path.join(root, "bin", "audit", "cli.js");
if (!rootBuildFresh() || !fs.existsSync(entry)) {
    require("ts-node").register({ transpileOnly: true, project: path.join(root, "tsconfig.json") });
    entry = path.join(root, "audit", "cli.ts");
}
require(entry).runAsProcess(process.argv.slice(2));
