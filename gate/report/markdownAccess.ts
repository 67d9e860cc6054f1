/**
 * The access map section of the Markdown report, in a `<details>` block: for each IAM user, what its
 * key reaches directly (the violation the user rules report) and the roles it can assume, under which
 * conditions, and what each role reaches, with a Mermaid diagram of user → role → resource (and user
 * → resource for direct access) when the map is small. When the whole map does not fit the budget it
 * is summarised with counts per user.
 */
import { AccessMap, conditionsText, Reach, RoleAccess, UserAccess } from "../accessMap";
import { cell, cut, fittingLines, inline } from "./markdownText";

/** Edges above which the diagram is left out (it would not be readable). */
const MAX_DIAGRAM_EDGES = 60;
/** Users listed in the summary of a large map. */
const MAX_SUMMARY_ROWS = 100;

/** The section, within `budget` characters. */
export function accessMapSection(map: AccessMap, budget: number): string[] {
    const direct = map.users.reduce((n, u) => n + u.direct.length, 0);
    const roles = map.users.reduce((n, u) => n + u.roles.length, 0);
    const summary = `<details><summary>Access map: ${map.users.length} user(s), ${direct} direct grant(s), ${roles} assumable role(s)</summary>`;
    const wrap = (body: string[]) => [summary, "", ...body, "", "</details>", ""];
    const whole = fullMap(map, budget - summary.length - 20);
    if (whole) {
        return wrap(whole);
    }
    const head = [
        "The whole map does not fit a comment: counts per user, users with direct grants first (the JSON report holds the whole map).",
        "",
        "| user | direct grants | roles it can assume | resources those roles reach |",
        "| --- | --- | --- | --- |",
    ];
    const users = [...map.users].sort((a, b) => b.direct.length - a.direct.length || b.roles.length - a.roles.length);
    const rows = users.map(u => `| ${inline(cut(u.name, 64))} | ${u.direct.length} | ${u.roles.length} | ${u.roles.reduce((n, r) => n + r.reaches.length, 0)} |`);
    const shown = fittingLines(rows.slice(0, MAX_SUMMARY_ROWS), budget - wrap(head).join("\n").length - 80);
    const counted = wrap([...head, ...rows.slice(0, shown), ...(shown < rows.length ? ["", `… and ${rows.length - shown} more user(s).`] : [])]);
    return counted.join("\n").length <= budget ? counted : [`Access map: ${map.users.length} user(s), ${direct} direct grant(s), ${roles} assumable role(s) (see the JSON report).`, ""];
}

/** The whole map, or undefined as soon as it takes more than `budget` characters. */
function fullMap(map: AccessMap, budget: number): string[] | undefined {
    if (map.users.length === 0) {
        return ["No IAM users in this stack."];
    }
    const out: string[] = [];
    let size = 0;
    const push = (...lines: string[]) => {
        out.push(...lines);
        size += lines.reduce((n, l) => n + l.length + 1, 0);
    };
    for (const user of map.users) {
        if (size > budget) {
            return undefined;
        }
        push(`#### User ${inline(user.name)}`, "");
        if (user.direct.length > 0) {
            push("Reaches directly, with its key alone:", "", "| through | reaches |", "| --- | --- |");
            user.direct.forEach(d => push(`| ${cell(d.via, 300)} | ${reachText(d.reaches)} |`));
            push("");
        }
        if (user.roles.length === 0) {
            push("Can assume no role in this stack.", "");
            continue;
        }
        push("| role | conditions | reaches |", "| --- | --- | --- |");
        user.roles.forEach(role => push(`| ${inline(role.name)} | ${conditionText(role)} | ${reachText(role.reaches)} |`));
        push("");
    }
    const edges = map.users.reduce((n, u) => n + u.direct.reduce((m, d) => m + d.reaches.length, 0) + u.roles.reduce((m, r) => m + 1 + r.reaches.length, 0), 0);
    if (edges <= MAX_DIAGRAM_EDGES) {
        push("```mermaid", ...mermaid(map.users), "```");
    }
    return size > budget ? undefined : out;
}

/** The conditions of a trust, as a table cell: `from 198.51.100.0/24; external ID acme-1; MFA (≤ 3600 s old)`, or **none**. */
export function conditionText(role: RoleAccess): string {
    const text = conditionsText(role.conditions);
    return text ? cell(text, 400) : "**none**";
}

function reachText(reaches: readonly Reach[]): string {
    if (reaches.length === 0) {
        return "nothing";
    }
    return reaches.map(r => `${r.kind} ${inline(cut(r.resource, 160))}: ${cell(r.actions.join(", "), 300)}`).join("<br>");
}

function mermaid(users: readonly UserAccess[]): string[] {
    const lines = ["flowchart LR"];
    const id = mermaidIds();
    const target = (reach: Reach) => {
        const t = id(`res:${reach.resource}`, "t");
        const shape = reach.kind === "table" || reach.kind === "index" || reach.kind === "stream" ? `[("${label(reach.resource)}")]` : `["${label(reach.resource)}"]`;
        lines.push(`    ${t}${shape}`);
        return t;
    };
    for (const user of users) {
        const u = id(`user:${user.name}`, "u");
        lines.push(`    ${u}["user ${label(user.name)}"]`);
        for (const reach of user.direct.flatMap(d => d.reaches)) {
            lines.push(`    ${u} -.->|"key alone: ${label(summarise(reach.actions))}"| ${target(reach)}`);
        }
        for (const role of user.roles) {
            const r = id(`role:${role.name}`, "r");
            lines.push(`    ${r}["role ${label(role.name)}"]`);
            lines.push(`    ${u} -->|"${label(conditionText(role).replace(/\*\*/g, ""))}"| ${r}`);
            for (const reach of role.reaches) {
                lines.push(`    ${r} -->|"${label(summarise(reach.actions))}"| ${target(reach)}`);
            }
        }
    }
    return [...new Set(lines)];
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

/** `a, b, c +4`: a short list for diagram edges. */
export function summarise(actions: readonly string[]): string {
    return actions.length <= 3 ? actions.join(", ") : `${actions.slice(0, 3).join(", ")} +${actions.length - 3}`;
}

/** Text safe inside a Mermaid label. */
export function label(text: string): string {
    return text.replace(/"/g, "'").replace(/[[\]{}|<>]/g, " ");
}
