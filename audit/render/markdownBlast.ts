/**
 * The blast radius in the audit's Markdown report, in a `<details>` block within the characters it is
 * given: the key holders ranked by reach, each with the paths to what it reaches and the conditions
 * on each hop, as a table (as many whole holders as fit, at most {@link HOLDERS}; the rest counted),
 * and a Mermaid map of the holders shown (key → roles → resources, drawn as the gate's access map
 * draws them) while it has at most {@link MAX_DIAGRAM_EDGES} edges.
 */
import { label, mermaidIds, summarise } from "../../gate/report/markdownAccess";
import { cell, cut, inline, size } from "../../gate/report/markdownText";
import { summarise as listed } from "../../policypack/lib/actions";
import { AuditReport, KeyHolder } from "../report";
import { count, keysText, pathText, reachText } from "./text";

/** Key holders listed at most, and paths per holder. */
const HOLDERS = 25;
const PATHS = 10;
/** Edges above which the map stops adding holders (it would not be readable). */
const MAX_DIAGRAM_EDGES = 60;

/** The section, within `budget` characters. */
export function blastRadiusSection(r: AuditReport, budget: number): string[] {
    const holders = r.blastRadius.holders;
    const free = holders.filter(h => h.unconditioned > 0).length;
    const open = `<details><summary>Blast radius: ${count(holders.length, "key holder")}, ${free} reaching data with no condition to meet</summary>`;
    const intro = `Whose keys: ${r.blastRadius.basis}. Ranked by the data-plane actions a leaked key reaches with no condition to meet, then by all it reaches.`;
    const out = [open, "", cell(intro, 600), ""];
    const close = ["", "</details>", ""];
    if (holders.length === 0) {
        return [...out, "No key reaches anything.", ...close];
    }
    const room = budget - size([...out, ...close]) - 200;
    const top = holders.slice(0, HOLDERS);
    // The map first takes what it needs (at most a third), the table the rest; the map then shows the holders the table does.
    const drawn = mermaid(top, Math.floor(room / 3));
    const blocks = top.map(holderRows);
    const header = ["| # | user | key | reach | path (conditions per hop) | resource | actions |", "| --- | --- | --- | --- | --- | --- | --- |"];
    let used = size(header);
    let shown = 0;
    while (shown < blocks.length && used + size(blocks[shown]) <= room - size(drawn) - 200) {
        used += size(blocks[shown++]);
    }
    if (shown === 0) {
        return [`Blast radius: ${count(holders.length, "key holder")}, ${free} reaching data with no condition to meet (the JSON report has each path).`, ""];
    }
    out.push(...header, ...blocks.slice(0, shown).flat());
    if (holders.length > shown) {
        out.push("", `… and ${holders.length - shown} more key holder(s): the JSON report lists them all.`);
    }
    const diagram = mermaid(top.slice(0, shown), size(drawn));
    if (diagram.length > 1) {
        out.push("", "```mermaid", ...diagram, "```");
    }
    return [...out, ...close];
}

/** One holder's rows: its paths (at most {@link PATHS}), and the roles outside the account it may assume. */
function holderRows(h: KeyHolder, i: number): string[] {
    const paths = h.paths.length > 0 ? h.paths.slice(0, PATHS) : [undefined];
    const rows = paths.map((p, j) => {
        const head = j === 0 ? [`${i + 1}`, inline(cut(h.user, 64)), cell(keysText(h).replace(/^; /, "") || "—", 240), reachText(h)] : ["", "", "", ""];
        const tail = p ? [cell(pathText(p), 300), inline(cut(p.resource, 160)), cell(listed(p.actions, 4), 200)] : ["—", "—", "—"];
        return `| ${[...head, ...tail].join(" | ")} |`;
    });
    if (h.paths.length > PATHS) {
        rows.push(`| | | | | … ${h.paths.length - PATHS} more paths | | |`);
    }
    if (h.outside.length > 0) {
        rows.push(`| | | | | may assume roles outside this account | ${cell(h.outside.map(r => `\`${r}\``).join(", "), 400)} | not in the file |`);
    }
    return rows;
}

/**
 * key → user → (role → …) → resource, each edge labelled with its hop's conditions or actions: the
 * holders in turn while the edges stay within {@link MAX_DIAGRAM_EDGES} and the lines within `budget`
 * characters (none drawn: the first line only).
 */
function mermaid(holders: readonly KeyHolder[], budget: number): string[] {
    const lines = new Set(["flowchart LR"]);
    const id = mermaidIds();
    let edges = 0;
    for (const h of holders) {
        const drawn = h.paths.slice(0, PATHS);
        edges += drawn.reduce((n, p) => n + p.hops.length, 0);
        const u = id(`user:${h.user}`, "u");
        const own = [`    ${u}["key of ${label(h.user)}"]`];
        for (const p of drawn) {
            let from = u;
            for (const hop of p.hops.slice(0, -1)) {
                const r = id(`role:${hop.role}`, "r");
                own.push(`    ${r}["role ${label(hop.role ?? "")}"]`, `    ${from} -->|"${label(hop.conditions || "no condition")}"| ${r}`);
                from = r;
            }
            const t = id(`res:${p.resource}`, "t");
            const round = p.kind === "table" || p.kind === "index" || p.kind === "stream";
            const last = p.hops[p.hops.length - 1].conditions;
            own.push(`    ${t}${round ? `[("${label(p.resource)}")]` : `["${label(p.resource)}"]`}`, `    ${from} -->|"${label(summarise(p.actions))}${last ? ` if ${label(last)}` : ""}"| ${t}`);
        }
        const added = own.filter(l => !lines.has(l));
        if (edges > MAX_DIAGRAM_EDGES || size([...lines, ...added]) > budget) {
            break;
        }
        added.forEach(l => lines.add(l));
    }
    return [...lines];
}
