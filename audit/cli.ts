/**
 * `assume-guard audit` (`npm run audit -- …` in a clone): judges an AWS account's IAM offline from
 * `aws iam get-account-authorization-details` output, with the pack's own rules. `--help` lists the flags.
 *
 * Exit codes, as the gate's: 0 no mandatory finding, 1 mandatory findings, 2 anything that prevented
 * a full judgement (malformed or partial input; one line on stderr naming the file, entity and field).
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";

import { UsageError } from "../gate/cli";
import { passes } from "../gate/report/model";
import { renderSarif } from "../gate/report/sarif";
import { renderText } from "../gate/report/text";
import { audit, AuditOptions } from "./audit";
import { renderAuditMarkdown } from "./render/markdown";
import { renderAuditText } from "./render/text";
import { asGateReport, AuditReport } from "./report";

const FORMATS = {
    text: renderAuditText,
    json: (r: AuditReport) => JSON.stringify({ ...r, verdict: passes(asGateReport(r)) ? "pass" : "fail" }, null, 2) + "\n",
    sarif: (r: AuditReport) => renderSarif(asGateReport(r)),
    markdown: renderAuditMarkdown,
} as const;
type Format = keyof typeof FORMATS;

const USAGE =
    "usage: assume-guard audit --authorization-details FILE [FILE...] [--credential-report FILE] [--format text|json|sarif|markdown] " +
    "[--out FILE] [--migrations DIR] [--policy-config FILE] [--help]";

const HELP = `${USAGE}

Judges an AWS account's IAM users, groups, roles and policies offline with the assume-guard policy
pack's own rules, ranks what each access key could reach if it leaked, and writes a migration onto
this project's stack for each user that fails the user rules.

  --authorization-details FILE...  aws iam get-account-authorization-details > FILE (the CLI's form, or the
                                   SDK's with URL-encoded documents); several files: the pages of one export
  --credential-report FILE         aws iam generate-credential-report; aws iam get-credential-report > FILE
                                   (or the decoded CSV): which users hold active keys, their age and last use
  --policy-config FILE             the pack's config, as --policy-pack-config; validated as the engine validates it
  --format FORMAT                  text (default), json, sarif or markdown
  --out FILE                       write the report to FILE and print only the verdict line
  --migrations DIR                 write each migration's Pulumi.<stack>.yaml and import-<stack>.json to DIR
  --help                           print this help

Relative paths are read from the working directory the audit is started in.
In a clone of the assume-guard repository the same command is \`npm run audit -- FLAGS\`.
Exit codes: 0 no mandatory finding, 1 mandatory findings, 2 input that cannot be judged whole.
`;

/** Runs the audit with command-line `argv`; resolves to the exit code. Output goes to `out`/`err`. */
export async function main(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
    try {
        const parsed = parse(argv);
        if (parsed === "help") {
            out(HELP);
            return 0;
        }
        const report = await audit(parsed.options);
        if (parsed.migrationsDir) {
            fs.mkdirSync(parsed.migrationsDir, { recursive: true });
            for (const m of report.migrations) {
                fs.writeFileSync(path.join(parsed.migrationsDir, m.configFile), m.config);
                fs.writeFileSync(path.join(parsed.migrationsDir, m.importFile), m.imports);
            }
        }
        const text = FORMATS[parsed.format](report);
        if (parsed.outFile) {
            fs.writeFileSync(parsed.outFile, text);
            out(renderText(asGateReport(report)).split("\n")[0] + ` (report written to ${parsed.outFile})\n`);
        } else {
            out(text);
        }
        return passes(asGateReport(report)) ? 0 : 1;
    } catch (e) {
        err(`assume-guard audit: ${(e instanceof Error ? e.message : String(e)).split("\n")[0]}\n`);
        return 2;
    }
}

interface Parsed {
    readonly options: AuditOptions;
    readonly format: Format;
    readonly outFile?: string;
    readonly migrationsDir?: string;
}

function parse(argv: string[]): Parsed | "help" {
    let values;
    let positionals: string[];
    try {
        ({ values, positionals } = parseArgs({
            args: argv,
            options: {
                "authorization-details": { type: "string", multiple: true },
                "credential-report": { type: "string" },
                format: { type: "string", default: "text" },
                out: { type: "string" },
                migrations: { type: "string" },
                "policy-config": { type: "string" },
                help: { type: "boolean", short: "h", default: false },
            },
            strict: true,
            allowPositionals: true,
        }));
    } catch (e) {
        throw new UsageError(`${(e as Error).message}; ${USAGE}`);
    }
    if (values.help) {
        return "help";
    }
    // `--authorization-details a.json b.json`: the pages after the flag are positionals.
    const details = [...(values["authorization-details"] ?? []), ...positionals];
    if ((values["authorization-details"] ?? []).length === 0) {
        throw new UsageError(positionals.length > 0 ? `unexpected ${positionals[0]}; ${USAGE}` : `give --authorization-details FILE; ${USAGE}`);
    }
    const format = values.format as string;
    if (!(format in FORMATS)) {
        throw new UsageError(`unknown --format ${format}; use text, json, sarif or markdown`);
    }
    const resolve = (p: string | undefined) => (p === undefined ? undefined : path.resolve(p));
    return {
        options: {
            authorizationDetails: details,
            ...(values["credential-report"] !== undefined ? { credentialReport: values["credential-report"] } : {}),
            ...(values["policy-config"] !== undefined ? { policyConfigFile: values["policy-config"] } : {}),
        },
        format: format as Format,
        ...(values.out !== undefined ? { outFile: resolve(values.out) } : {}),
        ...(values.migrations !== undefined ? { migrationsDir: resolve(values.migrations) } : {}),
    };
}

/** Runs the audit as a process and sets its exit code (2 until the verdict is in). */
export function runAsProcess(argv: string[]): void {
    process.exitCode = 2;
    main(argv, s => process.stdout.write(s), s => process.stderr.write(s)).then(code => (process.exitCode = code));
}

if (require.main === module) {
    runAsProcess(process.argv.slice(2));
}
