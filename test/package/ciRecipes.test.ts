/**
 * The CI recipes of examples/ci, tried (`npm run test:package`): in a project that installed the
 * packed package, every `run:` script of the GitHub Actions workflow's `gate` job runs with bash as
 * the runner runs it (`shell: bash`), with GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files; `uses:`
 * steps cannot run here, so their `if:` is evaluated and their inputs must name files the earlier
 * steps wrote. The pre-commit hook runs from a git repository's .git/hooks on a real `git commit`.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import * as yaml from "js-yaml";

import { githubSarifProblems } from "../support/githubSarif";
import { REPO_ROOT, tempDir } from "../support/mocked";
import { validateSarif } from "../support/sarifSchema";
import { exampleProject, packOnce, run } from "./support";

const CI = path.join(REPO_ROOT, "examples", "ci");

interface Step {
    readonly name?: string;
    readonly id?: string;
    readonly uses?: string;
    readonly run?: string;
    readonly if?: string;
    readonly env?: Record<string, string>;
    readonly with?: Record<string, string>;
}
interface Workflow {
    readonly env: Record<string, string>;
    readonly defaults: { run: { shell: string } };
    readonly jobs: Record<string, { steps: Step[] }>;
}

/** What happened to each step: a `run:` step's exit code, or whether a `uses:` step would run. */
type Outcome = [step: string, result: number | "would run" | "skipped" | "not rerun"];

/** A finished job: its steps' outcomes, the inputs of the `uses:` steps that would run, the summary. */
interface Job {
    readonly outcomes: Outcome[];
    readonly inputs: Record<string, Record<string, string>>;
    readonly summary: string;
}

/**
 * Runs the `run:` steps of `steps` in `cwd` as a GitHub-hosted runner would: in order, each with
 * `bash --noprofile --norc -eo pipefail` (what `shell: bash` runs), the workflow's and the step's env,
 * a fresh GITHUB_OUTPUT file read back into `steps.<id>.outputs`, one GITHUB_STEP_SUMMARY; a failed
 * step fails the job, after which only `always()` steps run. Steps named in `rerunless` are left out.
 */
function runJob(workflow: Workflow, steps: readonly Step[], cwd: string, rerunless: readonly string[] = []): Job {
    const scratch = tempDir("ag-ci-job-");
    const summaryFile = path.join(scratch, "summary.md");
    fs.writeFileSync(summaryFile, "");
    const outputs: Record<string, Record<string, string>> = {};
    const env: Record<string, string> = { ...workflow.env };
    const outcomes: Outcome[] = [];
    const inputs: Record<string, Record<string, string>> = {};
    let failed = false;
    const expr = (text: string): string =>
        text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, e: string) => {
            const m = /^(?:env\.(\w+)|steps\.(\w+)\.outputs\.(\w+))$/.exec(e);
            assert.ok(m, `expression the test cannot evaluate: ${e}`);
            return m[1] !== undefined ? env[m[1]] : (outputs[m[2]]?.[m[3]] ?? "");
        });
    const condition = (text = "success()"): boolean =>
        text.split("&&").every(term => {
            const t = term.trim();
            const hash = /^hashFiles\('([^']+)'\) != ''$/.exec(t);
            if (t === "always()") return true;
            if (t === "success()") return !failed;
            assert.ok(hash, `condition the test cannot evaluate: ${t}`);
            return fs.existsSync(path.join(cwd, hash[1]));
        }) && (text.includes("always()") || !failed);
    steps.forEach((step, i) => {
        const label = step.name ?? step.uses ?? `step ${i}`;
        if (step.uses !== undefined) {
            const runs = condition(step.if);
            outcomes.push([label, runs ? "would run" : "skipped"]);
            if (runs && step.with) {
                inputs[label] = Object.fromEntries(Object.entries(step.with).map(([k, v]) => [k, expr(String(v))]));
            }
            return;
        }
        assert.strictEqual(step.if, undefined, `${label}: the test runs run: steps without if:`);
        if (rerunless.includes(label)) {
            outcomes.push([label, "not rerun"]);
            return;
        }
        if (!condition(step.if)) {
            outcomes.push([label, "skipped"]);
            return;
        }
        const script = path.join(scratch, `step-${i}.sh`);
        const outputFile = path.join(scratch, `output-${i}`);
        fs.writeFileSync(script, step.run ?? "");
        fs.writeFileSync(outputFile, "");
        const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expr(v)]));
        const ran = run("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], cwd, {
            env: { ...env, ...stepEnv, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile },
        });
        outcomes.push([label, ran.status ?? -1]);
        if (step.id !== undefined) {
            outputs[step.id] = Object.fromEntries(fs.readFileSync(outputFile, "utf8").split("\n").filter(l => l.includes("=")).map(l => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
        }
        failed ||= ran.status !== 0;
    });
    return { outcomes, inputs, summary: fs.readFileSync(summaryFile, "utf8") };
}

type Sarif = { runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };

/** The results of a SARIF file, checked first against the schema and GitHub's rules. */
function sarifResults(file: string): string[] {
    const text = fs.readFileSync(file, "utf8");
    const log = JSON.parse(text) as Sarif;
    assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2));
    assert.deepStrictEqual(githubSarifProblems(text), []);
    return log.runs[0].results.map(r => `${r.level} ${r.ruleId} ${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}`);
}

/** Appended to the example program: an inline policy giving its user a table's items directly (at line 20). */
const LEAKY_ADDITION = `
import * as aws from "@pulumi/aws";
new aws.iam.UserPolicy("reporting-data", {
    user: user.userName,
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "dynamodb:GetItem", Resource: "arn:aws:dynamodb:eu-west-1:123456789012:table/reports" }] }),
});
`;

describe("examples/ci: the CI recipes, run in a project that installed the package", function () {
    this.timeout(600000);
    const workflow = yaml.load(fs.readFileSync(path.join(CI, "github-actions.yml"), "utf8")) as Workflow;
    const steps = workflow.jobs.gate.steps;
    let project: string;
    let program: string;

    const FAIL_STEP = "Fail on mandatory findings (exit 1) or an incomplete judgement (exit 2)";
    const clean = () => {
        for (const f of ["assume-guard.sarif", "assume-guard.upload.sarif", "assume-guard.md"]) {
            fs.rmSync(path.join(project, f), { force: true });
        }
    };

    before(() => {
        project = exampleProject(path.join(tempDir("ag-ci-"), "reporting"), packOnce());
        program = fs.readFileSync(path.join(project, "index.ts"), "utf8");
    });

    it("Workflow: runs its scripts with bash -eo pipefail, on the stack named once in env", () => {
        assert.deepStrictEqual([workflow.defaults.run.shell, workflow.env], ["bash", { STACK: "dev" }]);
    });

    it("Workflow, passing stack: npm ci, the gate, the summary and the upload's inputs; the job passes", () => {
        const job = runJob(workflow, steps, project);
        const markdown = fs.readFileSync(path.join(project, "assume-guard.md"), "utf8");
        assert.deepStrictEqual([job.outcomes, job.inputs, job.summary, job.summary.split("\n")[0]], [
            [
                ["actions/checkout@v4", "would run"],
                ["actions/setup-node@v4", "would run"],
                ["Install", 0],
                ["Gate", 0],
                ["Report to the job summary", 0],
                ["Upload SARIF to code scanning", "would run"],
                [FAIL_STEP, 0],
            ],
            {
                "actions/setup-node@v4": { "node-version": "22", cache: "npm" },
                "Upload SARIF to code scanning": { sarif_file: "assume-guard.upload.sarif", category: "assume-guard-dev" },
            },
            markdown,
            "## assume-guard: pass — `stack dev`",
        ]);
        assert.deepStrictEqual(sarifResults(path.join(project, "assume-guard.upload.sarif")), []);
    });

    it("Workflow, a user with direct data access: SARIF on the program's lines uploaded, FAIL in the summary, then the job fails with exit 1", () => {
        clean();
        fs.writeFileSync(path.join(project, "index.ts"), program + LEAKY_ADDITION);
        const job = runJob(workflow, steps, project, ["Install"]);
        assert.deepStrictEqual([job.outcomes, job.inputs["Upload SARIF to code scanning"], job.summary.split("\n")[0]], [
            [
                ["actions/checkout@v4", "would run"],
                ["actions/setup-node@v4", "would run"],
                ["Install", "not rerun"],
                ["Gate", 0],
                ["Report to the job summary", 0],
                ["Upload SARIF to code scanning", "would run"],
                [FAIL_STEP, 1],
            ],
            { sarif_file: "assume-guard.upload.sarif", category: "assume-guard-dev" },
            "## assume-guard: **FAIL** — `stack dev`",
        ]);
        assert.deepStrictEqual(sarifResults(path.join(project, "assume-guard.upload.sarif")), [
            "error iam-user-assume-only index.ts:20",
            "error iam-user-no-direct-data-access index.ts:20",
            "warning iam-user-permissions-through-groups index.ts:20",
        ]);
    });

    it("Workflow, a program that throws: nothing to upload, the summary says so, the job fails with exit 2", () => {
        clean();
        fs.writeFileSync(path.join(project, "index.ts"), `throw new Error("no table configured");\n${program}`);
        const job = runJob(workflow, steps, project, ["Install"]);
        fs.writeFileSync(path.join(project, "index.ts"), program);
        assert.deepStrictEqual([job.outcomes, job.inputs, job.summary], [
            [
                ["actions/checkout@v4", "would run"],
                ["actions/setup-node@v4", "would run"],
                ["Install", "not rerun"],
                ["Gate", 0],
                ["Report to the job summary", 0],
                ["Upload SARIF to code scanning", "skipped"],
                [FAIL_STEP, 2],
            ],
            { "actions/setup-node@v4": { "node-version": "22", cache: "npm" } },
            "assume-guard gate could not judge stack dev: see the log of step Gate.\n",
        ]);
    });

    it("Workflow, preview job: pulumi/actions is given the installed pack and its config, which exist", () => {
        const preview = workflow.jobs.preview.steps.find(s => s.uses?.startsWith("pulumi/actions@"));
        const given = { pack: preview?.with?.policyPacks, config: preview?.with?.policyPackConfigs };
        assert.deepStrictEqual(
            [given, fs.existsSync(path.join(project, String(given.pack), "PulumiPolicy.yaml")), fs.existsSync(path.join(project, String(given.config)))],
            [{ pack: "node_modules/assume-guard/policypack", config: "node_modules/assume-guard/policypack/config/default.json" }, true, true],
        );
    });

    describe("pre-commit hook", () => {
        const git = (...args: string[]) => run("git", ["-c", "user.name=assume-guard tests", "-c", "user.email=tests@assume-guard.invalid", ...args], project);
        const head = () => git("rev-parse", "HEAD").stdout.trim();
        /** The hook's own lines and the gate's verdict lines, as `git commit` shows them. */
        const said = (stderr: string) => stderr.split("\n").filter(l => l.startsWith("assume-guard"));

        before(() => {
            clean();
            fs.writeFileSync(path.join(project, ".gitignore"), "node_modules/\n");
            fs.copyFileSync(path.join(project, "Pulumi.dev.yaml"), path.join(project, "Pulumi.prod.yaml"));
            git("init", "-q");
            git("add", "-A");
            git("commit", "-q", "--no-verify", "-m", "initial");
            fs.copyFileSync(path.join(CI, "pre-commit"), path.join(project, ".git", "hooks", "pre-commit"));
            fs.chmodSync(path.join(project, ".git", "hooks", "pre-commit"), 0o755);
        });

        it("Pre-commit: a staged change to Pulumi.prod.yaml judges stack prod alone; it passes and the commit is made", () => {
            fs.appendFileSync(path.join(project, "Pulumi.prod.yaml"), "# reviewed\n");
            git("add", "Pulumi.prod.yaml");
            const before = head();
            const ran = git("commit", "-q", "-m", "prod: reviewed");
            assert.deepStrictEqual([ran.status, said(ran.stderr), head() !== before], [
                0,
                ["assume-guard pre-commit: gate --stack prod in .", "assume-guard gate: PASS (0 mandatory, 0 advisory; 12 resources judged from stack prod)"],
                true,
            ]);
        });

        it("Pre-commit: a staged program giving a user data access judges every stack and blocks the commit", () => {
            fs.writeFileSync(path.join(project, "index.ts"), program + LEAKY_ADDITION);
            git("add", "index.ts");
            const before = head();
            const ran = git("commit", "-q", "-m", "reporting: direct access");
            assert.deepStrictEqual([ran.status, said(ran.stderr), head()], [
                1,
                [
                    "assume-guard pre-commit: gate --stack dev in .",
                    "assume-guard gate: FAIL (2 mandatory, 1 advisory; 13 resources judged from stack dev)",
                    "assume-guard pre-commit: gate --stack prod in .",
                    "assume-guard gate: FAIL (2 mandatory, 1 advisory; 13 resources judged from stack prod)",
                    "assume-guard pre-commit: commit blocked; fix the findings above (or commit with --no-verify).",
                ],
                before,
            ]);
        });
    });
});
