/**
 * The stack graph: which documents reach which users, groups and roles, on every path IAM offers:
 * inline policies, attachments of customer or AWS managed policies (`…PolicyAttachment`,
 * `PolicyAttachment`, `…PolicyAttachmentsExclusive`, a role's `managedPolicyArns`), group
 * membership from either side, and resource policies. Built in one pass over the resources (after
 * indexing the principals), so its cost is linear in the stack's size.
 */
import { parsePolicy, ParsedPolicy } from "./document";
import { grantDocument } from "./grants";
import { managedName, managedPolicy } from "./managed";
import { CUSTOMER_POLICY_TYPE, DocumentField, documentsOf, modelOf, PrincipalRef } from "./model/resourceTypes";
import { Nodes, PolicyTarget, PrincipalKind, PrincipalNode } from "./nodes";
import { label, RuleResource } from "./rule";
import { currentRunMemo, RunMemo } from "./runMemo";
import { UnknownValueErrorLike } from "./runtime";
import { readProp } from "./values";

/** A document as a rule receives it: parsed (or malformed), unknown, or unresolvable. */
export type DocSource =
    | { readonly kind: "parsed"; readonly parsed: ParsedPolicy }
    | { readonly kind: "unknown"; readonly error: UnknownValueErrorLike }
    | { readonly kind: "managed-missing"; readonly arn: string }
    | { readonly kind: "external"; readonly arn: string };

/** A document reaching a principal, and how. */
export interface Grant {
    /** The path, for messages: `inline UserPolicy 'x'`, `AWS managed policy ReadOnlyAccess attached by …`. */
    readonly via: string;
    /** The resource that creates the path (the inline policy, the attachment, the membership). */
    readonly holder: RuleResource;
    readonly source: DocSource;
    /** True when the user rules judge this path per resource (inline user policies, managed ARNs attached to users). */
    readonly local: boolean;
    /** For an inline document, the document as the resource holds it (JSON text or an object), for counting its size. */
    readonly raw?: unknown;
    /** For an attached policy, what identifies it (its ARN, or the stack's policy resource URN): attachments are counted by it. */
    readonly attached?: string;
}

/** A value unknown during preview that hides who a path reaches. */
export interface ReferenceProblem {
    readonly resource: RuleResource;
    readonly error: UnknownValueErrorLike;
    readonly about: PrincipalKind;
}

/** A resource policy (a bucket, table, queue, key or any other row of the resource model), or a grant read as one. */
export interface ResourcePolicy {
    readonly holder: RuleResource;
    readonly source: DocSource;
    /** How messages name it: `resource policy BucketPolicy 'b'`, `grant Grant 'g'`. */
    readonly via: string;
}

/** Reads and parses a document property. */
export function readDocument(r: RuleResource, field: string): DocSource {
    const read = readProp(r.props, field);
    return read.known ? { kind: "parsed", parsed: parsePolicy(read.value) } : { kind: "unknown", error: read.error };
}

/**
 * The documents a field of the resource model holds, with how messages name them: one for a plain
 * property, one per entry for a list (`inlinePolicies[0] of Role 'r'`), the inner one for a nested
 * property. An absent or empty resource policy or list entry holds none; an unknown value is one
 * unknown source.
 */
export function fieldDocuments(r: RuleResource, f: DocumentField): { via: string; source: DocSource; raw?: unknown }[] {
    const read = readProp(r.props, f.prop);
    if (!read.known) {
        return [{ via: `${f.prop} of ${label(r)}`, source: { kind: "unknown", error: read.error } }];
    }
    const inner = (v: unknown, key: string | undefined) => (key === undefined ? v : v !== null && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined);
    const entries = f.each ? (Array.isArray(read.value) ? read.value.map((v, i) => ({ at: `${f.prop}[${i}]`, doc: inner(v, f.each) })) : []) : [{ at: f.prop, doc: inner(read.value, f.nested) }];
    // A resource's policy and a list entry are optional; a principal's own policy document is not, so an empty one is malformed.
    const optional = f.role === "resource" || f.each !== undefined;
    const present = entries.filter(e => !optional || (e.doc !== undefined && e.doc !== null && e.doc !== ""));
    return present.map(e => ({ via: `${e.at} of ${label(r)}`, source: { kind: "parsed" as const, parsed: parsePolicy(e.doc) }, raw: e.doc }));
}

/** A role's `inlinePolicies` documents (one unknown entry when the list is unknown). */
export function roleInlineDocuments(r: RuleResource): { via: string; source: DocSource }[] {
    return (modelOf(r.type)?.documents ?? []).filter(d => d.role === "identity" && d.to && "self" in d.to).flatMap(d => fieldDocuments(r, d));
}

/** Where a customer managed policy holds its document (its row's one identity document). */
const CUSTOMER_DOCUMENT: DocumentField = documentsOf(CUSTOMER_POLICY_TYPE, "identity")[0];

/** The document behind an attached policy ARN. */
export function targetSource(t: PolicyTarget): DocSource {
    if (t.kind === "managed") {
        const parsed = managedPolicy(t.arn);
        return parsed ? { kind: "parsed", parsed } : { kind: "managed-missing", arn: t.arn };
    }
    if (t.kind === "external") {
        return { kind: "external", arn: t.arn };
    }
    return fieldDocuments(t.policy.resource, CUSTOMER_DOCUMENT)[0].source;
}

/** How messages name an attached policy. */
export function targetLabel(t: PolicyTarget): string {
    return t.kind === "managed" ? `AWS managed policy ${managedName(t.arn)}` : t.kind === "customer" ? label(t.policy.resource) : `policy ${t.arn}`;
}

const GRAPH_KEY = "stack-graph";

/** The stack graph. */
export class StackGraph {
    public readonly nodes = new Nodes();
    public readonly problems: ReferenceProblem[] = [];
    public readonly resourcePolicies: ResourcePolicy[] = [];
    private readonly grants = new Map<PrincipalNode, Grant[]>();
    private readonly memberships = new Map<PrincipalNode, { group: PrincipalNode; via: RuleResource }[]>();

    /**
     * Builds the graph. `guard` runs each resource's indexing so that one bad resource is reported
     * (by the rule) without stopping the others.
     */
    public constructor(resources: readonly RuleResource[], guard: (r: RuleResource, fn: () => void) => void) {
        resources.forEach(r => guard(r, () => this.nodes.add(r)));
        resources.forEach(r => guard(r, () => this.index(r)));
    }

    /**
     * The graph of `resources` for one rule. In a host run, and among the stack policies of one
     * `AnalyzeStack` request under the engine, every rule shares one graph (lib/runMemo.ts): the
     * resources that failed to index are reported to each rule's `guard` as if it had built it.
     */
    public static shared(resources: readonly RuleResource[], guard: (r: RuleResource, fn: () => void) => void): StackGraph {
        const memo = currentRunMemo();
        if (!memo) {
            return new StackGraph(resources, guard);
        }
        const built = memo.get(GRAPH_KEY, () => {
            const failures: { r: RuleResource; error: unknown }[] = [];
            const graph = new StackGraph(resources, (r, fn) => {
                try {
                    fn();
                } catch (error) {
                    failures.push({ r, error });
                }
            });
            return { graph, failures };
        });
        built.failures.forEach(f =>
            guard(f.r, () => {
                throw f.error;
            }),
        );
        return built.graph;
    }

    /** The graph the rules of a finished host run built and shared (see {@link shared}), if one did. */
    public static builtIn(memo: RunMemo): StackGraph | undefined {
        return memo.peek<{ graph: StackGraph }>(GRAPH_KEY)?.graph;
    }

    /** The documents reaching a principal directly (not through groups). */
    public grantsOf(node: PrincipalNode): readonly Grant[] {
        return this.grants.get(node) ?? [];
    }

    /** The groups a user belongs to, and the resource that makes it a member. */
    public groupsOf(user: PrincipalNode): readonly { group: PrincipalNode; via: RuleResource }[] {
        return this.memberships.get(user) ?? [];
    }

    private index(r: RuleResource): void {
        const m = modelOf(r.type);
        if (!m) {
            return;
        }
        for (const d of m.documents ?? []) {
            if (d.role === "resource") {
                fieldDocuments(r, d).forEach(x => this.resourcePolicies.push({ holder: r, source: x.source, via: `resource policy ${label(r)}` }));
            } else if (d.role === "identity" && d.to) {
                const to = d.to;
                fieldDocuments(r, d).forEach(x =>
                    this.toPrincipal(r, to, { via: "self" in to ? x.via : `inline ${label(r)}`, holder: r, source: x.source, local: to.kind === "user", raw: x.raw }),
                );
            }
        }
        for (const a of m.attachments ?? []) {
            this.attach(r, a.to, a.arns);
        }
        if (m.membership) {
            this.member(r, m.membership.users, m.membership.groups);
        }
        const grant = m.grant ? grantDocument(r, m.grant) : undefined;
        if (grant) {
            this.resourcePolicies.push({ holder: r, source: grant, via: `grant ${label(r)}` });
        }
    }

    /** Links a grant to the principal a reference names, or to the resource itself. */
    private toPrincipal(r: RuleResource, to: PrincipalRef, grant: Grant): void {
        if ("self" in to) {
            const own = this.nodes.ofResource(r);
            if (own) {
                this.add(own, { ...grant, local: false });
            }
            return;
        }
        this.link(r, to.prop, to.kind, grant);
    }

    private attach(r: RuleResource, to: PrincipalRef, arns: string): void {
        if ("prop" in to) {
            const present = readProp(r.props, to.prop);
            if (present.known && (present.value === undefined || (Array.isArray(present.value) && present.value.length === 0))) {
                return;
            }
        }
        const resolved = this.nodes.resolvePolicies(r, arns);
        const where = "self" in to ? `in ${arns} of` : "attached by";
        if (resolved.error) {
            if ("self" in to) {
                this.toPrincipal(r, to, { via: `${arns} of ${label(r)}`, holder: r, source: { kind: "unknown", error: resolved.error }, local: false });
            } else {
                this.problems.push({ resource: r, error: resolved.error, about: to.kind });
            }
        }
        for (const t of resolved.targets) {
            const local = to.kind === "user" && t.kind === "managed";
            const attached = t.kind === "customer" ? t.policy.resource.urn : t.arn;
            this.toPrincipal(r, to, { via: `${targetLabel(t)} ${where} ${label(r)}`, holder: r, source: targetSource(t), local, attached });
        }
    }

    private member(r: RuleResource, usersField: string, groupsField: string): void {
        const users = this.nodes.resolve(r, usersField, "user");
        const groups = this.nodes.resolve(r, groupsField, "group");
        for (const e of [users.error, groups.error]) {
            if (e) {
                this.problems.push({ resource: r, error: e, about: "user" });
            }
        }
        for (const u of users.nodes) {
            const list = this.memberships.get(u) ?? [];
            groups.nodes.forEach(group => list.push({ group, via: r }));
            this.memberships.set(u, list);
        }
    }

    private link(r: RuleResource, field: string, kind: PrincipalKind, grant: Grant): void {
        const resolved = this.nodes.resolve(r, field, kind);
        if (resolved.error && !grant.local) {
            this.problems.push({ resource: r, error: resolved.error, about: kind });
        }
        resolved.nodes.forEach(n => this.add(n, grant));
    }

    private add(node: PrincipalNode, grant: Grant): void {
        const list = this.grants.get(node) ?? [];
        list.push(grant);
        this.grants.set(node, list);
    }
}
