/**
 * The offline gate end to end, as CI runs it (`node gate/launch.js`, which serves the compiled bin/):
 * - B2, the dev stack (the program under the mocked runtime), against loading the two SDKs any
 *   Pulumi program loads: `node -e "require('@pulumi/pulumi'); require('@pulumi/aws')"`;
 * - B5, a synthetic 10k-resource stack export (`--state`), against reading and parsing that file.
 *
 *   bench/gate-latency.ts [--runs 5] [--quick] [--json]
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { sideBySide, timeCommand } from "./measure";
import { BenchOptions, BenchResult, goal, row, runStandalone } from "./report";
import { syntheticExport } from "./synthetic";

const ROOT = path.join(__dirname, "..");
const LAUNCH = path.join(ROOT, "gate", "launch.js");

/** B2: `npm run gate -- --stack dev`. */
export async function gateDevStack(o: BenchOptions): Promise<BenchResult> {
    o.log("B2: gate --stack dev");
    const c = await sideBySide(
        { runs: o.runs, warmUp: !o.quick },
        () => timeCommand(process.execPath, [LAUNCH, "--stack", "dev"], { cwd: ROOT }),
        () => timeCommand(process.execPath, ["-e", "require('@pulumi/pulumi'); require('@pulumi/aws')"], { cwd: ROOT }),
    );
    return {
        id: "B2",
        title: "the offline gate on the dev stack",
        rows: [row("gate on the dev stack", "node gate/launch.js --stack dev", "node -e \"require('@pulumi/pulumi'); require('@pulumi/aws')\"", c)],
        goals: [goal("the gate on the dev stack within 1.6× loading the SDKs", c.ratio.median, 1.6, "×")],
    };
}

/** B5: `npm run gate -- --state <10k-resource export>` (100 resources in a quick run). */
export async function gateStateExport(o: BenchOptions): Promise<BenchResult> {
    const size = o.quick ? 100 : 10000;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "assume-guard-bench-"));
    const file = path.join(dir, `synthetic-${size}.json`);
    try {
        const exported = syntheticExport(size);
        fs.writeFileSync(file, JSON.stringify(exported, null, 2));
        const resources = exported.deployment.resources.length;
        o.log(`B5: gate --state (${resources} resources)`);
        // The synthetic stack has findings on purpose (an AWS managed policy with `*` on some roles): exit 1.
        const c = await sideBySide(
            { runs: o.runs, warmUp: !o.quick },
            () => timeCommand(process.execPath, [LAUNCH, "--state", file], { cwd: ROOT, okCodes: [1] }),
            () => timeCommand(process.execPath, ["-e", "JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'))", file], { cwd: ROOT }),
        );
        return {
            id: "B5",
            title: `the gate on a ${size}-resource stack export`,
            rows: [
                row(`gate on a ${resources}-resource export`, "node gate/launch.js --state FILE", "node -e: read and JSON.parse the same file", c, {
                    "export MB": Math.round(fs.statSync(file).size / 1e5) / 10,
                }),
            ],
            goals: o.quick ? [] : [goal("the gate on a 10k-resource export, end to end", c.subject.median, 2000, "ms")],
        };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

if (require.main === module) {
    runStandalone(async o => {
        const [b2, b5] = [await gateDevStack(o), await gateStateExport(o)];
        return { id: "B2+B5", title: "the offline gate", rows: [...b2.rows, ...b5.rows], goals: [...b2.goals, ...b5.goals] };
    });
}
