import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { CONFIG_KEYS } from "../stack/config";
import { REPO_ROOT } from "./support/mocked";

describe("README", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

    it("documents exactly the program's config keys in its configuration reference", () => {
        const section = readme.slice(readme.indexOf("## Configuration reference"), readme.indexOf("## Reuse the components"));
        const documented = [...section.matchAll(/^\| `(\w+)` \|/gm)].map(m => m[1]);
        assert.deepStrictEqual(documented, Object.keys(CONFIG_KEYS));
    });

    it("shows the unit-testing example exactly as examples/unit-test/index.test.ts, which the tests run", () => {
        const section = readme.slice(readme.indexOf("## Unit-test your program"), readme.indexOf("## The gate:"));
        const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
        assert.strictEqual(block, fs.readFileSync(path.join(REPO_ROOT, "examples", "unit-test", "index.test.ts"), "utf8"));
    });
});
