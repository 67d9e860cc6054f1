/**
 * The access map: for each IAM user, the roles it can assume, under which conditions, and what each
 * role reaches, with a Mermaid diagram of user → role → resource. Made to paste into a pull request.
 */
import { AccessMap, RoleAccess, TrustConditions } from "../accessMap";
import { GateReport, passes } from "./model";

/** Renders the report as Markdown: verdict, access map, diagram, findings, exemptions. */
export function renderMarkdown(report: GateReport): string {
    const map = report.accessMap;
    const mandatory = report.findings.filter(f => f.level === "mandatory").length;
    const out: string[] = [
        `## assume-guard access map: ${report.source}`,
        "",
        `**Gate: ${passes(report) ? "pass" : "FAIL"}** — ${mandatory} mandatory, ${report.findings.length - mandatory} advisory finding(s), ` +
            `${report.resourcesJudged} resources judged.`,
        "",
    ];
    if (map.users.length === 0) {
        out.push("No IAM users in this stack.", "");
    }
    for (const user of map.users) {
        out.push(`### User \`${user.name}\``, "");
        if (user.roles.length === 0) {
            out.push("Can assume no role in this stack.", "");
            continue;
        }
        out.push("| role | conditions | reaches |", "| --- | --- | --- |");
        for (const role of user.roles) {
            out.push(`| \`${role.name}\` | ${conditionText(role)} | ${reachText(role)} |`);
        }
        out.push("");
    }
    out.push("```mermaid", ...mermaid(map), "```", "");
    if (report.findings.length > 0) {
        out.push("### Findings", "", "| level | rule | resource | message | fix |", "| --- | --- | --- | --- | --- |");
        for (const f of report.findings) {
            out.push(`| ${f.level} | \`${f.rule}\` | \`${f.resource}\` | ${cell(f.message)} | ${cell(f.fix)} |`);
        }
        out.push("");
    }
    if (report.exemptionsUsed.length > 0) {
        out.push("### Exemptions used", "");
        for (const e of report.exemptionsUsed) {
            out.push(`- \`${e.rule}\` on \`${e.resource}\`: ${e.reason}`);
        }
        out.push("");
    }
    return out.join("\n");
}

/** The conditions of a trust, in words: `from 198.51.100.0/24`, `external ID acme-1`, `MFA (≤ 3600 s)`. */
export function conditionText(role: RoleAccess): string {
    return conditionsText(role.conditions) || "**none**";
}

/** Conditions in words, joined by `; ` (empty for none). */
export function conditionsText(c: TrustConditions): string {
    const parts = [
        ...(c.sourceCidrs.length ? [`from ${c.sourceCidrs.join(", ")}`] : []),
        ...(c.externalIds.length ? [`external ID ${c.externalIds.join(" or ")}`] : []),
        ...(c.mfa ? [c.mfaMaxAgeSeconds ? `MFA (≤ ${c.mfaMaxAgeSeconds} s old)` : "MFA"] : []),
        ...c.other,
    ];
    return parts.join("; ");
}

function reachText(role: RoleAccess): string {
    if (role.reaches.length === 0) {
        return "nothing";
    }
    return role.reaches.map(r => `${r.kind} \`${r.resource}\`: ${r.actions.join(", ")}`).join("<br>");
}

/** Short Mermaid node ids (`u0`, `r1`, …), one per key, numbered in the order first asked for. */
export function mermaidIds(): (key: string, prefix: string) => string {
    const ids = new Map<string, string>();
    return (key, prefix) => {
        if (!ids.has(key)) {
            ids.set(key, `${prefix}${ids.size}`);
        }
        return ids.get(key) as string;
    };
}

function mermaid(map: AccessMap): string[] {
    const lines = ["flowchart LR"];
    const id = mermaidIds();
    for (const user of map.users) {
        const u = id(`user:${user.name}`, "u");
        lines.push(`    ${u}["user ${label(user.name)}"]`);
        for (const role of user.roles) {
            const r = id(`role:${role.name}`, "r");
            lines.push(`    ${r}["role ${label(role.name)}"]`);
            lines.push(`    ${u} -->|"${label(conditionText(role).replace(/\*\*/g, ""))}"| ${r}`);
            for (const reach of role.reaches) {
                const t = id(`res:${reach.resource}`, "t");
                const shape = reach.kind === "table" || reach.kind === "index" || reach.kind === "stream" ? `[("${label(reach.resource)}")]` : `["${label(reach.resource)}"]`;
                lines.push(`    ${t}${shape}`);
                lines.push(`    ${r} -->|"${label(summarise(reach.actions))}"| ${t}`);
            }
        }
    }
    return [...new Set(lines)];
}

/** `a, b, c +4`: a short list for diagram edges. */
export function summarise(actions: readonly string[]): string {
    return actions.length <= 3 ? actions.join(", ") : `${actions.slice(0, 3).join(", ")} +${actions.length - 3}`;
}

/** Text safe inside a Mermaid label. */
export function label(text: string): string {
    return text.replace(/"/g, "'").replace(/[[\]{}|<>]/g, " ");
}

/** Text safe inside a Markdown table cell. */
export function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
