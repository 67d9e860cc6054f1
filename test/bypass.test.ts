import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { main } from "../gate/cli";
import { toHostResources } from "../gate/judge";
import { SecretScrubber } from "../gate/resources";
import { parseStateExport } from "../gate/stateExport";
import { runPolicies } from "../policypack/host";
import { policies } from "../policypack/policies";
import { CASES, toExport } from "./support/bypass-cases";
import { REPO_ROOT } from "./support/mocked";

const DIR = path.join(REPO_ROOT, "test", "fixtures", "bypass");
const EXPECTED = JSON.parse(fs.readFileSync(path.join(DIR, "expected.json"), "utf8")) as Record<string, string[]>;

describe("bypass corpus (test/fixtures/bypass)", () => {
    it("holds at least 40 stacks, each written from its case (scripts/write-bypass-corpus.ts)", () => {
        const files = fs.readdirSync(DIR).filter(f => f !== "expected.json").sort();
        assert.deepStrictEqual(files, CASES.flatMap(c => [`${c.name}.json`, ...(c.config ? [`${c.name}.policy-config.json`] : [])]).sort());
        assert.ok(CASES.length >= 40, `${CASES.length} cases`);
        for (const c of CASES) {
            assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(DIR, `${c.name}.json`), "utf8")), toExport(c), c.name);
            if (c.config) {
                assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(DIR, `${c.name}.policy-config.json`), "utf8")), c.config, c.name);
            }
        }
        assert.deepStrictEqual(Object.keys(EXPECTED).sort(), CASES.map(c => c.name).sort());
    });

    for (const c of CASES) {
        const file = path.join(DIR, `${c.name}.json`);
        const kind = c.mustFire.length > 0 ? "Noncompliance" : "Compliance";
        it(`${kind}: ${c.name}: ${c.description}`, async () => {
            for (const rule of c.mustFire) {
                assert.ok(EXPECTED[c.name].includes(rule), `the expectation of ${c.name} must include ${rule}`);
            }
            const result = await runPolicies(policies, toHostResources(parseStateExport(fs.readFileSync(file, "utf8"), file, new SecretScrubber())), c.config);
            const viaPack = [...new Set(result.diagnostics.filter(d => d.enforcementLevel === "mandatory").map(d => d.policyName))].sort();
            assert.deepStrictEqual(viaPack, EXPECTED[c.name], "through the pack");
            let out = "";
            const settings = c.config ? ["--policy-config", path.join(DIR, `${c.name}.policy-config.json`)] : [];
            const code = await main(["--state", file, "--format", "json", ...settings], s => (out += s), s => (out += s));
            const viaGate = [...new Set((JSON.parse(out).findings as { rule: string; level: string }[]).filter(f => f.level === "mandatory").map(f => f.rule))].sort();
            assert.deepStrictEqual([code, viaGate], [EXPECTED[c.name].length > 0 ? 1 : 0, EXPECTED[c.name]], "through the gate");
        });
    }
});
