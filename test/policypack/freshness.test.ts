/**
 * policypack/freshness.js: entry.js serves bin/ only when it was built from exactly the sources beside it,
 * or when no sources are beside it (the installed npm package).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { compiledMain, sourceDigest, sourceFiles, STAMP } from "../../policypack/freshness";

describe("policypack/freshness", () => {
    let dir: string;

    const write = (rel: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), text);
    };
    /** What scripts/build-pack.ts leaves: bin/index.js and the digest of the sources. */
    const build = () => {
        write("bin/index.js", "// compiled\n");
        write(STAMP, `${sourceDigest(dir)}\n`);
    };

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "pack-freshness-"));
        write("index.ts", "export {};\n");
        write("lib/a.ts", "export const a = 1;\n");
        write("tsconfig.json", "{}\n");
        write("data/policies.json", "{}\n");
        write("package.json", "{}\n");
        write("node_modules/x/index.ts", "export {};\n");
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("Sources: every .ts file and tsconfig.json, sorted, outside bin/ and node_modules/", () => {
        build();
        assert.deepStrictEqual(sourceFiles(dir), ["index.ts", "lib/a.ts", "tsconfig.json"]);
    });

    it("Compiled: bin/index.js is served when it was built from these sources", () => {
        build();
        assert.strictEqual(compiledMain(dir), path.join(dir, "bin", "index.js"));
    });

    it("Compiled: data and package.json are read at run time, so changing them keeps bin/ fresh", () => {
        build();
        write("data/policies.json", '{"changed":true}\n');
        write("package.json", '{"version":"2.0.0"}\n');
        assert.strictEqual(compiledMain(dir), path.join(dir, "bin", "index.js"));
    });

    it("Stale: a source edited after the build serves the TypeScript", () => {
        build();
        write("lib/a.ts", "export const a = 2;\n");
        assert.strictEqual(compiledMain(dir), undefined);
    });

    it("Stale: a source added after the build serves the TypeScript", () => {
        build();
        write("rules/new-rule.ts", "export {};\n");
        assert.strictEqual(compiledMain(dir), undefined);
    });

    it("Stale: a source renamed after the build serves the TypeScript", () => {
        build();
        fs.renameSync(path.join(dir, "lib/a.ts"), path.join(dir, "lib/b.ts"));
        assert.strictEqual(compiledMain(dir), undefined);
    });

    it("Installed: the npm package's pack, compiled with no sources beside it, serves bin/ without a stamp", () => {
        for (const rel of ["index.ts", "lib/a.ts", "tsconfig.json"]) {
            fs.rmSync(path.join(dir, rel));
        }
        write("bin/index.js", "// compiled\n");
        assert.strictEqual(compiledMain(dir), path.join(dir, "bin", "index.js"));
        fs.rmSync(path.join(dir, "bin", "index.js"));
        assert.strictEqual(compiledMain(dir), undefined);
    });

    it("Missing: no stamp, or no bin/index.js, serves the TypeScript", () => {
        assert.strictEqual(compiledMain(dir), undefined);
        build();
        fs.rmSync(path.join(dir, "bin", "index.js"));
        assert.strictEqual(compiledMain(dir), undefined);
    });
});
