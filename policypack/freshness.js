"use strict";
/**
 * Whether the compiled pack in bin/ was built from exactly the TypeScript sources beside it (or
 * stands alone, as in the installed npm package, which ships no sources).
 *
 * `scripts/build-pack.ts` compiles the pack and writes the sources' digest to bin/.sources-sha256;
 * `entry.js` serves bin/ only while that digest still matches. Content, not mtimes: git checkouts,
 * `npm pack` (which zeroes mtimes) and tarball extraction all leave mtimes meaningless.
 */
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

/** Where the build records the digest of the sources it compiled, relative to the pack folder. */
const STAMP = path.join("bin", ".sources-sha256");

/** The compiled pack's entry point, relative to the pack folder. */
const COMPILED_MAIN = path.join("bin", "index.js");

const SKIPPED_DIRS = new Set(["bin", "node_modules"]);

/** Every `.ts` file and tsconfig.json under `dir`, as sorted `/`-separated relative paths. */
function sourceFiles(dir, prefix = "") {
    const files = [];
    for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
        const rel = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
        if (entry.isDirectory()) {
            if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith(".")) {
                files.push(...sourceFiles(dir, rel));
            }
        } else if (entry.name.endsWith(".ts") || rel === "tsconfig.json") {
            files.push(rel);
        }
    }
    return files.sort();
}

/** The SHA-256 of the pack's sources: their paths and contents. */
function sourceDigest(packDir) {
    const hash = crypto.createHash("sha256");
    for (const rel of sourceFiles(packDir)) {
        hash.update(rel).update("\0").update(fs.readFileSync(path.join(packDir, rel))).update("\0");
    }
    return hash.digest("hex");
}

/**
 * The absolute path of bin/index.js when bin/ matches the sources beside it, or when there are no
 * sources beside it (the assume-guard npm package ships the compiled pack alone); else undefined.
 */
function compiledMain(packDir) {
    const main = path.join(packDir, COMPILED_MAIN);
    if (sourceFiles(packDir).length === 0) {
        return fs.existsSync(main) ? main : undefined;
    }
    let stamp;
    try {
        stamp = fs.readFileSync(path.join(packDir, STAMP), "utf8").trim();
    } catch {
        return undefined;
    }
    return stamp === sourceDigest(packDir) && fs.existsSync(main) ? main : undefined;
}

module.exports = { STAMP, COMPILED_MAIN, sourceFiles, sourceDigest, compiledMain };
