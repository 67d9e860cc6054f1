/**
 * Who can reach what: for each IAM user, what its own policies, its groups' and the resource
 * policies that admit it reach directly (with the user's key alone: what `iam-user-no-direct-data-access`
 * and `iam-user-assume-only` object to), and the roles it may assume (its Allow on sts:AssumeRole
 * meets the role's trust), under which trust conditions, and what each role's policies reach.
 */
import { HostResource } from "../policypack/host";
import { reaches } from "../policypack/lib/actions";
import { clauseBinding, parseOperator } from "../policypack/lib/conditions";
import { Statement } from "../policypack/lib/document";
import { DocSource, Grant, readDocument, StackGraph } from "../policypack/lib/graph";
import { RuleResource } from "../policypack/lib/rule";
import { accountOfArn } from "../policypack/lib/arn";
import { TRUST_PROP } from "../policypack/lib/model/resourceTypes";
import { assumeStatements } from "../policypack/lib/trust";
import { stackUserPaths } from "../policypack/lib/userPaths";
import { readProp } from "../policypack/lib/values";
import { ArnIndex, reachOf } from "./accessReach";

/** The access map of a stack. */
export interface AccessMap {
    readonly users: readonly UserAccess[];
}

/** One IAM user: what it reaches directly, and the roles it can assume. */
export interface UserAccess {
    readonly name: string;
    /** What the user's key reaches without a role: each path's Allow statements, `sts:AssumeRole` and its session actions left out. */
    readonly direct: readonly DirectAccess[];
    readonly roles: readonly RoleAccess[];
}

/** What one path (an inline policy, an attachment, a group's policy, a resource policy) lets the user reach directly. */
export interface DirectAccess {
    /** The path, as the rules name it: `inline UserPolicy 'x'`, `resource policy BucketPolicy 'y'`. */
    readonly via: string;
    readonly reaches: readonly Reach[];
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
    // Resource policies and grants that admit a user, as the user rules read them (no own-account facts: `*` admits the stack's users).
    const policyHolders = new Set(graph.resourcePolicies.map(rp => rp.holder));
    const policyPaths = stackUserPaths(graph, { ownAccounts: [], ownOrganizationIds: [] }).filter(p => policyHolders.has(p.holder));
    const users: UserAccess[] = [];
    for (const user of graph.nodes.principals("user")) {
        if (!user.resource) {
            continue;
        }
        const userArn = arnOf(user.resource, "user");
        const grants = [...graph.grantsOf(user), ...graph.groupsOf(user).flatMap(m => graph.grantsOf(m.group).map(g => ({ ...g, via: `${g.via}, of group '${m.group.name}'` })))];
        const statements = grants.flatMap(allowStatements);
        const assumable = statements.filter(s => reaches(s.actions, "sts:AssumeRole"));
        const reachable = roleIndex.matching(assumable.flatMap(s => (s.resources && !s.resources.negated ? s.resources.patterns : [])));
        const admitting = policyPaths.filter(p => p.user === user.name).map(p => ({ via: p.via, source: p.source, statements: p.statements }));
        const direct = [...grants, ...admitting].flatMap(g => {
            const reach = reachOf(allowStatements(g).flatMap(withoutAssume));
            return reach.length > 0 ? [{ via: g.via, reaches: reach }] : [];
        });
        users.push({
            name: user.name,
            direct,
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

/** The Allow statements of a readable grant (only the statements it names, when it names some; none for one that cannot be read: the rules report it). */
export function allowStatements(g: Pick<Grant, "source"> & { readonly statements?: ReadonlySet<number> }): Statement[] {
    const src: DocSource = g.source;
    return src.kind === "parsed" && src.parsed.ok ? src.parsed.document.statements.filter(s => s.effect === "Allow" && (!g.statements || g.statements.has(s.index))) : [];
}

const ASSUME_ACTIONS = new Set(["sts:assumerole", "sts:tagsession", "sts:setsourceidentity"]);

/** A statement with its role-assumption actions left out (none left: nothing). */
function withoutAssume(s: Statement): Statement[] {
    if (s.actions.negated) {
        return [s];
    }
    const patterns = s.actions.patterns.filter(p => !ASSUME_ACTIONS.has(p.toLowerCase()));
    return patterns.length === 0 ? [] : [{ ...s, actions: { ...s.actions, patterns } }];
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

/** Conditions in words, joined by `; `: `from 198.51.100.0/24; external ID acme-1; MFA (≤ 3600 s old)` (empty for none). */
export function conditionsText(c: TrustConditions): string {
    const parts = [
        ...(c.sourceCidrs.length ? [`from ${c.sourceCidrs.join(", ")}`] : []),
        ...(c.externalIds.length ? [`external ID ${c.externalIds.join(" or ")}`] : []),
        ...(c.mfa ? [c.mfaMaxAgeSeconds ? `MFA (≤ ${c.mfaMaxAgeSeconds} s old)` : "MFA"] : []),
        ...c.other,
    ];
    return parts.join("; ");
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

