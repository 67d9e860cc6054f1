/**
 * Compiles the policy pack to JavaScript (policypack/bin/, gitignored) so that the engine serves it
 * without type-checking it on every run (docs/engine-protocol.md §1), and stamps bin/ with the
 * digest of the sources it was built from; policypack/entry.js serves bin/ only while that matches.
 *
 *   build-pack            build unless bin/ already matches the sources
 *   build-pack --force    always rebuild
 *   build-pack --check    exit 1 when bin/ is missing or stale (build nothing)
 *
 * Run by the root `prepare` script, so `npm ci` leaves the pack ready for
 * `pulumi preview --policy-pack policypack`.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

import { compiledMain, sourceDigest, STAMP } from "../policypack/freshness";

/** The pack's folder. */
export const PACK_DIR = path.join(__dirname, "..", "policypack");

/** Builds the pack unless it is up to date; returns the process exit code. */
export function buildPack(packDir: string, opts: { force?: boolean; check?: boolean } = {}): number {
    const fresh = compiledMain(packDir) !== undefined;
    if (opts.check) {
        console.log(fresh ? "policypack/bin matches the sources" : "policypack/bin is missing or stale: run `npm run build:pack`");
        return fresh ? 0 : 1;
    }
    if (fresh && !opts.force) {
        console.log("policypack/bin is up to date");
        return 0;
    }
    // The digest is taken before compiling: a source edited meanwhile makes bin/ stale, never wrongly fresh.
    const digest = sourceDigest(packDir);
    fs.rmSync(path.join(packDir, "bin"), { recursive: true, force: true });
    const tsc = require.resolve("typescript/bin/tsc");
    const result = spawnSync(process.execPath, [tsc, "-p", packDir, "--rootDir", packDir, "--noEmitOnError"], { stdio: "inherit" });
    if (result.status !== 0) {
        console.error("policypack: tsc failed; bin/ not written (the engine will serve the TypeScript sources)");
        return result.status ?? 1;
    }
    fs.writeFileSync(path.join(packDir, STAMP), `${digest}\n`);
    console.log("policypack/bin built");
    return 0;
}

if (require.main === module) {
    const args = process.argv.slice(2);
    process.exitCode = buildPack(PACK_DIR, { force: args.includes("--force"), check: args.includes("--check") });
}
