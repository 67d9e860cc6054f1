/**
 * What Allow statements grant of the data-plane catalogue, per resource pattern, with the
 * conditions they bind; and how paths are merged and counted. The blast radius (blastRadius.ts)
 * strings these after the roles assumed on the way.
 */
import { conditionsOf, conditionsText, Reach } from "../gate/accessMap";
import { kindOf } from "../gate/accessReach";
import { globToRegex, reachedActions, reaches } from "../policypack/lib/actions";
import { DATA_PLANE_ACTIONS } from "../policypack/lib/catalogue";
import { Statement } from "../policypack/lib/document";

/** One step of a path: assuming a role, or the statement that grants the data actions. */
export interface Hop {
    /** The role assumed; absent for the last step (the data statement). */
    readonly role?: string;
    /** The conditions the step binds, in words (`from 203.0.113.0/24; MFA`); empty for none. */
    readonly conditions: string;
}

/** Data actions reached on one resource pattern along one path. */
export interface ReachPath {
    /** The roles assumed in turn (none: directly), then the data statement. */
    readonly hops: readonly Hop[];
    readonly resource: string;
    readonly kind: Reach["kind"];
    readonly actions: readonly string[];
}

/** One principal's reach, before the key's details are added. */
export interface PrincipalReach {
    readonly paths: readonly ReachPath[];
    /** Distinct catalogue actions reached on any path. */
    readonly actions: number;
    /** Distinct catalogue actions reached on a path that binds no condition. */
    readonly unconditioned: number;
    /** Roles it may assume in other accounts (or any account): their reach is not in the file. */
    readonly outside: readonly string[];
}

/** The reach of statements, remembered per statement (one parsed document reaches every principal it is attached to). */
export class StatementReach {
    private readonly byStatement = new WeakMap<Statement, ReachPath[]>();

    /** The data actions the Allow statements grant, per resource pattern, less what an unconditional Deny on `*` takes away. */
    public of(statements: readonly Statement[]): ReachPath[] {
        const denied = statements.filter(s => s.effect === "Deny" && s.conditions.length === 0 && s.resources && !s.resources.negated && s.resources.patterns.includes("*"));
        const granted = statements.filter(s => s.effect === "Allow").flatMap(s => this.statement(s));
        if (denied.length === 0) {
            return granted;
        }
        return granted.flatMap(p => {
            const actions = p.actions.filter(a => !denied.some(d => reaches(d.actions, a)));
            return actions.length > 0 ? [{ ...p, actions }] : [];
        });
    }

    /** What one Allow statement grants, per resource pattern (statements are shared by every principal they reach). */
    private statement(s: Statement): ReachPath[] {
        let paths = this.byStatement.get(s);
        if (!paths) {
            paths = [];
            const actions = reachedActions(s.actions, DATA_PLANE_ACTIONS);
            if (actions.length > 0) {
                const conditions = conditionsText(conditionsOf(s));
                const resources = !s.resources ? ["*"] : s.resources.negated ? [`all but ${s.resources.patterns.join(", ")}`] : s.resources.patterns;
                for (const resource of resources) {
                    const fitting = actions.filter(a => serviceFits(resource, a));
                    if (fitting.length > 0) {
                        paths.push({ hops: [{ conditions }], resource, kind: resource.startsWith("all but ") ? "everything" : kindOf(resource), actions: fitting });
                    }
                }
            }
            this.byStatement.set(s, paths);
        }
        return paths;
    }
}

const servicePatterns = new Map<string, RegExp>();

/** True when a resource pattern can name a resource of the action's service (`*`, a wildcard service, or the same). */
function serviceFits(resource: string, action: string): boolean {
    if (!resource.startsWith("arn:")) {
        return true;
    }
    const service = resource.split(":", 3)[2] ?? "";
    let re = servicePatterns.get(service);
    if (!re) {
        re = new RegExp(`^${globToRegex(service, ".*")}$`, "i");
        servicePatterns.set(service, re);
    }
    return re.test(action.slice(0, action.indexOf(":")));
}

/** Merges paths that take the same hops to the same resource, and counts the actions. */
export function summary(found: readonly ReachPath[]): Omit<PrincipalReach, "outside"> {
    const byRoute = new Map<string, ReachPath>();
    for (const p of found) {
        const key = JSON.stringify([p.hops, p.resource]);
        const before = byRoute.get(key);
        byRoute.set(key, before ? { ...before, actions: DATA_PLANE_ACTIONS.filter(a => before.actions.includes(a) || p.actions.includes(a)) } : p);
    }
    const paths = [...byRoute.values()];
    const all = new Set<string>();
    const free = new Set<string>();
    for (const p of paths) {
        p.actions.forEach(a => all.add(a));
        if (p.hops.every(h => h.conditions === "")) {
            p.actions.forEach(a => free.add(a));
        }
    }
    return { paths, actions: all.size, unconditioned: free.size };
}
