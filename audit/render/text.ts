/** The audit as text: the gate's verdict and findings, then the keys' blast radius, the migrations and the notes. */
import { summarise } from "../../policypack/lib/actions";
import { renderText as renderGateText } from "../../gate/report/text";
import { ReachPath } from "../blastRadius";
import { asGateReport, AuditReport, KeyHolder } from "../report";

/** At most this many key holders (and migrations), and paths per holder, are printed; JSON has them all. */
const HOLDERS = 20;
const PATHS = 8;

/** Renders the report as text. */
export function renderAuditText(r: AuditReport): string {
    const c = r.counts;
    const flagged = r.users.filter(u => u.flagged).length;
    const lines = [
        renderGateText(asGateReport(r)).trimEnd(),
        "",
        `Account ${r.account}: ${count(c.users, "user")} (${flagged} failing the user rules, ${count(r.migrations.length, "migration")} written), ${count(c.groups, "group")}, ${count(c.roles, "role")}, ` +
            `${count(c.customerPolicies, "customer managed policy", "customer managed policies")}; AWS managed policies attached: ${c.awsManaged.fromFile} from the file, ${c.awsManaged.vendored} vendored, ${c.awsManaged.unknown} unknown.`,
        "",
        `Blast radius per access key, ranked by what a leaked key reaches with no condition to meet; whose keys: ${r.blastRadius.basis}.`,
    ];
    if (r.blastRadius.holders.length === 0) {
        lines.push("  no key reaches anything: no user holds an active key");
    }
    r.blastRadius.holders.slice(0, HOLDERS).forEach((h, i) => {
        lines.push(`  ${i + 1}. ${h.user}: ${reachText(h)}${keysText(h)}`);
        if (h.outside.length > 0) {
            lines.push(`       may also assume roles outside this account, whose reach the file does not show: ${summarise(h.outside)}`);
        }
        h.paths.slice(0, PATHS).forEach(p => lines.push(`       ${pathText(p)}: ${p.resource}: ${summarise(p.actions)}`));
        if (h.paths.length > PATHS) {
            lines.push(`       … ${h.paths.length - PATHS} more paths (--format json lists them all)`);
        }
    });
    if (r.blastRadius.holders.length > HOLDERS) {
        lines.push(`  … ${r.blastRadius.holders.length - HOLDERS} more key holders (--format json lists them all)`);
    }
    if (r.migrations.length > 0) {
        lines.push("", "Migrations (--format markdown or json has each config, import file and step; --migrations DIR writes the files):");
        for (const m of r.migrations.slice(0, HOLDERS)) {
            const todo = m.placeholders.length > 0 ? `fill ${m.placeholders.join(", ")}` : "ready";
            lines.push(`  ${m.user} → stack ${m.stack} (${m.configFile}, ${m.importFile}): ${todo}`);
        }
        if (r.migrations.length > HOLDERS) {
            lines.push(`  … ${r.migrations.length - HOLDERS} more migrations (--format json lists them all)`);
        }
    }
    lines.push("", "Notes:", ...r.notes.map(n => `  - ${n}`));
    return lines.join("\n") + "\n";
}

/** `1 user`, `3 users`. */
export function count(n: number, one: string, many = `${one}s`): string {
    return `${n} ${n === 1 ? one : many}`;
}

/** `12 data actions (3 with no condition)`. */
export function reachText(h: KeyHolder): string {
    return h.actions === 0 ? "no data action" : `${h.actions} data action${h.actions === 1 ? "" : "s"} (${h.unconditioned} with no condition)`;
}

/** `; key 1 (412 days old, last used 2026-11-01 in eu-west-1 by dynamodb); MFA` */
export function keysText(h: KeyHolder): string {
    const keys = h.keys.map(k => {
        const facts = [
            ...(k.ageDays !== undefined ? [`${k.ageDays} days old`] : k.lastRotated ? [`created ${k.lastRotated.slice(0, 10)}`] : []),
            k.lastUsedDate ? `last used ${k.lastUsedDate.slice(0, 10)}${k.lastUsedRegion ? ` in ${k.lastUsedRegion}` : ""}${k.lastUsedService ? ` by ${k.lastUsedService}` : ""}` : "never used",
        ];
        return `key ${k.slot} (${facts.join(", ")})`;
    });
    return keys.length > 0 ? `; ${keys.join(", ")}${h.mfaActive ? "; MFA device" : ""}` : "";
}

/** `direct` or `role a [from 198.51.100.0/24] → role b [no condition]`, then the data statement's own conditions. */
export function pathText(p: ReachPath): string {
    const roles = p.hops.slice(0, -1).map(h => `role ${h.role} [${h.conditions || "no condition"}]`);
    const last = p.hops[p.hops.length - 1].conditions;
    return `${roles.length > 0 ? roles.join(" → ") : "direct"}${last ? ` [${last}]` : ""}`;
}
