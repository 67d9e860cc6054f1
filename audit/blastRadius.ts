/**
 * The blast radius of an IAM user's access key: every data-plane action of the pack's catalogue
 * (lib/catalogue.ts) the key reaches, and on which resources, directly (the user's own, group and
 * attached policies) or through the roles it can assume, one hop or chained, with the conditions
 * each hop binds. Read with the pack's own analysis: its stack graph (every path a document reaches
 * a principal by), action matching (lib/actions.ts) and the gate's access-map reading of trusts.
 *
 * It over-reports rather than misses, as the rules do: conditions on a Deny, permissions boundaries,
 * SCPs and session policies are not subtracted; a Deny without conditions on `*` is.
 */
import { arnOf, conditionsOf, conditionsText, trustFor } from "../gate/accessMap";
import { ArnIndex } from "../gate/accessReach";
import { accountOfArn, parseArn } from "../policypack/lib/arn";
import { reaches } from "../policypack/lib/actions";
import { DATA_PLANE_ACTIONS } from "../policypack/lib/catalogue";
import { Statement } from "../policypack/lib/document";
import { readDocument, StackGraph } from "../policypack/lib/graph";
import { TRUST_PROP } from "../policypack/lib/model/resourceTypes";
import { PrincipalNode } from "../policypack/lib/nodes";
import { assumeStatements } from "../policypack/lib/trust";
import { Hop, PrincipalReach, ReachPath, StatementReach, summary } from "./reach";

export type { Hop, PrincipalReach, ReachPath };

interface RoleInfo {
    readonly node: PrincipalNode;
    readonly arn: string;
}

/** Computes reaches over one graph, remembering each role's own reach and assumable roles. */
export class ReachFinder {
    private readonly roles: ArnIndex<RoleInfo>;
    private readonly byPattern = new Map<string, RoleInfo[]>();
    private readonly ownReach = new Map<PrincipalNode, ReachPath[]>();
    private readonly userReach = new Map<PrincipalNode, PrincipalReach>();
    private readonly grants = new StatementReach();
    /** Roles whose trust names a principal's ARN, or `*`: in the same account that alone lets it assume them. */
    private readonly naming = new Map<string, RoleInfo[]>();

    public constructor(private readonly graph: StackGraph) {
        const roles = graph.nodes.principals("role").flatMap(n => (n.resource ? [{ node: n, arn: arnOf(n.resource, "role") }] : []));
        this.roles = new ArnIndex(roles);
        for (const role of roles) {
            const src = readDocument(role.node.resource as NonNullable<PrincipalNode["resource"]>, TRUST_PROP);
            const named = src.kind === "parsed" && src.parsed.ok ? assumeStatements(src.parsed.document).flatMap(a => a.principals.aws) : [];
            new Set(named.filter(p => p.kind !== "account").map(p => (p.kind === "any" ? "*" : p.raw))).forEach(key => {
                const list = this.naming.get(key) ?? [];
                list.push(role);
                this.naming.set(key, list);
            });
        }
    }

    /** What a user's key reaches (computed once per user). */
    public ofUser(user: PrincipalNode): PrincipalReach {
        let reach = this.userReach.get(user);
        if (!reach) {
            reach = this.computeUser(user);
            this.userReach.set(user, reach);
        }
        return reach;
    }

    private computeUser(user: PrincipalNode): PrincipalReach {
        const userArn = user.resource ? arnOf(user.resource, "user") : `user/${user.name}`;
        const statements = this.statements(user, true);
        const direct = this.grants.of(statements);
        const paths = [...direct];
        // A key that reaches every catalogue action on every resource with no condition gains nothing from roles.
        const everything = direct.some(p => p.resource === "*" && p.hops[0].conditions === "" && p.actions.length === DATA_PLANE_ACTIONS.length);
        const outside = new Set<string>();
        if (!everything) {
            const seen = new Set<PrincipalNode>([user]);
            let frontier: { node: PrincipalNode; arn: string; statements: readonly Statement[]; hops: Hop[] }[] = [{ node: user, arn: userArn, statements, hops: [] }];
            while (frontier.length > 0) {
                const next: typeof frontier = [];
                for (const from of frontier) {
                    this.outsideRoles(from.statements, from.arn).forEach(r => outside.add(r));
                    for (const step of this.assumable(from.statements, from.arn)) {
                        if (seen.has(step.role.node)) {
                            continue;
                        }
                        seen.add(step.role.node);
                        const hops = [...from.hops, { role: step.role.node.name, conditions: step.conditions }];
                        const roleStatements = this.statements(step.role.node, false);
                        paths.push(...this.roleReach(step.role.node, roleStatements).map(p => ({ ...p, hops: [...hops, ...p.hops] })));
                        next.push({ node: step.role.node, arn: step.role.arn, statements: roleStatements, hops });
                    }
                }
                frontier = next;
            }
        }
        return { ...summary(paths), outside: [...outside].sort() };
    }

    /**
     * The role patterns a caller's Allow statements let it assume in other accounts (or in any account,
     * `*`): what those roles reach is not in the file, so the blast radius names them instead.
     */
    private outsideRoles(statements: readonly Statement[], callerArn: string): string[] {
        const own = accountOfArn(callerArn);
        return statements
            .filter(s => s.effect === "Allow" && reaches(s.actions, "sts:AssumeRole"))
            .flatMap(s => (!s.resources || s.resources.negated ? ["*"] : s.resources.patterns))
            .filter(p => p === "*" || (parseArn(p)?.account ?? "*") !== own);
    }

    private roleReach(role: PrincipalNode, statements: readonly Statement[]): ReachPath[] {
        let own = this.ownReach.get(role);
        if (!own) {
            own = this.grants.of(statements);
            this.ownReach.set(role, own);
        }
        return own;
    }

    /** The graph's node of a user. */
    public user(name: string): PrincipalNode {
        return this.graph.nodes.principal("user", name);
    }

    /** A user's own statements: its policies and its groups'. */
    public userStatements(user: PrincipalNode): Statement[] {
        return this.statements(user, true);
    }

    /** The Allow and Deny statements reaching a principal (through its groups for a user). */
    private statements(node: PrincipalNode, withGroups: boolean): Statement[] {
        const holders = withGroups ? [node, ...this.graph.groupsOf(node).map(m => m.group)] : [node];
        return holders.flatMap(p => this.graph.grantsOf(p)).flatMap(g => (g.source.kind === "parsed" && g.source.parsed.ok ? g.source.parsed.document.statements : []));
    }

    /** The roles a principal's Allow statements let it assume, and the conditions on the step. */
    private assumable(statements: readonly Statement[], callerArn: string): { role: RoleInfo; conditions: string }[] {
        const out = new Map<RoleInfo, string>();
        // A trust that names the caller (or `*`) admits it without an Allow of its own (a same-account resource policy).
        for (const role of [...(this.naming.get(callerArn) ?? []), ...(this.naming.get("*") ?? [])]) {
            const trust = trustFor(role.node.resource as NonNullable<PrincipalNode["resource"]>, callerArn);
            if (trust && !out.has(role)) {
                out.set(role, conditionsText(trust));
            }
        }
        for (const s of statements.filter(x => x.effect === "Allow" && reaches(x.actions, "sts:AssumeRole"))) {
            const patterns = !s.resources ? ["*"] : s.resources.negated ? ["*"] : s.resources.patterns;
            for (const role of patterns.flatMap(p => this.matching(p))) {
                const trust = trustFor(role.node.resource as NonNullable<PrincipalNode["resource"]>, callerArn);
                const conditions = [conditionsText(conditionsOf(s)), trust ? conditionsText(trust) : ""].filter(t => t !== "").join("; ");
                // A statement that binds nothing is the easier way in than one met before.
                if (trust && (!out.has(role) || conditions === "")) {
                    out.set(role, conditions);
                }
            }
        }
        return [...out].map(([role, conditions]) => ({ role, conditions }));
    }

    private matching(pattern: string): RoleInfo[] {
        let hit = this.byPattern.get(pattern);
        if (!hit) {
            hit = this.roles.matching([pattern]);
            this.byPattern.set(pattern, hit);
        }
        return hit;
    }
}
