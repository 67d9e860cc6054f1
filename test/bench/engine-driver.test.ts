/**
 * E1's driver against the real runtime: the pack served by run-policy-pack and driven as the engine
 * drives it reports exactly what the in-process host reports for the same stack (resource policies on
 * the inputs, stack policies on the outputs).
 */
import * as assert from "assert";
import * as path from "path";

import { countByPolicy, encodePreview, peakRssMB, preview, PreviewRun } from "../../bench/engine-driver";
import { engineStack } from "../../bench/engine-stack";
import { runPolicies } from "../../policypack/host";
import { policies } from "../../policypack/policies";
import { REPO_ROOT } from "../support/mocked";
import { Diagnostic, engineDiagnostic } from "../support/wire";

const PACK = path.join(REPO_ROOT, "policypack");

/** The host's diagnostics for what the engine sends: `Analyze` runs resource policies, `AnalyzeStack` stack policies. */
async function viaHost(s: ReturnType<typeof engineStack>): Promise<Diagnostic[]> {
    const resourceHalves = policies.map(p => ({ ...p, validateStack: undefined }));
    const stackHalves = policies.filter(p => typeof p.validateStack === "function").map(p => ({ ...p, validateResource: undefined }));
    const analyzed = await runPolicies(resourceHalves, s.analyze);
    const stacked = await runPolicies(stackHalves, s.stack);
    return [...analyzed.diagnostics, ...stacked.diagnostics].map(engineDiagnostic);
}

describe("bench/engine-driver", function () {
    this.timeout(120000);
    const stack = engineStack(400);
    let run: PreviewRun;

    before(async () => {
        run = await preview(PACK, encodePreview(stack));
    });

    it("Equivalence: a preview driven as the engine drives it reports, per policy and message, what the in-process host reports", async () => {
        assert.deepStrictEqual(run.diagnostics, await viaHost(stack));
        // Roles 0, 10, 20, … hold AmazonDynamoDBReadOnlyAccess: reported on the attachment by Analyze and by AnalyzeStack;
        // every synthetic user holds its assume-only policy inline (advised: FSBP IAM.2 wants it through a group).
        assert.deepStrictEqual(countByPolicy(run.diagnostics), { "iam-data-permissions-scoped": 8, "iam-user-permissions-through-groups": 35 });
    });

    it("adds the phases up into the whole preview, and reads the pack's RSS high-water mark after each", () => {
        const sum = run.startupMs + run.handshakeMs + run.remediateMs + run.analyzeMs + run.analyzeStackMs;
        assert.deepStrictEqual(
            [run.wholeMs === sum, 0 < run.rssAfterStartupMB && run.rssAfterStartupMB <= run.rssAfterAnalyzeMB && run.rssAfterAnalyzeMB <= run.peakRssMB],
            [true, true],
        );
    });

    it("reads a process's peak RSS from /proc/PID/status (VmHWM), never below its RSS now", () => {
        const rssNow = process.memoryUsage().rss / 2 ** 20;
        assert.ok(peakRssMB(process.pid) >= Math.floor(rssNow * 10) / 10, `${peakRssMB(process.pid)} < ${rssNow}`);
        assert.throws(() => peakRssMB(-1), { code: "ENOENT" });
    });
});
