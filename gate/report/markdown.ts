/**
 * The report for a pull request comment (GitHub stops a comment at 65,536 characters): the verdict
 * and counts first, the program's warnings (at most {@link MAX_WARNINGS}), then the mandatory findings, the advisory ones and the exemptions used, then the
 * access map in a `<details>` block. It never exceeds {@link MAX_MARKDOWN} characters, by
 * construction: at most {@link MAX_LISTED} findings of each level are listed, the rest counted
 * ("… and N more"); rows are whole unless the listed mandatory findings would take more than
 * {@link MANDATORY_BUDGET} characters, and then each is cut to {@link MAX_ROW}; advisory findings and
 * exemptions take what is left; the access map is shown whole when it fits what is left, else
 * summarised with counts per user. The audit's report (audit/render/markdown.ts) is the same but for
 * its counts and what follows the findings ({@link cappedMarkdown}).
 */
import { GateReport, passes, where } from "./model";
import { accessMapSection } from "./markdownAccess";
import { cell, cut, fittingLines, inline } from "./markdownText";
import { whatAndWhy } from "./text";

/** The longest report (a GitHub comment holds 65,536 characters; the rest is headroom). */
export const MAX_MARKDOWN = 60_000;
/** Findings listed per level; the others are counted. */
export const MAX_LISTED = 100;
/** The longest finding row in a large report: 100 rows of mandatory findings take at most 48,000 characters. */
export const MAX_ROW = 480;
/** What the mandatory findings may take before their rows are cut. */
const MANDATORY_BUDGET = MAX_LISTED * MAX_ROW;
/** The longest row of a report whose rows are not cut (one finding's message may be long). */
const WHOLE_ROW = 4_000;
/** Program warnings listed, and the length each is cut to: at most 3,000 characters in all. */
const MAX_WARNINGS = 5;
const MAX_WARNING = 560;

/** What a command's report puts around the findings. */
export interface MarkdownParts {
    /** What follows the findings' counts: `17 resources judged.` */
    readonly counts: string;
    /** What the listed mandatory findings may take; rows are cut, then fewer listed, to fit. @default MANDATORY_BUDGET */
    readonly mandatoryBudget?: number;
    /** The characters kept for {@link tail} when advisory findings and exemptions are many. @default 4,000 */
    readonly reserve?: number;
    /** The sections after the findings and exemptions, within the characters left. */
    readonly tail: (budget: number) => string[];
}

/** Renders the report as Markdown. */
export function renderMarkdown(report: GateReport): string {
    return cappedMarkdown(report, { counts: `${report.resourcesJudged} resources judged.`, tail: budget => accessMapSection(report.accessMap, budget) });
}

/**
 * A command's report as Markdown of at most {@link MAX_MARKDOWN} characters: the verdict and counts,
 * the findings and exemptions as this module's comment describes, then `parts.tail`.
 */
export function cappedMarkdown(report: GateReport, parts: MarkdownParts): string {
    const mandatory = report.findings.filter(f => f.level === "mandatory");
    const advisory = report.findings.filter(f => f.level === "advisory");
    const mandatoryBudget = parts.mandatoryBudget ?? MANDATORY_BUDGET;
    const reserve = parts.reserve ?? 4_000;
    const out: string[] = [
        `## assume-guard${report.tool ? ` ${report.tool}` : ""}: ${passes(report) ? "pass" : "**FAIL**"} — ${inline(cut(report.source, 200))}`,
        "",
        `**${mandatory.length} mandatory** and ${advisory.length} advisory finding(s), ${report.exemptionsUsed.length} exemption(s) used; ${parts.counts}`,
        "",
    ];
    const warnings = report.programWarnings ?? [];
    if (warnings.length > 0) {
        const more = warnings.length - MAX_WARNINGS;
        out.push(`### Program warnings (${warnings.length}, advisory)`, "", ...warnings.slice(0, MAX_WARNINGS).map(w => `- ${cell(w, MAX_WARNING)}`), ...(more > 0 ? [`- … and ${more} more`] : []), "");
    }
    if (mandatory.length > 0) {
        out.push(`### Mandatory findings (${mandatory.length})`, "", ...table(mandatory, Math.floor(mandatoryBudget / MAX_ROW), mandatoryBudget), "");
    }
    const budget = () => MAX_MARKDOWN - out.join("\n").length;
    if (advisory.length > 0) {
        const room = budget() - reserve;
        const listed = fittingLines(advisory.slice(0, MAX_LISTED).map(f => row(f, MAX_ROW)), room - 300);
        out.push(`<details><summary>Advisory findings (${advisory.length})</summary>`, "", ...table(advisory, listed, room - 300), "", "</details>", "");
    }
    if (report.exemptionsUsed.length > 0) {
        const line = (e: GateReport["exemptionsUsed"][number]) =>
            `- \`${e.rule}\` on ${inline(cut(e.resource, 120))}${e.location ? ` (${inline(cut(where(e.location) ?? "", 80))})` : ""}: ${cell(e.reason, 240)}`;
        const lines = report.exemptionsUsed.slice(0, MAX_LISTED).map(line);
        const shown = fittingLines(lines, budget() - (reserve - 1_000));
        const left = report.exemptionsUsed.length - shown;
        out.push("### Exemptions used", "", ...lines.slice(0, shown), ...(left > 0 ? [`- … and ${left} more`] : []), "");
    }
    out.push(...parts.tail(budget() - 10));
    return out.join("\n");
}

/** The table of `findings`, the first `listed` of them as rows (whole when they fit `budget`, else cut to {@link MAX_ROW}), the rest counted. */
function table(findings: GateReport["findings"], listed: number, budget: number): string[] {
    const shown = findings.slice(0, Math.min(listed, MAX_LISTED));
    const left = findings.length - shown.length;
    const whole = shown.map(f => row(f, WHOLE_ROW));
    const rows = whole.reduce((n, r) => n + r.length + 1, 0) <= budget ? whole : shown.map(f => row(f, MAX_ROW));
    return [
        "| rule | resource | finding |",
        "| --- | --- | --- |",
        ...rows,
        ...(left > 0 ? ["", `… and ${left} more ${findings[0].level} finding(s): the text, JSON and SARIF reports list them all.`] : []),
    ];
}

/** One finding as a table row of at most `max` characters. */
function row(f: GateReport["findings"][number], max: number): string {
    const at = where(f.location);
    const resource = `${inline(cut(f.resource, 100))}${at ? `<br>${inline(cut(at, 80))}` : ""}`;
    const fix = f.fix ? `<br>**Fix:** ${cell(f.fix, Math.max(110, max / 4))}` : "";
    const head = `| \`${f.rule}\` | ${resource} | `;
    return `${head}${cell(whatAndWhy(f), max - head.length - fix.length - 2)}${fix} |`;
}
