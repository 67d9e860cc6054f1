/**
 * `pulumi policy publish` runs `npm pack --loglevel=error` in the pack folder and reads the tarball's
 * name from stdout; a policy group later unpacks the tarball, runs `npm install` in it and serves it
 * (docs/engine-protocol.md §4). Here: the same `npm pack`, then the unpacked tarball served as the
 * engine serves it, with this checkout's node_modules standing in for `npm install`.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { compiledMain, COMPILED_MAIN, sourceFiles } from "../../policypack/freshness";
import { policies } from "../../policypack/policies";
import { startAnalyzer } from "../support/analyzer";

const PACK_DIR = path.join(__dirname, "..", "..", "policypack");
const manifest = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as { name: string; version: string; scripts?: Record<string, string> };

function listFiles(dir: string, prefix = ""): string[] {
    return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap(e => {
        const rel = prefix ? `${prefix}/${e.name}` : e.name;
        return e.isDirectory() ? listFiles(dir, rel) : [rel];
    });
}

describe("policy pack as `pulumi policy publish` packs it", () => {
    let tmp: string;
    let stdout: string;
    let unpacked: string;

    before(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pack-publish-"));
        stdout = execFileSync("npm", ["pack", "--loglevel=error", "--pack-destination", tmp], { cwd: PACK_DIR, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
        execFileSync("tar", ["-xzf", path.join(tmp, stdout.trim()), "-C", tmp]);
        unpacked = path.join(tmp, "package");
        fs.symlinkSync(fs.realpathSync(path.join(__dirname, "..", "..", "node_modules")), path.join(unpacked, "node_modules"));
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("Publish: npm pack prints only the tarball's name, which is what the CLI reads", () => {
        assert.deepStrictEqual(
            ["prepack", "prepare", "postpack"].filter(s => manifest.scripts?.[s] !== undefined),
            [],
            "a lifecycle script makes npm print a banner on stdout",
        );
        assert.strictEqual(stdout.trim(), `${manifest.name}-${manifest.version}.tgz`);
    });

    it("Publish: the tarball holds the sources, the data, the config examples and the entry point", () => {
        const files = new Set(listFiles(unpacked));
        const needed = [...sourceFiles(PACK_DIR), "package.json", "PulumiPolicy.yaml", "entry.js", "freshness.js", "data/aws-managed-policies.json", "config/default.json", "config/strict.json"];
        assert.deepStrictEqual(needed.filter(f => !files.has(f)), []);
    });

    it("Publish: the tarball's compiled pack matches its sources (a policy group's npm install has no TypeScript 5 to fall back on)", () => {
        assert.strictEqual(compiledMain(unpacked), path.join(unpacked, COMPILED_MAIN), "policypack/bin is missing or stale: run `npm run build:pack` before publishing");
    });

    it("Install: the unpacked tarball serves every policy, compiled, with nothing on stderr", async () => {
        const analyzer = await startAnalyzer(unpacked, { stack: null });
        try {
            const info = await analyzer.getAnalyzerInfo();
            assert.deepStrictEqual(
                { name: info.name, version: info.version, policies: info.policies.map(p => p.name) },
                { name: "assume-guard", version: manifest.version, policies: policies.map(p => p.name) },
            );
            assert.strictEqual(analyzer.pack.stderr(), "");
        } finally {
            await analyzer.close();
        }
    });
});
