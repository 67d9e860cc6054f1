"use strict";
/**
 * The pack's `main`. The engine runs `@pulumi/pulumi/cmd/run-policy-pack`, which registers ts-node
 * with type-checking and requires this folder. Serving the compiled pack (bin/, built by
 * `npm run build:pack` at install) saves seconds per run; when bin/ is missing or was built from
 * other sources, the TypeScript is served instead: correct, only slower.
 * ASSUME_GUARD_PACK_SOURCES=1 serves the TypeScript regardless (debugging, benchmarks).
 */
const { compiledMain } = require("./freshness");

const sourcesAsked = process.env.ASSUME_GUARD_PACK_SOURCES === "1";
const compiled = sourcesAsked ? undefined : compiledMain(__dirname);
if (compiled === undefined && !sourcesAsked) {
    // stderr only: the engine reads the gRPC port from the first line of stdout.
    process.stderr.write("assume-guard policy pack: bin/ is missing or stale, serving the TypeScript sources (slower); run `npm run build:pack`.\n");
}
module.exports = require(compiled ?? "./index.ts");
