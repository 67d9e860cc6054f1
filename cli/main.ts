#!/usr/bin/env node
/**
 * The `assume-guard` command of the installed package (package.json `bin`), run from its compiled
 * JavaScript: `assume-guard gate …` takes the gate's flags (`npm run gate -- …` in a clone of this
 * repository) and judges the Pulumi project in the current folder unless `--project` names another;
 * `assume-guard audit …` takes the audit's (`npm run audit -- …`) and judges an account's export.
 * Each command is one row of {@link COMMANDS}; `assume-guard --help` lists them.
 */
import * as fs from "fs";
import * as path from "path";

/** One subcommand: what `--help` says of it, and how it runs (it sets the process's exit code). */
interface Command {
    readonly summary: string;
    run(argv: string[]): void;
}

/** The subcommands, in the order `--help` lists them. */
const COMMANDS: Readonly<Record<string, Command>> = {
    gate: {
        summary: "judge a Pulumi program (--stack) or a stack export (--state) with the policy pack, offline",
        run: argv => (require("../gate/cli") as typeof import("../gate/cli")).runAsProcess(argv),
    },
    audit: {
        summary: "judge an AWS account's IAM offline from its get-account-authorization-details export: findings, each key's blast radius, migrations",
        run: argv => (require("../audit/cli") as typeof import("../audit/cli")).runAsProcess(argv),
    },
};

/** `assume-guard --help`. */
export function help(): string {
    const width = Math.max(...Object.keys(COMMANDS).map(c => c.length));
    const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
    return (
        `usage: assume-guard <command> [flags]   (assume-guard ${version()})\n\n` +
        `commands:\n${rows.join("\n")}\n\n` +
        "  --help     print this help; assume-guard <command> --help prints the command's flags\n" +
        "  --version  print the version\n\n" +
        "The policy pack itself: pulumi preview --policy-pack node_modules/assume-guard/policypack\n"
    );
}

/** The installed package's version. */
export function version(): string {
    for (const dir of [path.join(__dirname, ".."), path.join(__dirname, "..", "..")]) {
        const file = path.join(dir, "package.json");
        if (fs.existsSync(file)) {
            const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
            if (manifest.name === "assume-guard" && manifest.version) {
                return manifest.version;
            }
        }
    }
    return "unknown";
}

/** Runs `assume-guard` with `argv` (the arguments after the command name); sets the exit code. */
export function run(argv: string[]): void {
    const [first, ...rest] = argv;
    const command = first === undefined ? undefined : COMMANDS[first];
    if (command) {
        command.run(rest);
    } else if (first === "--help" || first === "-h" || first === "help") {
        process.stdout.write(help());
    } else if (first === "--version") {
        process.stdout.write(`${version()}\n`);
    } else {
        const what = first === undefined ? "no command given" : `unknown command ${JSON.stringify(first)}`;
        process.stderr.write(`assume-guard: ${what}; commands: ${Object.keys(COMMANDS).join(", ")} (assume-guard --help)\n`);
        process.exitCode = 2;
    }
}

if (require.main === module) {
    run(process.argv.slice(2));
}
