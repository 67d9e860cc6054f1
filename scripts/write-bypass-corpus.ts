/**
 * Writes the bypass corpus (test/support/bypass-cases.ts) to test/fixtures/bypass/<case>.json as
 * stack exports, and a case's settings to <case>.policy-config.json (a `--policy-pack-config`). A
 * test keeps the files equal to the cases, so edit the cases and rerun this:
 *   node -r ts-node/register/transpile-only scripts/write-bypass-corpus.ts
 */
import * as fs from "fs";
import * as path from "path";

import { CASES, toExport } from "../test/support/bypass-cases";

const DIR = path.join(__dirname, "..", "test", "fixtures", "bypass");
fs.mkdirSync(DIR, { recursive: true });
for (const c of CASES) {
    fs.writeFileSync(path.join(DIR, `${c.name}.json`), JSON.stringify(toExport(c), null, 2) + "\n");
    if (c.config) {
        fs.writeFileSync(path.join(DIR, `${c.name}.policy-config.json`), JSON.stringify(c.config, null, 2) + "\n");
    }
}
console.log(`${CASES.length} cases written to ${path.relative(process.cwd(), DIR)}`);
