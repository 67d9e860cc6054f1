/**
 * The stack graph: which documents reach which users, groups and roles, on every path IAM offers:
 * inline policies, attachments of customer or AWS managed policies (`…PolicyAttachment`,
 * `PolicyAttachment`, `…PolicyAttachmentsExclusive`, a role's `managedPolicyArns`), group
 * membership from either side, and resource policies. Built in one pass over the resources (after
 * indexing the principals), so its cost is linear in the stack's size.
 */
import { parsePolicy, ParsedPolicy } from "./document";
import { managedName, managedPolicy } from "./managed";
import { Nodes, PolicyTarget, PrincipalKind, PrincipalNode } from "./nodes";
import { label, RuleResource } from "./rule";
import { currentRunMemo } from "./runMemo";
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
}

/** A value unknown during preview that hides who a path reaches. */
export interface ReferenceProblem {
    readonly resource: RuleResource;
    readonly error: UnknownValueErrorLike;
    readonly about: PrincipalKind;
}

/** A resource policy (bucket, table, queue, secret, key policy). */
export interface ResourcePolicy {
    readonly holder: RuleResource;
    readonly source: DocSource;
}

/** Resource-policy types and the property holding the document. */
export const RESOURCE_POLICY_TYPES: Readonly<Record<string, string>> = {
    "aws:s3/bucketPolicy:BucketPolicy": "policy",
    "aws:s3/bucket:Bucket": "policy",
    "aws:s3/bucketV2:BucketV2": "policy",
    "aws:dynamodb/resourcePolicy:ResourcePolicy": "policy",
    "aws:sqs/queuePolicy:QueuePolicy": "policy",
    "aws:secretsmanager/secretPolicy:SecretPolicy": "policy",
    "aws:kms/key:Key": "policy",
    "aws:kms/keyPolicy:KeyPolicy": "policy",
};

/** Attachment types: which property names the principal(s), and which the policy ARN(s). */
const ATTACHMENTS: Readonly<Record<string, readonly { kind: PrincipalKind; field: string; arns: string }[]>> = {
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": [{ kind: "user", field: "user", arns: "policyArn" }],
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": [{ kind: "user", field: "userName", arns: "policyArns" }],
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": [{ kind: "group", field: "group", arns: "policyArn" }],
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive": [{ kind: "group", field: "groupName", arns: "policyArns" }],
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": [{ kind: "role", field: "role", arns: "policyArn" }],
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": [{ kind: "role", field: "roleName", arns: "policyArns" }],
    "aws:iam/policyAttachment:PolicyAttachment": [
        { kind: "user", field: "users", arns: "policyArn" },
        { kind: "group", field: "groups", arns: "policyArn" },
        { kind: "role", field: "roles", arns: "policyArn" },
    ],
};

/** Inline policy types: which property names the principal. */
const INLINE: Readonly<Record<string, { kind: PrincipalKind; field: string }>> = {
    "aws:iam/userPolicy:UserPolicy": { kind: "user", field: "user" },
    "aws:iam/groupPolicy:GroupPolicy": { kind: "group", field: "group" },
    "aws:iam/rolePolicy:RolePolicy": { kind: "role", field: "role" },
};

/** Reads and parses a document property. */
export function readDocument(r: RuleResource, field: string): DocSource {
    const read = readProp(r.props, field);
    return read.known ? { kind: "parsed", parsed: parsePolicy(read.value) } : { kind: "unknown", error: read.error };
}

/** A role's `inlinePolicies` documents (one unknown entry when the list is unknown). */
export function roleInlineDocuments(r: RuleResource): { via: string; source: DocSource }[] {
    const inline = readProp(r.props, "inlinePolicies");
    if (!inline.known) {
        return [{ via: `inlinePolicies of ${label(r)}`, source: { kind: "unknown", error: inline.error } }];
    }
    const list = Array.isArray(inline.value) ? inline.value : [];
    return list.flatMap((p, i) => {
        const doc = p !== null && typeof p === "object" ? (p as Record<string, unknown>).policy : undefined;
        return doc === undefined || doc === "" ? [] : [{ via: `inlinePolicies[${i}] of ${label(r)}`, source: { kind: "parsed" as const, parsed: parsePolicy(doc) } }];
    });
}

/** The document behind an attached policy ARN. */
export function targetSource(t: PolicyTarget): DocSource {
    if (t.kind === "managed") {
        const parsed = managedPolicy(t.arn);
        return parsed ? { kind: "parsed", parsed } : { kind: "managed-missing", arn: t.arn };
    }
    return t.kind === "customer" ? readDocument(t.policy.resource, "policy") : { kind: "external", arn: t.arn };
}

/** How messages name an attached policy. */
export function targetLabel(t: PolicyTarget): string {
    return t.kind === "managed" ? `AWS managed policy ${managedName(t.arn)}` : t.kind === "customer" ? label(t.policy.resource) : `policy ${t.arn}`;
}

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
     * The graph of `resources` for one rule. In a host run every rule shares one graph (lib/runMemo.ts):
     * the resources that failed to index are reported to each rule's `guard` as if it had built it.
     */
    public static shared(resources: readonly RuleResource[], guard: (r: RuleResource, fn: () => void) => void): StackGraph {
        const memo = currentRunMemo();
        if (!memo) {
            return new StackGraph(resources, guard);
        }
        const built = memo.get("stack-graph", () => {
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

    /** The documents reaching a principal directly (not through groups). */
    public grantsOf(node: PrincipalNode): readonly Grant[] {
        return this.grants.get(node) ?? [];
    }

    /** The groups a user belongs to, and the resource that makes it a member. */
    public groupsOf(user: PrincipalNode): readonly { group: PrincipalNode; via: RuleResource }[] {
        return this.memberships.get(user) ?? [];
    }

    private index(r: RuleResource): void {
        const inline = INLINE[r.type];
        if (inline) {
            const source = readDocument(r, "policy");
            this.link(r, inline.field, inline.kind, { via: `inline ${label(r)}`, holder: r, source, local: inline.kind === "user" });
        }
        for (const a of ATTACHMENTS[r.type] ?? []) {
            this.attach(r, a.kind, a.field, a.arns);
        }
        if (r.type === "aws:iam/role:Role") {
            this.roleOwn(r);
        }
        if (r.type === "aws:iam/groupMembership:GroupMembership") {
            this.member(r, "users", "group");
        } else if (r.type === "aws:iam/userGroupMembership:UserGroupMembership") {
            this.member(r, "user", "groups");
        }
        const field = RESOURCE_POLICY_TYPES[r.type];
        const doc = field ? readProp(r.props, field) : undefined;
        if (doc && (!doc.known || doc.value !== undefined)) {
            this.resourcePolicies.push({ holder: r, source: doc.known ? { kind: "parsed", parsed: parsePolicy(doc.value) } : { kind: "unknown", error: doc.error } });
        }
    }

    private attach(r: RuleResource, kind: PrincipalKind, field: string, arns: string): void {
        const present = readProp(r.props, field);
        if (present.known && (present.value === undefined || (Array.isArray(present.value) && present.value.length === 0))) {
            return;
        }
        const resolved = this.nodes.resolvePolicies(r, arns);
        if (resolved.error) {
            this.problems.push({ resource: r, error: resolved.error, about: kind });
        }
        for (const t of resolved.targets) {
            const local = kind === "user" && t.kind === "managed";
            this.link(r, field, kind, { via: `${targetLabel(t)} attached by ${label(r)}`, holder: r, source: targetSource(t), local });
        }
    }

    private roleOwn(r: RuleResource): void {
        const own = this.nodes.ofResource(r);
        if (!own) {
            return;
        }
        roleInlineDocuments(r).forEach(d => this.add(own, { ...d, holder: r, local: false }));
        const managed = this.nodes.resolvePolicies(r, "managedPolicyArns");
        if (managed.error) {
            this.add(own, { via: `managedPolicyArns of ${label(r)}`, holder: r, source: { kind: "unknown", error: managed.error }, local: false });
        }
        for (const t of managed.targets) {
            this.add(own, { via: `${targetLabel(t)} in managedPolicyArns of ${label(r)}`, holder: r, source: targetSource(t), local: false });
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
