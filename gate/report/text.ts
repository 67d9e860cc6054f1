import { Finding, GateReport, passes, where } from "./model";

/** What is wrong and why it matters, as one text (the fix is shown on its own). */
export function whatAndWhy(f: Pick<Finding, "what" | "why">): string {
    return f.why ? `${f.what}. ${f.why}.` : f.what;
}

/** A compact, human-readable report: verdict, one block per finding (with the program line that made it), the program's warnings, then exemptions used. */
export function renderText(report: GateReport): string {
    const mandatory = report.findings.filter(f => f.level === "mandatory").length;
    const advisory = report.findings.length - mandatory;
    const warnings = report.programWarnings ?? [];
    const warned = warnings.length;
    const lines = [
        `assume-guard ${report.tool ?? "gate"}: ${passes(report) ? "PASS" : "FAIL"} (${mandatory} mandatory, ${advisory} advisory` +
            `${warned > 0 ? `, ${warned} program warning${warned === 1 ? "" : "s"}` : ""}; ${report.resourcesJudged} resources judged from ${report.source})`,
    ];
    if (report.findings.length > 0) {
        const width = Math.max(...report.findings.map(f => f.rule.length));
        lines.push("", `${"LEVEL".padEnd(10)} ${"RULE".padEnd(width)}  RESOURCE`);
        for (const f of report.findings) {
            const at = where(f.location);
            lines.push(`${f.level.padEnd(10)} ${f.rule.padEnd(width)}  ${f.resource}${at ? `  (${at})` : ""}`);
            lines.push(`${" ".repeat(11)}${whatAndWhy(f)}`);
            if (f.fix) {
                lines.push(`${" ".repeat(11)}fix: ${f.fix}`);
            }
        }
    }
    if (warned > 0) {
        lines.push("", "Program warnings (advisory; pulumi.log.warn, as a preview shows them):", ...warnings.map(w => `  ${w}`));
    }
    if (report.exemptionsUsed.length > 0) {
        lines.push("", "Exemptions used:");
        for (const e of report.exemptionsUsed) {
            lines.push(`  ${e.rule} on ${e.urn}: ${e.reason}`);
        }
    }
    return lines.join("\n") + "\n";
}
