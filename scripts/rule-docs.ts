/**
 * Writes everything that is generated from the rules' own definitions (lib/ruleMeta.ts, their
 * settings in lib/config.ts), so that each fact is declared once:
 *
 *   npx ts-node --transpile-only scripts/rule-docs.ts
 *
 * - docs/rules/<rule>.md, one page per rule (the policies' `url` and SARIF's `helpUri`), and
 *   docs/rules/README.md, the index;
 * - policypack/config/default.json (every default) and strict.json (the defaults with each rule's
 *   `strict` overrides);
 * - the rule and settings tables of policypack/README.md, and the short rules table of README.md,
 *   between their `<!-- generated:… -->` markers.
 *
 * test/scripts/rule-docs.test.ts fails, with a diff, when a file differs from what this writes.
 */
import * as fs from "fs";
import * as path from "path";

import { settingDefaults } from "../policypack/lib/config";
import { ruleDocs } from "../policypack/policies";
import { rulePage, rulesIndex, rulesSummaryTable, rulesTable, settingsTable } from "./rule-docs-render";

const ROOT = path.join(__dirname, "..");

/** A generated file: its path from the repository root and its whole text. */
export interface Generated {
    readonly file: string;
    readonly text: string;
}

/** A config file as the engine reads it, one policy per line (one setting per line when long). */
export function configText(config: Record<string, Record<string, unknown>>): string {
    const entries = Object.entries(config).map(([name, entry]) => {
        const line = `${JSON.stringify(name)}: ${compact(entry)}`;
        if (line.length <= 180) {
            return `    ${line}`;
        }
        const inner = Object.entries(entry).map(([k, v]) => `        ${JSON.stringify(k)}: ${compact(v)}`);
        return `    ${JSON.stringify(name)}: {\n${inner.join(",\n")}\n    }`;
    });
    return `{\n${entries.join(",\n")}\n}\n`;
}

/** JSON on one line: `{ "a": 1, "b": [1, 2] }`. */
function compact(v: unknown): string {
    if (Array.isArray(v)) {
        return `[${v.map(compact).join(", ")}]`;
    }
    if (v !== null && typeof v === "object") {
        const entries = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${compact(x)}`);
        return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
    }
    return JSON.stringify(v);
}

/** `config/default.json`: every policy's level and every default. */
export function defaultConfig(): Record<string, Record<string, unknown>> {
    return Object.fromEntries(ruleDocs.map(r => [r.name, { enforcementLevel: r.enforcementLevel, ...settingDefaults(r.configSchema) }]));
}

/** `config/strict.json`: the defaults, with each rule's strict overrides. */
export function strictConfig(): Record<string, Record<string, unknown>> {
    const defaults = defaultConfig();
    return Object.fromEntries(
        ruleDocs.map(r => [r.name, { ...defaults[r.name], ...(r.strict?.enforcementLevel ? { enforcementLevel: r.strict.enforcementLevel } : {}), ...r.strict?.settings }]),
    );
}

/** `text` with the part between `<!-- generated:<name> -->` and `<!-- /generated:<name> -->` replaced. */
export function replaceSection(text: string, name: string, body: string, file: string): string {
    const begin = `<!-- generated:${name} (scripts/rule-docs.ts) -->`;
    const end = `<!-- /generated:${name} -->`;
    const from = text.indexOf(begin);
    const to = text.indexOf(end);
    if (from < 0 || to < from) {
        throw new Error(`${file} has no ${begin} … ${end} section`);
    }
    return `${text.slice(0, from + begin.length)}\n${body}${text.slice(to)}`;
}

/** Every generated file, given the current READMEs (whose other parts are kept). */
export function generate(readFile: (file: string) => string): Generated[] {
    const packReadme = "policypack/README.md";
    const packText = replaceSection(readFile(packReadme), "rules", rulesTable(ruleDocs, "../docs/rules/"), packReadme);
    return [
        ...ruleDocs.map(r => ({ file: `docs/rules/${r.name}.md`, text: rulePage(r) })),
        { file: "docs/rules/README.md", text: rulesIndex(ruleDocs) },
        { file: "policypack/config/default.json", text: configText(defaultConfig()) },
        { file: "policypack/config/strict.json", text: configText(strictConfig()) },
        { file: "README.md", text: replaceSection(readFile("README.md"), "rules", rulesSummaryTable(ruleDocs, "docs/rules/"), "README.md") },
        { file: packReadme, text: replaceSection(packText, "settings", settingsTable(ruleDocs), packReadme) },
    ];
}

/** The repository's current text of a file. */
export function readRepoFile(file: string): string {
    return fs.readFileSync(path.join(ROOT, file), "utf8");
}

if (require.main === module) {
    for (const g of generate(readRepoFile)) {
        const target = path.join(ROOT, g.file);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        const before = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : undefined;
        if (before !== g.text) {
            fs.writeFileSync(target, g.text);
            console.log(`wrote ${g.file}`);
        }
    }
}
