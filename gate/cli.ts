/**
 * The offline gate: the same pack `pulumi preview --policy-pack policypack` runs, judged without the
 * CLI, a backend or cloud credentials. `--help` lists the flags.
 *
 * Exit codes: 0 no mandatory violation (advisories are printed), 1 mandatory violations, 2 anything
 * that prevented a full judgement (one line on stderr; `--verbose` adds the detail).
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";

import { judge, JudgeOptions } from "./judge";
import { ProgramError } from "./programError";
import { renderMarkdown } from "./report/markdown";
import { GateReport, passes } from "./report/model";
import { renderSarif } from "./report/sarif";
import { renderText } from "./report/text";

const FORMATS = { text: renderText, json: renderJson, sarif: renderSarif, markdown: renderMarkdown } as const;
type Format = keyof typeof FORMATS;

const USAGE =
    "usage: assume-guard gate (--stack NAME | --state FILE) [--format text|json|sarif|markdown] [--out FILE] " +
    "[--policy-config FILE] [--project DIR] [--config KEY=VALUE]... [--config-path] [--invoke-results FILE] [--first-preview] [--verbose] [--help]";

const HELP = `${USAGE}

Judges a Pulumi program (or a stack export) with the assume-guard policy pack, offline: the verdict
\`pulumi preview --policy-pack policypack\` would give, without the CLI, a backend or credentials.

  --stack NAME           run the program of --project under Pulumi's mocked runtime with Pulumi.NAME.yaml
  --state FILE           judge a \`pulumi stack export\` file instead
  --project DIR          the folder holding Pulumi.yaml (default: the working directory)
  --config KEY=VALUE     set a config value for the run, as \`pulumi preview --config\` (repeatable);
                         a key without a namespace gets the project's
  --config-path          read --config keys as property paths (a.b[0]), as \`pulumi preview --config-path\`
  --invoke-results FILE  recorded answers for invokes that need the cloud (getRole, getAmi, ...)
  --first-preview        judge the stack as its first \`pulumi preview\` sees it: resources output only
                         their inputs, so ARNs, IDs and other computed outputs are unknown
  --policy-config FILE   the pack's config, as \`--policy-pack-config\`; validated as the engine validates it
  --format FORMAT        text (default), json, sarif or markdown
  --out FILE             write the report to FILE and print only the verdict line
  --verbose              on exit 2, print the stack trace and the program's output; else the program's output
  --help                 print this help

Relative paths are read from the working directory the gate is started in.
In a clone of the assume-guard repository the same command is \`npm run gate -- FLAGS\`.
Exit codes: 0 no mandatory finding, 1 mandatory findings, 2 anything that prevented a full judgement.
`;

/** A problem with the invocation or the input: exit 2 with this one line. */
export class UsageError extends Error {}

/** Runs the gate with command-line `argv`; resolves to the exit code. Output goes to `out`/`err`. */
export async function main(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
    let verbose = argv.includes("--verbose");
    try {
        const parsed = parse(argv, err);
        if (parsed === "help") {
            out(HELP);
            return 0;
        }
        verbose = parsed.verbose;
        const report = await judge(parsed.options);
        const text = FORMATS[parsed.format](report);
        if (parsed.outFile) {
            fs.writeFileSync(parsed.outFile, text);
            out(renderText(report).split("\n")[0] + ` (report written to ${parsed.outFile})\n`);
        } else {
            out(text);
        }
        return passes(report) ? 0 : 1;
    } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        err(`assume-guard gate: ${message.split("\n")[0]}\n`);
        const detail = e instanceof ProgramError ? e.detail : e instanceof Error && !(e instanceof UsageError) ? e.stack : undefined;
        if (verbose && detail) {
            err(detail.endsWith("\n") ? detail : `${detail}\n`);
        }
        return 2;
    }
}

interface Parsed {
    options: JudgeOptions;
    format: Format;
    outFile?: string;
    verbose: boolean;
}

function parse(argv: string[], err: (s: string) => void): Parsed | "help" {
    let values;
    try {
        ({ values } = parseArgs({
            args: argv,
            options: {
                stack: { type: "string" },
                state: { type: "string" },
                format: { type: "string", default: "text" },
                out: { type: "string" },
                "policy-config": { type: "string" },
                project: { type: "string" },
                config: { type: "string", multiple: true, short: "c" },
                "config-path": { type: "boolean", default: false },
                "invoke-results": { type: "string" },
                "first-preview": { type: "boolean", default: false },
                verbose: { type: "boolean", default: false },
                help: { type: "boolean", short: "h", default: false },
            },
            strict: true,
            allowPositionals: false,
        }));
    } catch (e) {
        throw new UsageError(`${(e as Error).message}; ${USAGE}`);
    }
    if (values.help) {
        return "help";
    }
    if ((values.stack === undefined) === (values.state === undefined)) {
        throw new UsageError(`give exactly one of --stack and --state; ${USAGE}`);
    }
    const format = values.format as string;
    if (!(format in FORMATS)) {
        throw new UsageError(`unknown --format ${format}; use text, json, sarif or markdown`);
    }
    const settings = (values.config ?? []).map(c => {
        const eq = c.indexOf("=");
        if (eq <= 0) {
            throw new UsageError(`--config ${c}: expected KEY=VALUE, as for pulumi preview --config`);
        }
        return { key: c.slice(0, eq), value: c.slice(eq + 1) };
    });
    if (values.state !== undefined && (settings.length > 0 || values["invoke-results"] !== undefined || values["first-preview"])) {
        throw new UsageError("--config, --invoke-results and --first-preview apply to a program run (--stack), not to a stack export (--state)");
    }
    const resolve = (p: string | undefined) => (p === undefined ? undefined : path.resolve(p));
    return {
        options: {
            projectDir: path.resolve(values.project ?? process.cwd()),
            stack: values.stack,
            stateFile: values.state,
            policyConfigFile: resolve(values["policy-config"]),
            config: { settings, path: values["config-path"] },
            invokeResultsFile: resolve(values["invoke-results"]),
            firstPreview: values["first-preview"] ?? false,
            log: values.verbose ? err : undefined,
        },
        format: format as Format,
        outFile: resolve(values.out),
        verbose: values.verbose ?? false,
    };
}

function renderJson(report: GateReport): string {
    return JSON.stringify({ ...report, verdict: passes(report) ? "pass" : "fail" }, null, 2) + "\n";
}

/**
 * Runs the gate as a process and sets its exit code. Should the event loop empty before the run
 * ends (a program waiting on something that never comes), the process still exits 2 with one line.
 */
export function runAsProcess(argv: string[]): void {
    let done = false;
    const stderr = process.stderr.write.bind(process.stderr); // a program's run replaces process.stderr.write
    process.exitCode = 2;
    process.once("exit", () => {
        if (!done) {
            const { pendingOperations } = require("./mockRuntime") as typeof import("./mockRuntime");
            stderr(`assume-guard gate: the program never finished: ${pendingOperations() ?? "the gate stopped before its verdict"}; nothing was judged\n`);
            process.exitCode = 2;
        }
    });
    const stdout = process.stdout.write.bind(process.stdout);
    main(argv, s => stdout(s), s => stderr(s)).then(code => {
        done = true;
        process.exitCode = code;
    });
}

if (require.main === module) {
    runAsProcess(process.argv.slice(2));
}
