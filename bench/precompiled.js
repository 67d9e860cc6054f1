"use strict";
// Serves the checkout's TypeScript files from the JavaScript bench/precompile.ts compiled ahead of
// time (node -r bench/precompiled.js …): the same code ts-node's transpile-only mode would make,
// without loading a compiler. A file missing from the cache is an error, never a silent fallback.
const fs = require("fs");
const path = require("path");

const root = process.env.ASSUME_GUARD_PRECOMPILED_ROOT;
const cache = process.env.ASSUME_GUARD_PRECOMPILED_CACHE;
if (!root || !cache) {
    throw new Error("bench/precompiled.js: set ASSUME_GUARD_PRECOMPILED_ROOT and ASSUME_GUARD_PRECOMPILED_CACHE (bench/precompile.ts does)");
}

require.extensions[".ts"] = (module, filename) => {
    let js;
    try {
        js = fs.readFileSync(path.join(cache, `${path.relative(root, filename)}.js`), "utf8");
    } catch {
        throw new Error(`bench/precompiled.js: ${filename} was not precompiled`);
    }
    module._compile(js, filename);
};
