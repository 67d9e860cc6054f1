/**
 * The audit as Markdown, for a ticket or a pull request: verdict, the keys' blast radius as a table
 * and a Mermaid map (key → roles, with each hop's conditions → resources, drawn as the gate's access
 * map draws them), each migration written out, findings, notes. Long lists are cut; JSON has all.
 */
import { label, mermaidIds, summarise } from "../../gate/report/markdownAccess";
import { cell } from "../../gate/report/markdownText";
import { passes } from "../../gate/report/model";
import { summarise as listed } from "../../policypack/lib/actions";
import { asGateReport, AuditReport, KeyHolder } from "../report";
import { count, keysText, pathText, reachText } from "./text";

const HOLDERS = 25;
const PATHS = 10;
const DIAGRAM_HOLDERS = 12;
const MIGRATIONS = 20;
const FINDINGS = 200;

/** Renders the report as Markdown. */
export function renderAuditMarkdown(r: AuditReport): string {
    const mandatory = r.findings.filter(f => f.level === "mandatory").length;
    const c = r.counts;
    const out = [
        `## assume-guard audit: account ${r.account}`,
        "",
        `**Audit: ${passes(asGateReport(r)) ? "pass" : "FAIL"}** — ${mandatory} mandatory, ${r.findings.length - mandatory} advisory finding(s); ` +
            `${count(c.users, "user")} (${r.users.filter(u => u.flagged).length} failing the user rules), ${count(c.groups, "group")}, ${count(c.roles, "role")}, ` +
            `${count(c.customerPolicies, "customer managed policy", "customer managed policies")}; ${r.resourcesJudged} resources judged.`,
        "",
        "### Blast radius per access key",
        "",
        `Whose keys: ${r.blastRadius.basis}. Ranked by the data-plane actions a leaked key reaches with no condition to meet, then by all it reaches.`,
        "",
    ];
    const shown = r.blastRadius.holders.slice(0, HOLDERS);
    if (shown.length === 0) {
        out.push("No key reaches anything.", "");
    } else {
        out.push("| # | user | key | reach | path (conditions per hop) | resource | actions |", "| --- | --- | --- | --- | --- | --- | --- |");
        shown.forEach((h, i) => {
            const paths = h.paths.length > 0 ? h.paths.slice(0, PATHS) : [undefined];
            paths.forEach((p, j) => {
                const head = j === 0 ? [`${i + 1}`, `\`${h.user}\``, cell(keysText(h).replace(/^; /, "") || "—", 1000), reachText(h)] : ["", "", "", ""];
                const tail = p ? [cell(pathText(p), 1000), `\`${cell(p.resource, 1000)}\``, cell(listed(p.actions, 4), 1000)] : ["—", "—", "—"];
                out.push(`| ${[...head, ...tail].join(" | ")} |`);
            });
            if (h.paths.length > PATHS) {
                out.push(`| | | | | … ${h.paths.length - PATHS} more paths | | |`);
            }
            if (h.outside.length > 0) {
                out.push(`| | | | | may assume roles outside this account | ${h.outside.map(r => `\`${cell(r, 1000)}\``).join("<br>")} | not in the file |`);
            }
        });
        if (r.blastRadius.holders.length > HOLDERS) {
            out.push("", `${r.blastRadius.holders.length - HOLDERS} more key holders: see \`--format json\`.`);
        }
        out.push("", "```mermaid", ...mermaid(r.blastRadius.holders.slice(0, DIAGRAM_HOLDERS)), "```", "");
    }
    out.push("### Migrations", "");
    if (r.migrations.length === 0) {
        out.push("No user fails the user rules: nothing to migrate.", "");
    }
    for (const m of r.migrations.slice(0, MIGRATIONS)) {
        out.push(`#### \`${m.user}\` → stack \`${m.stack}\``, "", `\`${m.configFile}\`${m.placeholders.length > 0 ? ` (fill ${m.placeholders.map(p => `\`${p}\``).join(", ")} first)` : ""}:`, "");
        out.push("```yaml", m.config.trimEnd(), "```", "", `\`${m.importFile}\`:`, "", "```json", m.imports.trimEnd(), "```", "", "Steps:", "", "```bash", ...m.steps, "```", "");
        out.push(...m.notes.map(n => `- ${n}`), ...(m.notes.length > 0 ? [""] : []));
    }
    if (r.migrations.length > MIGRATIONS) {
        out.push(`${r.migrations.length - MIGRATIONS} more migrations: ${r.migrations.slice(MIGRATIONS).map(m => `\`${m.user}\``).join(", ")} (see \`--format json\` or \`--migrations DIR\`).`, "");
    }
    if (r.findings.length > 0) {
        out.push("### Findings", "", "| level | rule | resource | message | fix |", "| --- | --- | --- | --- | --- |");
        for (const f of r.findings.slice(0, FINDINGS)) {
            out.push(`| ${f.level} | \`${f.rule}\` | \`${f.resource}\` | ${cell(f.message, 1000)} | ${cell(f.fix, 1000)} |`);
        }
        out.push(...(r.findings.length > FINDINGS ? ["", `${r.findings.length - FINDINGS} more findings: see \`--format json\`.`] : []), "");
    }
    out.push("### Notes", "", ...r.notes.map(n => `- ${n}`), "");
    return out.join("\n");
}

/** key → user → (role → …) → resource, each edge labelled with its hop's conditions or actions. */
function mermaid(holders: readonly KeyHolder[]): string[] {
    const lines = ["flowchart LR"];
    const id = mermaidIds();
    for (const h of holders) {
        const u = id(`user:${h.user}`, "u");
        lines.push(`    ${u}["key of ${label(h.user)}"]`);
        for (const p of h.paths.slice(0, PATHS)) {
            let from = u;
            for (const hop of p.hops.slice(0, -1)) {
                const r = id(`role:${hop.role}`, "r");
                lines.push(`    ${r}["role ${label(hop.role ?? "")}"]`, `    ${from} -->|"${label(hop.conditions || "no condition")}"| ${r}`);
                from = r;
            }
            const t = id(`res:${p.resource}`, "t");
            const round = p.kind === "table" || p.kind === "index" || p.kind === "stream";
            lines.push(`    ${t}${round ? `[("${label(p.resource)}")]` : `["${label(p.resource)}"]`}`);
            const last = p.hops[p.hops.length - 1].conditions;
            lines.push(`    ${from} -->|"${label(summarise(p.actions))}${last ? ` if ${label(last)}` : ""}"| ${t}`);
        }
    }
    return [...new Set(lines)];
}
