/**
 * The corpus of public Pulumi programs (test/fixtures/programs, manifest.json): each runs through the
 * gate as a user would run it (`--project DIR --stack corpus --format json`) and is either judged with
 * the mandatory rules a reviewer expects, or refused with exit 2 and one line naming the cause.
 *
 * The manifest checks always run. Running the programs is chosen with AG_PROGRAMS:
 * - `AG_PROGRAMS=all` (npm run test:programs) runs every program;
 * - `AG_PROGRAMS=fast` runs the fast subset (`"fast": true`);
 * - unset, the fast subset runs only when FAST_SUBSET_GATES is true. It is false until the runner of
 *   issue 11 is merged: today's gate fails most programs, and the expectations are not bent to it.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { main } from "../../gate/cli";
import { ruleDocs } from "../../policypack/policies";
import { REPO_ROOT } from "../support/mocked";

/** Whether `npm test` runs the fast subset; the lead turns it on once the new runner is merged. */
const FAST_SUBSET_GATES = true;

const PROGRAMS = path.join(REPO_ROOT, "test", "fixtures", "programs");

interface Judged {
    readonly judged: true;
    readonly exit: 0 | 1;
    readonly mandatory: readonly string[];
    readonly resourceTypes: readonly string[];
}

interface Refused {
    readonly exit: 2;
    /** The exact one-line message after `assume-guard gate: `, or a stable part of it. */
    readonly error: string;
}

/** One program of the corpus. */
export interface CorpusEntry {
    readonly dir: string;
    readonly stack: string;
    readonly language: "ts" | "js";
    readonly moduleSystem: "cjs" | "esm";
    readonly style: "top-level" | "function";
    readonly features: readonly string[];
    readonly fast: boolean;
    readonly source: {
        readonly repo: string;
        readonly path: string;
        readonly url: string;
        readonly licence: string;
        readonly files: readonly { readonly file: string; readonly commit: string }[];
    };
    readonly added: readonly string[];
    readonly expected: Judged | Refused;
    readonly expectation: "reviewed";
    readonly confidence: "high" | "medium" | "low";
    readonly why: string;
}

/** The manifest's programs. */
export function corpus(): CorpusEntry[] {
    return (JSON.parse(fs.readFileSync(path.join(PROGRAMS, "manifest.json"), "utf8")) as { programs: CorpusEntry[] }).programs;
}

/** How many entries have each value of `key`. */
function countBy(entries: readonly CorpusEntry[], key: (e: CorpusEntry) => readonly string[]): Record<string, number> {
    const out: Record<string, number> = {};
    entries.flatMap(key).forEach(k => (out[k] = (out[k] ?? 0) + 1));
    return out;
}

/** Every file under `dir`, relative to it, with `/` separators. */
function filesUnder(dir: string, prefix = ""): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap(d => (d.isDirectory() ? filesUnder(path.join(dir, d.name), `${prefix}${d.name}/`) : [`${prefix}${d.name}`]));
}

async function gate(entry: CorpusEntry): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await main(["--project", path.join(PROGRAMS, entry.dir), "--stack", entry.stack, "--format", "json"], s => (out += s), s => (err += s));
    return { code, out, err };
}

function title(e: CorpusEntry): string {
    const x = e.expected;
    return "judged" in x
        ? `${e.dir}: judged, exit ${x.exit}${x.mandatory.length > 0 ? `, mandatory ${x.mandatory.join(" + ")}` : ", no mandatory finding"}`
        : `${e.dir}: exit 2 naming "${x.error}"`;
}

describe("gate: the corpus of public programs", () => {
    const entries = corpus();

    describe("manifest", () => {
        it("holds at least 45 programs with the variety issue 11 asks for", () => {
            const atLeast = (counts: Record<string, number>, want: Record<string, number>) =>
                Object.entries(want).filter(([k, n]) => (counts[k] ?? 0) < n).map(([k, n]) => `${k}: ${counts[k] ?? 0} < ${n}`);
            const short = [
                ...atLeast({ programs: entries.length }, { programs: 45 }),
                ...atLeast(countBy(entries, e => [e.language]), { ts: 30, js: 5 }),
                ...atLeast(countBy(entries, e => [e.moduleSystem]), { cjs: 30, esm: 4 }),
                ...atLeast(countBy(entries, e => [e.style]), { "top-level": 30, function: 1 }),
                ...atLeast(countBy(entries, e => e.features), {
                    getPolicyDocument: 5,
                    config: 10,
                    secrets: 3,
                    "file-reads": 5,
                    "multi-file": 5,
                    "missing-package": 8,
                    "callback-function": 5,
                    "program-error": 2,
                }),
                ...atLeast(countBy(entries, e => ["judged" in e.expected ? `judged exit ${e.expected.exit}` : "exit 2"]), { "judged exit 0": 10, "judged exit 1": 10, "exit 2": 8 }),
                // ES modules and function-style programs that are judged, not only refused (issue 11's gap after the first corpus).
                ...atLeast(countBy(entries, e => ("judged" in e.expected ? [`judged ${e.moduleSystem}`, `judged ${e.style}`] : [])), { "judged esm": 4, "judged function": 1 }),
            ];
            assert.deepStrictEqual(short, []);
            const judged = entries.filter(e => "judged" in e.expected).length;
            assert.ok(judged > entries.length / 2, `only ${judged} of ${entries.length} programs are expected to be judged`);
        });

        it("has a fast subset of 8 to 12 programs covering both languages, both module systems, both verdicts and exit 2", () => {
            const fast = entries.filter(e => e.fast);
            assert.ok(fast.length >= 8 && fast.length <= 12, `${fast.length} fast programs`);
            const kinds = new Set(fast.flatMap(e => [e.language, e.moduleSystem, "judged" in e.expected ? `exit ${e.expected.exit}` : "exit 2"]));
            assert.deepStrictEqual([...kinds].sort(), ["cjs", "esm", "exit 0", "exit 1", "exit 2", "js", "ts"]);
        });

        it("records repository, path, licence and a commit for every file it took, and lists what we added", () => {
            const problems: string[] = [];
            for (const e of entries) {
                const dir = path.join(PROGRAMS, e.dir);
                if (!/^[\w.-]+\/[\w.-]+$/.test(e.source.repo) || e.source.path === "" || !e.source.url.startsWith(`https://github.com/${e.source.repo}/`)) {
                    problems.push(`${e.dir}: source repo, path or url missing`);
                }
                if (e.source.licence !== "Apache-2.0") {
                    problems.push(`${e.dir}: licence ${e.source.licence} is not one LICENSES.md covers`);
                }
                const taken = e.source.files.map(f => f.file);
                e.source.files.filter(f => !/^[0-9a-f]{40}$/.test(f.commit)).forEach(f => problems.push(`${e.dir}/${f.file}: commit ${f.commit}`));
                const added = e.added.map(a => a.split(" ")[0]);
                if (!added.includes(`Pulumi.${e.stack}.yaml`)) {
                    problems.push(`${e.dir}: Pulumi.${e.stack}.yaml is not listed as added`);
                }
                const present = filesUnder(dir).sort();
                const listed = [...taken, ...added].sort();
                if (JSON.stringify(present) !== JSON.stringify(listed)) {
                    problems.push(`${e.dir}: files ${JSON.stringify(present)} but manifest lists ${JSON.stringify(listed)}`);
                }
                if (e.expectation !== "reviewed" || e.why.length < 20) {
                    problems.push(`${e.dir}: expectation not reviewed or no reason given`);
                }
            }
            assert.deepStrictEqual(problems, []);
        });

        it("expects only mandatory rules of the pack, each named once and sorted", () => {
            const mandatory = new Set(ruleDocs.filter(r => r.enforcementLevel === "mandatory").map(r => r.name));
            const bad = entries.flatMap(e => {
                const x = e.expected;
                if (!("judged" in x)) {
                    return x.error.trim() === "" ? [`${e.dir}: empty error`] : [];
                }
                const sorted = [...new Set(x.mandatory)].sort();
                return [
                    ...x.mandatory.filter(r => !mandatory.has(r)).map(r => `${e.dir}: ${r} is not a mandatory rule`),
                    ...(JSON.stringify(sorted) !== JSON.stringify(x.mandatory) ? [`${e.dir}: mandatory not sorted or repeated`] : []),
                    ...((x.exit === 1) !== (x.mandatory.length > 0) ? [`${e.dir}: exit ${x.exit} disagrees with ${x.mandatory.length} mandatory rules`] : []),
                    ...(x.resourceTypes.length === 0 ? [`${e.dir}: no resource type expected`] : []),
                ];
            });
            assert.deepStrictEqual(bad, []);
        });
    });

    const mode = process.env.AG_PROGRAMS;
    const runAll = mode === "all";
    const enabled = runAll || mode === "fast" || FAST_SUBSET_GATES;
    const selected = runAll ? entries : entries.filter(e => e.fast);
    const what = runAll ? `all ${selected.length} programs` : `the fast subset (${selected.length} programs)`;

    describe(`runs ${what}${enabled ? "" : " (skipped until the issue-11 runner is merged: AG_PROGRAMS=fast or npm run test:programs runs it)"}`, function () {
        // The mocked runtime costs about a second per program; ESM and callback programs more.
        this.timeout(120_000);

        before(function () {
            if (!enabled) {
                this.skip();
            }
        });

        for (const entry of selected) {
            it(title(entry), async () => {
                const run = await gate(entry);
                const x = entry.expected;
                if (!("judged" in x)) {
                    const lines = run.err.split("\n").filter(l => l !== "");
                    assert.deepStrictEqual(
                        { code: run.code, out: run.out, lines: lines.length, prefixed: lines[0]?.startsWith("assume-guard gate: ") ?? false, exact: lines[0] === `assume-guard gate: ${x.error}`, trace: /\n\s+at /.test(run.err) },
                        { code: 2, out: "", lines: 1, prefixed: true, exact: true, trace: false },
                        `stderr was: ${run.err}`,
                    );
                    return;
                }
                assert.strictEqual(run.code, x.exit, `exit ${run.code}; stderr: ${run.err}`);
                const report = JSON.parse(run.out) as { resourcesJudged: number; resourceTypes: Record<string, number>; findings: { rule: string; level: string }[] };
                const mandatory = [...new Set(report.findings.filter(f => f.level === "mandatory").map(f => f.rule))].sort();
                const missing = x.resourceTypes.filter(t => !(t in report.resourceTypes));
                assert.deepStrictEqual(
                    { mandatory, missing, judgedMoreThanTheStack: report.resourcesJudged > 1 },
                    { mandatory: [...x.mandatory], missing: [], judgedMoreThanTheStack: true },
                    `findings: ${JSON.stringify(report.findings.map(f => [f.level, f.rule]))}`,
                );
            });
        }
    });
});
