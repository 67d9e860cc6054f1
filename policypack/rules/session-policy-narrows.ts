/**
 * session-policy-narrows (advisory): a provider that assumes a role of this stack with an inline
 * session policy allows nothing the role's own policies in the stack do not allow.
 *
 * A session gets the intersection of the role's policies and the session policy, so a session
 * policy cannot widen access: an action it allows beyond the role's grants does nothing, and usually
 * means the wrong role or a permission missing from the role. A session pattern counts as granted
 * when one of the role's Allow patterns covers it as written (`s3:*` covers `s3:Get*`; `*` covers
 * everything, including a session `NotAction`). Roles outside the stack are not judged.
 *
 * Providers carry `assumeRoles` (a list, JSON-encoded by the engine) or the older `assumeRole`.
 */
import { matchesBroadly } from "../lib/actions";
import { parsePolicy, PolicyDocument, Statement, statementLabel } from "../lib/document";
import { parseArn } from "../lib/arn";
import { Grant, StackGraph } from "../lib/graph";
import { AWS_PROVIDER_TYPE } from "../lib/model/resourceTypes";
import { defineRule, Judge, label, RuleResource } from "../lib/rule";
import { readProp } from "../lib/values";


interface AssumedSession {
    readonly roleArn: string;
    readonly policy: unknown;
}

/** The rule. */
export const sessionPolicyNarrows = defineRule({
    name: "session-policy-narrows",
    description: "A provider's inline session policy allows only what the assumed role's own policies in the stack allow.",
    enforcementLevel: "advisory",
    severity: "low",
    details: "A provider that assumes a role of this stack with an inline session policy allows nothing the role's own policies in the stack do not: a session policy can only narrow a role, so a wider one usually signals the wrong role or a permission missing from it.",
    fix: "Remove the extra actions from the session policy, or grant them to the role if the session needs them.",
    strict: { enforcementLevel: "mandatory" },
    config: () => ({}),
    stack: (resources, _config, judge) => {
        const providers = resources.filter(r => r.type === AWS_PROVIDER_TYPE);
        if (providers.length === 0) {
            return;
        }
        const graph = StackGraph.shared(resources, (r, fn) => judge.each(r, fn));
        for (const provider of providers) {
            judge.each(provider, () => checkProvider(provider, graph, judge));
        }
    },
});

function checkProvider(provider: RuleResource, graph: StackGraph, judge: Judge): void {
    for (const session of sessionsOf(provider, judge)) {
        const roleName = parseArn(session.roleArn)?.name ?? session.roleArn;
        const role = graph.nodes.principals("role").find(n => n.resource && n.name.toLowerCase() === roleName.toLowerCase());
        if (!role || session.policy === undefined || session.policy === null || session.policy === "") {
            continue;
        }
        const parsed = parsePolicy(session.policy);
        if (!parsed.ok) {
            judge.report({
                urn: provider.urn,
                what: `${label(provider)} assumes role '${role.name}' with a session policy that cannot be parsed (${parsed.reason})`,
                why: "AWS refuses such a session, so the deployment would fail",
                fix: "pass a valid policy document",
            });
            continue;
        }
        const granted = roleAllows(graph.grantsOf(role));
        for (const s of parsed.document.statements.filter(st => st.effect === "Allow")) {
            const extra = widening(s, granted);
            if (extra.length > 0) {
                judge.report({
                    urn: provider.urn,
                    what:
                        `${label(provider)} assumes role '${role.name}' with a session policy whose ${statementLabel(s)} allows ${extra.map(a => JSON.stringify(a)).join(", ")}, ` +
                        `which the role's own policies in this stack do not grant`,
                    why: "A session policy can only narrow a role, so this grant does nothing and usually signals the wrong role or a permission missing from it",
                    fix: "remove it from the session policy, or grant it to the role if the session needs it",
                });
            }
        }
    }
}

/** The session's action patterns the role's Allow statements do not cover. */
function widening(s: Statement, granted: readonly string[]): string[] {
    if (s.actions.negated) {
        return granted.includes("*") ? [] : [`NotAction ${s.actions.patterns.join(", ")}`];
    }
    return s.actions.patterns.filter(p => !granted.some(g => matchesBroadly(g, p)));
}

/** Every action pattern the role's known, parsed Allow statements grant (NotAction ones as `*`). */
function roleAllows(grants: readonly Grant[]): string[] {
    const out: string[] = [];
    for (const g of grants) {
        if (g.source.kind !== "parsed" || !g.source.parsed.ok) {
            // Unknown or unreadable role policies: assume they may grant anything (no false alarm).
            return ["*"];
        }
        const doc: PolicyDocument = g.source.parsed.document;
        for (const s of doc.statements.filter(st => st.effect === "Allow")) {
            // An Allow with NotAction grants nearly everything: count it as `*`.
            out.push(...(s.actions.negated ? ["*"] : s.actions.patterns));
        }
    }
    return out;
}

/** The role sessions a provider assumes, from `assumeRoles` (list or JSON) or `assumeRole`. */
function sessionsOf(provider: RuleResource, judge: Judge): AssumedSession[] {
    const out: AssumedSession[] = [];
    for (const key of ["assumeRoles", "assumeRole"]) {
        const read = readProp(provider.props, key);
        if (!read.known) {
            judge.unknown(provider, read.error);
            continue;
        }
        let value = read.value;
        if (typeof value === "string") {
            try {
                value = JSON.parse(value);
            } catch {
                continue;
            }
        }
        for (const entry of Array.isArray(value) ? value : value ? [value] : []) {
            if (entry && typeof entry === "object" && typeof (entry as Record<string, unknown>).roleArn === "string") {
                const e = entry as Record<string, unknown>;
                out.push({ roleArn: e.roleArn as string, policy: e.policy });
            }
        }
    }
    return out;
}
