/**
 * The principals and customer policies of a stack, indexed by URN, name and ARN, and the resolution
 * of reference properties (`user`, `groups`, `policyArn`, …) to them. A reference is followed through
 * its value (a name, an ARN or a resource reference) and through the resource's
 * `propertyDependencies`, so that a value unknown during preview still resolves when it comes from a
 * resource of the expected type.
 */
import { classifyArn, parseArn } from "./arn";
import { isAwsManagedArn } from "./managed";
import { CUSTOMER_POLICY_TYPE, PRINCIPAL_TYPES, PrincipalKind } from "./model/resourceTypes";
import { RuleResource } from "./rule";
import { UnknownValueErrorLike } from "./runtime";
import { readProp, referenceStrings } from "./values";

export type { PrincipalKind };

/** A principal, defined in the stack (`resource`) or only referred to by name. */
export interface PrincipalNode {
    readonly kind: PrincipalKind;
    readonly name: string;
    readonly resource?: RuleResource;
}

/** A customer managed policy defined in the stack. */
export interface PolicyNode {
    readonly name: string;
    readonly resource: RuleResource;
}

/** Where an attached policy ARN leads. */
export type PolicyTarget =
    | { readonly kind: "managed"; readonly arn: string }
    | { readonly kind: "customer"; readonly policy: PolicyNode }
    | { readonly kind: "external"; readonly arn: string };

/** Pulumi types of the principals and of customer policies (from the resource model). */
const TYPES: Readonly<Record<PrincipalKind | "policy", string>> = { ...PRINCIPAL_TYPES, policy: CUSTOMER_POLICY_TYPE };

const KIND_OF_TYPE = new Map<string, PrincipalKind | "policy">((Object.keys(TYPES) as (PrincipalKind | "policy")[]).map(k => [TYPES[k], k]));

/** The name an IAM ARN of `kind` gives (its last path segment), or undefined for any other string. */
function iamName(value: string, kind: PrincipalKind | "policy"): string | undefined {
    const a = parseArn(value);
    const k = a ? classifyArn(a) : undefined;
    const ok = kind === "role" ? k === "iam-role" || k === "iam-service-linked-role" : kind === "policy" ? k === "iam-policy" : k === `iam-${kind}`;
    return a && ok ? a.name : undefined;
}

/** The stack's principals and policies. Build with {@link Nodes.add} for every resource first. */
export class Nodes {
    private readonly byKey = new Map<string, PrincipalNode>();
    private readonly byUrn = new Map<string, PrincipalNode | PolicyNode>();
    private readonly policiesByKey = new Map<string, PolicyNode>();

    /** Indexes a resource if it is a user, group, role or customer policy. */
    public add(r: RuleResource): void {
        const kind = KIND_OF_TYPE.get(r.type);
        if (!kind) {
            return;
        }
        const read = readProp(r.props, "name");
        const name = read.known && typeof read.value === "string" && read.value !== "" ? read.value : r.name;
        if (kind === "policy") {
            const node: PolicyNode = { name, resource: r };
            this.byUrn.set(r.urn, node);
            this.policiesByKey.set(`name:${name.toLowerCase()}`, node);
            const arn = readProp(r.props, "arn");
            if (arn.known && typeof arn.value === "string") {
                this.policiesByKey.set(`arn:${arn.value.toLowerCase()}`, node);
            }
            return;
        }
        const node: PrincipalNode = { kind, name, resource: r };
        this.byUrn.set(r.urn, node);
        this.byKey.set(`${kind}:${name.toLowerCase()}`, node);
    }

    /** The principal a stack resource defines. */
    public ofResource(r: RuleResource): PrincipalNode | undefined {
        const n = this.byUrn.get(r.urn);
        return n && "kind" in n ? n : undefined;
    }

    /** Every principal of a kind, stack-defined first, in the order met. */
    public principals(kind: PrincipalKind): PrincipalNode[] {
        return [...this.byKey.values()].filter(n => n.kind === kind);
    }

    /** The principal of a kind with this name (IAM names are case-insensitive), created if absent. */
    public principal(kind: PrincipalKind, name: string): PrincipalNode {
        const key = `${kind}:${name.toLowerCase()}`;
        let node = this.byKey.get(key);
        if (!node) {
            node = { kind, name };
            this.byKey.set(key, node);
        }
        return node;
    }

    /**
     * The principals a reference property names. `error` is set when the value is unknown and its
     * dependencies do not all lead to principals of the kind.
     */
    public resolve(r: RuleResource, field: string, kind: PrincipalKind): { nodes: PrincipalNode[]; error?: UnknownValueErrorLike } {
        const nodes = new Set<PrincipalNode>();
        const deps = r.propertyDependencies?.[field] ?? [];
        for (const d of deps) {
            const n = this.byUrn.get(d.urn);
            if (n && "kind" in n && n.kind === kind) {
                nodes.add(n);
            }
        }
        const read = readProp(r.props, field);
        if (!read.known) {
            const complete = deps.length > 0 && deps.every(d => d.type === TYPES[kind]);
            return complete ? { nodes: [...nodes] } : { nodes: [...nodes], error: read.error };
        }
        const refs = referenceStrings(read.value);
        for (const urn of refs.urns) {
            const n = this.byUrn.get(urn);
            if (n && "kind" in n && n.kind === kind) {
                nodes.add(n);
            }
        }
        for (const v of refs.values) {
            nodes.add(this.principal(kind, iamName(v, kind) ?? v));
        }
        return { nodes: [...nodes] };
    }

    /** Where the policy ARNs in a property lead (`policyArn` or `policyArns`). */
    public resolvePolicies(r: RuleResource, field: string): { targets: PolicyTarget[]; error?: UnknownValueErrorLike } {
        const targets: PolicyTarget[] = [];
        const seen = new Set<PolicyNode>();
        const customer = (p: PolicyNode) => {
            if (!seen.has(p)) {
                seen.add(p);
                targets.push({ kind: "customer", policy: p });
            }
        };
        const deps = r.propertyDependencies?.[field] ?? [];
        for (const d of deps) {
            const n = this.byUrn.get(d.urn);
            if (n && !("kind" in n)) {
                customer(n);
            }
        }
        const read = readProp(r.props, field);
        if (!read.known) {
            const complete = deps.length > 0 && deps.every(d => d.type === TYPES.policy);
            return complete ? { targets } : { targets, error: read.error };
        }
        for (const arn of referenceStrings(read.value).values) {
            if (isAwsManagedArn(arn)) {
                targets.push({ kind: "managed", arn });
                continue;
            }
            const name = iamName(arn, "policy");
            const p = this.policiesByKey.get(`arn:${arn.toLowerCase()}`) ?? (name !== undefined ? this.policiesByKey.get(`name:${name.toLowerCase()}`) : undefined);
            if (p) {
                customer(p);
            } else {
                targets.push({ kind: "external", arn });
            }
        }
        return { targets };
    }
}
