/**
 * B3: the mocha run `npm test` does (mocha with .mocharc.json: ts-node transpile-only), against the
 * same suite precompiled to JavaScript (bench/precompile.ts): the same mocha options, with
 * bench/precompiled.js in place of ts-node. A quick run times one small test file both ways.
 *
 *   bench/test-suite.ts [--runs 5] [--quick] [--json]
 */
import * as fs from "fs";
import * as path from "path";

import { sideBySide, timeCommand } from "./measure";
import { Precompiled, withPrecompiled } from "./precompile";
import { BenchOptions, BenchResult, goal, row, runStandalone } from "./report";

const ROOT = path.join(__dirname, "..");
const MOCHA = require.resolve("mocha/bin/mocha.js", { paths: [ROOT] });
const TS_NODE = "ts-node/register/transpile-only";
const QUICK_SPEC = "test/policypack/lib/actions.test.ts";

interface MochaConfig {
    require: string[];
    extension: string[];
    spec: string[];
    recursive?: boolean;
    timeout?: number;
    reporter?: string;
}

/** The options of .mocharc.json as command-line flags, with `swap` applied to the required modules. */
function flags(config: MochaConfig, spec: readonly string[], swap: (r: string) => string): string[] {
    return [
        "--no-config",
        ...config.require.flatMap(r => ["--require", swap(r)]),
        ...config.extension.flatMap(e => ["--extension", e]),
        ...(config.recursive ? ["--recursive"] : []),
        ...(config.timeout !== undefined ? ["--timeout", String(config.timeout)] : []),
        ...(config.reporter ? ["--reporter", config.reporter] : []),
        ...spec,
    ];
}

/** B3 on an existing precompiled checkout. */
export async function testSuite(o: BenchOptions, compiled: Precompiled): Promise<BenchResult> {
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, ".mocharc.json"), "utf8")) as MochaConfig;
    if (!config.require.includes(TS_NODE)) {
        throw new Error(`.mocharc.json no longer requires ${TS_NODE}; B3 compares against it`);
    }
    const spec = o.quick ? [QUICK_SPEC] : config.spec;
    // The full run is mocha with the repository's own config, as `npm test` runs it.
    const subjectArgs = o.quick ? flags(config, spec, r => r) : [];
    const floorArgs = flags(config, spec, r => (r === TS_NODE ? compiled.hook : r));
    const env = { ...process.env, ...compiled.env };
    o.log(`B3: mocha ${o.quick ? QUICK_SPEC : "(whole suite)"}, ts-node vs precompiled (${compiled.files} files precompiled in ${compiled.ms} ms)`);
    const c = await sideBySide(
        { runs: o.runs, warmUp: !o.quick },
        () => timeCommand(process.execPath, [MOCHA, ...subjectArgs], { cwd: ROOT }),
        () => timeCommand(process.execPath, [MOCHA, ...floorArgs], { cwd: ROOT, env }),
    );
    return {
        id: "B3",
        title: "the test suite",
        rows: [row(o.quick ? `mocha ${QUICK_SPEC}` : "the mocha run of npm test", "mocha, ts-node transpile-only (.mocharc.json)", "the same suite precompiled to JS", c)],
        goals: o.quick ? [] : [goal("npm test's mocha run within 1.25× the precompiled suite", c.ratio.median, 1.25, "×")],
        notes: o.quick ? [] : ["both runs include this suite's own bench smoke test (test/bench/run.test.ts) and every process the tests spawn."],
    };
}

if (require.main === module) {
    runStandalone(o => withPrecompiled(ROOT, compiled => testSuite(o, compiled)));
}
