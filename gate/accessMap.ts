/**
 * Who can reach what: for each IAM user, the roles it may assume (its Allow on sts:AssumeRole meets
 * the role's trust), under which trust conditions, and what each role's policies reach.
 */
import { HostResource } from "../policypack/host";
import { globToRegex, reaches } from "../policypack/lib/actions";
import { clauseBinding, parseOperator } from "../policypack/lib/conditions";
import { Statement } from "../policypack/lib/document";
import { Grant, readDocument, StackGraph } from "../policypack/lib/graph";
import { RuleResource } from "../policypack/lib/rule";
import { accountOfArn } from "../policypack/lib/arn";
import { TRUST_PROP } from "../policypack/lib/model/resourceTypes";
import { assumeStatements } from "../policypack/lib/trust";
import { readProp } from "../policypack/lib/values";

/** The access map of a stack. */
export interface AccessMap {
    readonly users: readonly UserAccess[];
}

/** One IAM user and the roles it can assume. */
export interface UserAccess {
    readonly name: string;
    readonly roles: readonly RoleAccess[];
}

/** A role a user can assume: the trust conditions it must meet, and what the role reaches. */
export interface RoleAccess {
    readonly name: string;
    readonly arn: string;
    readonly conditions: TrustConditions;
    readonly reaches: readonly Reach[];
}

/** The conditions a trust statement binds the user with. */
export interface TrustConditions {
    readonly sourceCidrs: readonly string[];
    readonly externalIds: readonly string[];
    readonly mfa: boolean;
    readonly mfaMaxAgeSeconds?: string;
    /** Other binding conditions, as `operator key values`. */
    readonly other: readonly string[];
}

/** What a role's Allow statements reach on one resource pattern. */
export interface Reach {
    readonly kind: "table" | "index" | "stream" | "bucket" | "objects" | "everything" | "resource";
    readonly resource: string;
    readonly actions: readonly string[];
}

/**
 * Builds the access map with the pack's own analysis: its parser, stack graph (every path a document
 * reaches a principal by) and condition analysis. A user reaches a role when one of its Allow
 * statements grants sts:AssumeRole on the role's ARN and the role's trust admits the user (its ARN,
 * its account's root, or `*`).
 */
export function buildAccessMap(resources: readonly HostResource[]): AccessMap {
    const graph = graphOf(resources);
    const roles = graph.nodes.principals("role").flatMap(role => (role.resource ? [{ node: role, resource: role.resource, arn: arnOf(role.resource, "role") }] : []));
    const roleIndex = new ArnIndex(roles);
    const users: UserAccess[] = [];
    for (const user of graph.nodes.principals("user")) {
        if (!user.resource) {
            continue;
        }
        const userArn = arnOf(user.resource, "user");
        const statements = [user, ...graph.groupsOf(user).map(g => g.group)].flatMap(p => graph.grantsOf(p)).flatMap(allowStatements);
        const assumable = statements.filter(s => reaches(s.actions, "sts:AssumeRole"));
        const reachable = roleIndex.matching(assumable.flatMap(s => (s.resources && !s.resources.negated ? s.resources.patterns : [])));
        users.push({
            name: user.name,
            roles: reachable.flatMap(role => {
                const trust = trustFor(role.resource, userArn);
                return trust ? [{ name: role.node.name, arn: role.arn, conditions: trust, reaches: reachOf(graph.grantsOf(role.node).flatMap(allowStatements)) }] : [];
            }),
        });
    }
    return { users };
}

/** The pack's stack graph of host resources; a resource the graph cannot read reaches nobody (the rules report it). */
export function graphOf(resources: readonly HostResource[]): StackGraph {
    const byUrn = new Map(resources.map(r => [r.urn, r]));
    const ruleResources: RuleResource[] = resources.map(r => ({
        ...r,
        propertyDependencies: Object.fromEntries(
            Object.entries(r.propertyDependencies ?? {}).map(([k, urns]) => [
                k,
                urns.flatMap(u => (byUrn.has(u) ? [{ urn: u, type: (byUrn.get(u) as HostResource).type }] : [])),
            ]),
        ),
    }));
    return new StackGraph(ruleResources, (_r, fn) => {
        try {
            fn();
        } catch {
            // Reported by the rules.
        }
    });
}

/** The Allow statements of a readable grant (none for one that cannot be read: the rules report it). */
export function allowStatements(g: Grant): Statement[] {
    return g.source.kind === "parsed" && g.source.parsed.ok ? g.source.parsed.document.statements.filter(s => s.effect === "Allow") : [];
}

/** The conditions under which `role`'s trust admits `userArn` (a user's or a role's ARN), or undefined when it does not. */
export function trustFor(role: RuleResource, userArn: string): TrustConditions | undefined {
    const src = readDocument(role, TRUST_PROP);
    if (src.kind !== "parsed" || !src.parsed.ok) {
        return undefined;
    }
    const account = accountOfArn(userArn);
    const admitting = assumeStatements(src.parsed.document).filter(a =>
        a.principals.aws.some(p => p.kind === "any" || p.raw === userArn || (p.kind === "account" && p.account === account)),
    );
    if (admitting.length === 0) {
        return undefined;
    }
    // Several admitting statements are ORed: the weakest one is what the user must meet.
    const weakest = admitting.reduce((a, b) => (b.bindings.size < a.bindings.size ? b : a));
    return conditionsOf(weakest.statement);
}

/** The conditions that bind a statement, as the map shows them. */
export function conditionsOf(s: Statement): TrustConditions {
    const values = (binding: string) => s.conditions.filter(c => clauseBinding(c) === binding).flatMap(c => c.values);
    const mfaAge = s.conditions.find(c => c.key.toLowerCase() === "aws:multifactorauthage" && parseOperator(c.operator).base === "numericlessthan");
    const known = new Set(["sourceIp", "externalId", "mfa"]);
    return {
        sourceCidrs: values("sourceIp"),
        externalIds: values("externalId"),
        mfa: values("mfa").length > 0,
        mfaMaxAgeSeconds: mfaAge?.values[0],
        other: s.conditions.filter(c => {
            const b = clauseBinding(c);
            return b !== undefined && !known.has(b);
        }).map(c => `${c.operator} ${c.key} ${c.values.join(", ")}`),
    };
}

function reachOf(statements: readonly Statement[]): Reach[] {
    const byResource = new Map<string, Set<string>>();
    for (const s of statements) {
        if (s.actions.negated || !s.resources || s.resources.negated) {
            const key = s.resources?.negated ? `all but ${s.resources.patterns.join(", ")}` : "*";
            s.actions.patterns.forEach(a => add(byResource, key, s.actions.negated ? `all but ${a}` : a));
            continue;
        }
        for (const r of s.resources.patterns) {
            s.actions.patterns.forEach(a => add(byResource, r, a));
        }
    }
    return [...byResource].map(([resource, actions]) => ({ kind: kindOf(resource), resource, actions: [...actions] }));
}

function add<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
    const set = map.get(key) ?? new Set<V>();
    set.add(value);
    map.set(key, set);
}

/** What a resource pattern names, for the map. */
export function kindOf(resource: string): Reach["kind"] {
    if (resource === "*") {
        return "everything";
    }
    if (/^arn:[^:]+:dynamodb:[^:]*:[^:]*:table\/[^/]+\/index\//.test(resource)) {
        return "index";
    }
    if (/^arn:[^:]+:dynamodb:[^:]*:[^:]*:table\/[^/]+\/stream\//.test(resource)) {
        return "stream";
    }
    if (/^arn:[^:]+:dynamodb:[^:]*:[^:]*:table\//.test(resource)) {
        return "table";
    }
    if (/^arn:[^:]+:s3:::[^/]+$/.test(resource)) {
        return "bucket";
    }
    if (/^arn:[^:]+:s3:::[^/]+\//.test(resource)) {
        return "objects";
    }
    return "resource";
}

/** A principal's ARN: its `arn` output when known, else built from its name and path. */
export function arnOf(r: RuleResource, kind: "user" | "role"): string {
    const arn = readProp(r.props, "arn");
    if (arn.known && typeof arn.value === "string" && arn.value.startsWith("arn:")) {
        return arn.value;
    }
    const name = readProp(r.props, "name");
    return `${kind}/${name.known && typeof name.value === "string" ? name.value : r.name}`;
}

/**
 * Things with ARNs, found by IAM resource pattern (`*` and `?` wildcards, case-sensitive, whole
 * string). A pattern without wildcards is looked up, so that a stack's users × roles costs no more
 * than its patterns; a thing whose ARN is unknown (`role/<name>`, see {@link arnOf}) matches any
 * pattern ending in `:role/<name>`.
 */
export class ArnIndex<T extends { readonly arn: string }> {
    private readonly exact = new Map<string, Set<number>>();
    /** Things without an ARN, by `:<their identifier>`. */
    private readonly suffix = new Map<string, Set<number>>();
    private readonly compiled = new Map<string, RegExp>();

    public constructor(private readonly items: readonly T[]) {
        items.forEach((item, i) => {
            add(this.exact, item.arn, i);
            if (!item.arn.startsWith("arn:")) {
                add(this.suffix, `:${item.arn}`, i);
            }
        });
    }

    /** The things any of `patterns` matches, in their order. */
    public matching(patterns: readonly string[]): T[] {
        const hits = new Set<number>();
        for (const p of patterns) {
            if (p.includes("*") || p.includes("?")) {
                const re = this.regex(p);
                this.items.forEach((item, i) => re.test(item.arn) && hits.add(i));
                continue;
            }
            this.exact.get(p)?.forEach(i => hits.add(i));
            for (let at = p.indexOf(":"); at >= 0; at = p.indexOf(":", at + 1)) {
                this.suffix.get(p.slice(at))?.forEach(i => hits.add(i));
            }
        }
        return [...hits].sort((a, b) => a - b).map(i => this.items[i]);
    }

    private regex(pattern: string): RegExp {
        let re = this.compiled.get(pattern);
        if (!re) {
            re = new RegExp(`^${globToRegex(pattern, ".*")}$`);
            this.compiled.set(pattern, re);
        }
        return re;
    }
}

