/**
 * The offline gate: the same pack `pulumi preview --policy-pack policypack` runs, judged without the
 * CLI, a backend or cloud credentials.
 *
 *   npm run gate -- --stack dev            run the program under the mocked runtime with Pulumi.dev.yaml
 *   npm run gate -- --state export.json    judge a `pulumi stack export` file
 *
 * Exit codes: 0 no mandatory violation (advisories are printed), 1 mandatory violations, 2 unusable
 * input or a program error (one line on stderr).
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";

import { judge, JudgeOptions } from "./judge";
import { renderMarkdown } from "./report/markdown";
import { GateReport, passes } from "./report/model";
import { renderSarif } from "./report/sarif";
import { renderText } from "./report/text";

const FORMATS = { text: renderText, json: renderJson, sarif: renderSarif, markdown: renderMarkdown } as const;
type Format = keyof typeof FORMATS;

const USAGE =
    "usage: npm run gate -- (--stack NAME | --state FILE) [--format text|json|sarif|markdown] [--out FILE] " +
    "[--policy-config FILE] [--project DIR]";

/** A problem with the invocation or the input: exit 2 with this one line. */
export class UsageError extends Error {}

/** Runs the gate with command-line `argv`; resolves to the exit code. Output goes to `out`/`err`. */
export async function main(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
    try {
        const { options, format, outFile } = parse(argv);
        const report = await judge(options);
        const text = FORMATS[format](report);
        if (outFile) {
            fs.writeFileSync(outFile, text);
            out(renderText(report).split("\n")[0] + ` (report written to ${outFile})\n`);
        } else {
            out(text);
        }
        return passes(report) ? 0 : 1;
    } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        err(`assume-guard gate: ${message.split("\n")[0]}\n`);
        return 2;
    }
}

function parse(argv: string[]): { options: JudgeOptions; format: Format; outFile?: string } {
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
            },
            strict: true,
            allowPositionals: false,
        }));
    } catch (e) {
        throw new UsageError(`${(e as Error).message}; ${USAGE}`);
    }
    if ((values.stack === undefined) === (values.state === undefined)) {
        throw new UsageError(`give exactly one of --stack and --state; ${USAGE}`);
    }
    const format = values.format as string;
    if (!(format in FORMATS)) {
        throw new UsageError(`unknown --format ${format}; use text, json, sarif or markdown`);
    }
    const projectDir = path.resolve(values.project ?? process.cwd());
    return {
        options: { projectDir, stack: values.stack, stateFile: values.state, policyConfigFile: values["policy-config"] },
        format: format as Format,
        outFile: values.out,
    };
}

function renderJson(report: GateReport): string {
    return JSON.stringify({ ...report, verdict: passes(report) ? "pass" : "fail" }, null, 2) + "\n";
}

if (require.main === module) {
    main(process.argv.slice(2), s => process.stdout.write(s), s => process.stderr.write(s)).then(code => {
        process.exitCode = code;
    });
}
