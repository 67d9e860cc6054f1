/**
 * The audit as Markdown, for a ticket or a pull request comment, within the gate's limit
 * ({@link MAX_MARKDOWN} characters, gate/report/markdown.ts): the verdict and the account's counts
 * first, then the mandatory findings named (each at the line of the export that names its entity),
 * the advisory ones and exemptions, then in `<details>` blocks the keys' blast radius (a table and a
 * Mermaid map, the top key holders when the account is large) and the migrations written out (the
 * first ones in full, the others named), and the notes. The JSON report has everything.
 */
import { cappedMarkdown, MAX_LISTED, MAX_ROW } from "../../gate/report/markdown";
import { cell, cut, fittingLines, inline, size } from "../../gate/report/markdownText";
import { asGateReport, AuditReport } from "../report";
import { blastRadiusSection } from "./markdownBlast";
import { count } from "./text";

/** What the mandatory findings may take: fewer rows than the gate lists, so that the blast radius fits too. */
const MANDATORY_BUDGET = (MAX_LISTED / 2) * MAX_ROW;
/** What the sections after the findings keep for themselves when advisory findings and exemptions are many. */
const TAIL_RESERVE = 24_000;
/** Migrations written out at most; the others are named. */
const MIGRATIONS = 20;

/** Renders the report as Markdown. */
export function renderAuditMarkdown(r: AuditReport): string {
    const c = r.counts;
    return cappedMarkdown(asGateReport(r), {
        counts:
            `${count(c.users, "user")} (${r.users.filter(u => u.flagged).length} failing the user rules), ${count(c.groups, "group")}, ${count(c.roles, "role")}, ` +
            `${count(c.customerPolicies, "customer managed policy", "customer managed policies")}; ${r.resourcesJudged} resources judged.`,
        mandatoryBudget: MANDATORY_BUDGET,
        reserve: TAIL_RESERVE,
        tail: budget => {
            const notes = notesSection(r.notes, Math.min(3_000, Math.floor(budget / 5)));
            const rest = budget - size(notes);
            const blast = blastRadiusSection(r, Math.floor(rest * 0.6));
            return [...blast, ...migrationsSection(r, rest - size(blast)), ...notes];
        },
    });
}

/** Each migration in full while they fit (at most {@link MIGRATIONS}), the others named. */
function migrationsSection(r: AuditReport, budget: number): string[] {
    if (r.migrations.length === 0) {
        return ["No user fails the user rules: nothing to migrate.", ""];
    }
    const open = `<details><summary>Migrations: ${count(r.migrations.length, "user")} to move onto the assume-only pattern</summary>`;
    const out = [open, ""];
    const room = budget - size(out) - 600;
    let shown = 0;
    for (const m of r.migrations.slice(0, MIGRATIONS)) {
        const block = [
            `#### ${inline(m.user)} → stack ${inline(m.stack)}`,
            "",
            `${inline(m.configFile)}${m.placeholders.length > 0 ? ` (fill ${m.placeholders.map(inline).join(", ")} first)` : ""}:`,
            "",
            ...["```yaml", m.config.trimEnd(), "```", "", `${inline(m.importFile)}:`, "", "```json", m.imports.trimEnd(), "```", "", "Steps:", "", "```bash", ...m.steps, "```", ""],
            ...m.notes.map(n => `- ${n}`),
            ...(m.notes.length > 0 ? [""] : []),
        ];
        if (size(out) + size(block) > room) {
            break;
        }
        out.push(...block);
        shown++;
    }
    if (shown < r.migrations.length) {
        const others = r.migrations.slice(shown).map(m => inline(cut(m.user, 64)));
        const named = fittingLines(others.map(o => `${o}, `), 400);
        out.push(`${shown > 0 ? `… and ${r.migrations.length - shown} more` : `${r.migrations.length} migrations`}: ${others.slice(0, named).join(", ")}${named < others.length ? ", …" : ""} (the JSON report, or --migrations DIR, has each).`, "");
    }
    return [...out, "</details>", ""];
}

/** The notes, each cut to fit `budget`. */
function notesSection(notes: readonly string[], budget: number): string[] {
    const lines = notes.map(n => `- ${cell(n, 500)}`);
    return ["### Notes", "", ...lines.slice(0, fittingLines(lines, budget - 20)), ""];
}
