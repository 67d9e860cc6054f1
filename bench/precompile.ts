/**
 * The checkout's TypeScript compiled ahead of time, for the benches that run JavaScript: B3 runs the
 * test suite from it, B4 runs its measuring processes from it (so no compiler sits in their memory).
 *
 * Every `.ts` file outside node_modules, bin/ and dot-folders is compiled by ts-node's own
 * transpile-only service with the root tsconfig.json: byte for byte the JavaScript that
 * `ts-node/register/transpile-only` (what `npm test` uses) makes at require time. The output goes to
 * a cache folder, not beside the sources: tests list source folders and expect only `.ts` there.
 * `bench/precompiled.js`, required first (`node -r bench/precompiled.js`), serves it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const SKIPPED = new Set(["node_modules", "bin"]);

/** A precompiled checkout: how to run node on it. */
export interface Precompiled {
    readonly root: string;
    readonly cacheDir: string;
    readonly files: number;
    readonly ms: number;
    /** The hook to `--require` first. */
    readonly hook: string;
    /** The environment the hook reads. */
    readonly env: Readonly<Record<string, string>>;
    /** Removes the cache. */
    dispose(): void;
}

function sources(root: string, dir = ""): string[] {
    return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap(e => {
        const rel = dir ? path.join(dir, e.name) : e.name;
        if (e.isDirectory()) {
            return SKIPPED.has(e.name) || e.name.startsWith(".") ? [] : sources(root, rel);
        }
        return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [rel] : [];
    });
}

/** Compiles every TypeScript file under `root` into a new cache folder. */
export function precompile(root: string): Precompiled {
    const start = process.hrtime.bigint();
    const { create } = require("ts-node") as typeof import("ts-node");
    const service = create({ transpileOnly: true, project: path.join(root, "tsconfig.json"), cwd: root });
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "assume-guard-precompiled-"));
    const files = sources(root);
    for (const rel of files) {
        const file = path.join(root, rel);
        const out = path.join(cacheDir, `${rel}.js`);
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out, service.compile(fs.readFileSync(file, "utf8"), file));
    }
    return {
        root,
        cacheDir,
        files: files.length,
        ms: Math.round(Number(process.hrtime.bigint() - start) / 1e6),
        hook: path.join(root, "bench", "precompiled.js"),
        env: { ASSUME_GUARD_PRECOMPILED_ROOT: root, ASSUME_GUARD_PRECOMPILED_CACHE: cacheDir },
        dispose: () => fs.rmSync(cacheDir, { recursive: true, force: true }),
    };
}

/** Runs `fn` on a precompiled checkout of `root`, removing the cache afterwards. */
export async function withPrecompiled<T>(root: string, fn: (compiled: Precompiled) => Promise<T>): Promise<T> {
    const compiled = precompile(root);
    try {
        return await fn(compiled);
    } finally {
        compiled.dispose();
    }
}
