import * as assert from "assert";

describe("package exports", () => {
    it("lets another program import the built components as assume-guard/components", () => {
        // Resolved through package.json `exports` (a package may import itself by name), exactly as
        // a consumer that depends on assume-guard would; `npm ci` builds bin/ through `prepare`.
        const resolved = require.resolve("assume-guard/components");
        assert.match(resolved, /bin[\\/]components[\\/]index\.js$/);
        const lib = require("assume-guard/components") as Record<string, unknown>;
        for (const name of ["AssumeOnlyUser", "GuardedRole", "ScopedTable", "renderCliProfile", "currentScope"]) {
            assert.strictEqual(typeof lib[name], "function", `${name} is not exported`);
        }
        assert.deepStrictEqual(Object.keys(lib["documents"] as object).sort(), ["assumeOnlyUserPolicy", "bucketReadPolicy", "tableGrantPolicy", "trustConditions", "trustPolicy"]);
    });
});
