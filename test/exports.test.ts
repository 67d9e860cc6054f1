import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { REPO_ROOT } from "./support/mocked";

// scripts/build-root.js is plain JavaScript (it runs before anything is built).
const { rootBuildFresh } = require("../scripts/build-root") as { rootBuildFresh(): boolean };
const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { exports: Record<string, unknown>; typesVersions: Record<string, Record<string, string[]>> };

describe("package exports", () => {
    it("the tests import bin/ as built from the current sources (pretest builds it), never a stale build", () => {
        assert.strictEqual(rootBuildFresh(), true, "bin/ is stale: run npm run build (npm test does it in pretest)");
    });

    it("every subpath export has its types for node10 resolution too (typesVersions), as Pulumi's project templates resolve", () => {
        const subpaths = Object.keys(manifest.exports).filter(k => k !== "." && k !== "./package.json");
        const typed = Object.fromEntries(subpaths.map(k => [k.slice(2), [((manifest.exports[k] as { types: string }).types).slice(2)]]));
        assert.deepStrictEqual(manifest.typesVersions, { "*": typed });
    });

    it("lets another program import the built components as assume-guard/components", () => {
        // Resolved through package.json `exports` (a package may import itself by name), exactly as
        // a consumer that depends on assume-guard would; `npm ci` builds bin/ through `prepare`.
        const resolved = require.resolve("assume-guard/components");
        assert.match(resolved, /bin[\\/]components[\\/]index\.js$/);
        const lib = require("assume-guard/components") as Record<string, unknown>;
        for (const name of ["AssumeOnlyUser", "GuardedRole", "ScopedTable", "MfaEnrolmentRole", "renderCliProfile", "currentScope", "operatorMfaEnrolment"]) {
            assert.strictEqual(typeof lib[name], "function", `${name} is not exported`);
        }
        assert.deepStrictEqual(Object.keys(lib["documents"] as object).sort(), ["assumeOnlyUserPolicy", "bucketReadPolicy", "mfaEnrolmentPolicy", "tableGrantPolicy", "trustConditions", "trustPolicy"]);
    });
});
