import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { PACK_NAME } from "../policypack/lib/pack";
import { CONFIG_KEYS } from "../stack/config";
import { REPO_ROOT } from "./support/mocked";

const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), "utf8");

/** The part of `text` from `heading` up to the next heading of the same level (or the end). */
function section(text: string, heading: string): string {
    const from = text.indexOf(`${heading}\n`);
    assert.ok(from >= 0, `no heading "${heading}"`);
    const level = heading.slice(0, heading.indexOf(" ") + 1);
    const next = text.indexOf(`\n${level}`, from + heading.length);
    return text.slice(from, next < 0 ? undefined : next);
}

describe("README", () => {
    const readme = read("README.md");

    it("documents exactly the program's config keys in its configuration reference", () => {
        const documented = [...section(readme, "## Configuration reference").matchAll(/^\| `(\w+)` \|/gm)].map(m => m[1]);
        assert.deepStrictEqual(documented, Object.keys(CONFIG_KEYS));
    });

    it("docs/components.md shows the unit-testing example exactly as examples/unit-test/index.test.ts, which the tests run", () => {
        const block = /```ts\n([\s\S]*?)```/.exec(section(read("docs/components.md"), "## Unit-test your program"))?.[1];
        assert.strictEqual(block, read("examples/unit-test/index.test.ts"));
    });

    it("states the one pulumi policy publish recipe identically in the README, policypack/README.md and docs/policy-pack.md", () => {
        const recipe = (file: string) => /<!-- recipe:publish -->\n([\s\S]*?)<!-- \/recipe:publish -->/.exec(read(file))?.[1];
        const files = ["README.md", "policypack/README.md", "docs/policy-pack.md"];
        assert.deepStrictEqual(files.map(recipe), files.map(() => recipe("README.md")));
        const enable = String(recipe("README.md")).split("\n").find(l => l.startsWith("pulumi policy enable"));
        assert.strictEqual(enable, `pulumi policy enable <org>/${PACK_NAME} latest --policy-group <group> --config config/default.json`);
    });

    it("links only to files, folders and headings that exist, from the README and every page under docs/", () => {
        /** GitHub's anchor of a heading: lower case, punctuation but hyphens dropped, spaces as hyphens. */
        const anchors = (file: string) =>
            [...read(file).matchAll(/^#+ (.+)$/gm)].map(m => m[1].toLowerCase().replace(/[^\w\- ]/g, "").replace(/ /g, "-"));
        const pages = ["README.md", ...fs.readdirSync(path.join(REPO_ROOT, "docs")).filter(f => f.endsWith(".md")).map(f => `docs/${f}`)];
        const broken = pages.flatMap(page =>
            [...read(page).matchAll(/\]\(([^)\s#]*)(?:#([^)\s]*))?\)/g)]
                .filter(m => !/^[a-z]+:/.test(m[1]))
                .filter(m => {
                    const target = path.join(path.dirname(page), m[1] === "" ? path.basename(page) : m[1]);
                    if (!fs.existsSync(path.join(REPO_ROOT, target))) {
                        return true;
                    }
                    return m[2] !== undefined && !anchors(target).includes(m[2]);
                })
                .map(m => `${page}: ${m[0]}`),
        );
        assert.deepStrictEqual(broken, []);
    });
});
