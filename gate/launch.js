#!/usr/bin/env node
// Starts the gate from its compiled JavaScript (bin/, built by `npm ci` and `npm run build`), which
// is fast. When bin/ was not built from the current sources (same content digest as the build), it
// runs the TypeScript through ts-node instead, so an edit never runs stale code and never needs a
// manual build step.
"use strict";
const path = require("path");
const { rootBuildFresh } = require("../scripts/build-root");

const root = path.resolve(__dirname, "..");
let entry = path.join(root, "bin", "gate", "cli.js");
if (!rootBuildFresh()) {
    require("ts-node").register({ transpileOnly: true, project: path.join(root, "tsconfig.json") });
    entry = path.join(root, "gate", "cli.ts");
}
require(entry).runAsProcess(process.argv.slice(2));
