/**
 * IAM's size and count quotas, and how a document is counted against them: the one place both the
 * pack (rule iam-within-aws-quotas) and the components (their validation, sessionProvider) read them.
 *
 * Source: AWS IAM User Guide, "IAM and AWS STS quotas" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html;
 * also awsdocs/iam-user-guide doc_source/reference_iam-quotas.md, commit 0baff9bb6196e1a3af5a48934bc12e3bad2d75e3):
 * - "IAM and STS character quotas": the inline policies of one entity may total 2,048 characters for
 *   a user, 5,120 for a group and 10,240 for a role; a managed policy may hold 6,144; "IAM does not
 *   count white space when calculating the size of a policy against these quotas";
 * - "Default quotas for IAM entities" (adjustable through Service Quotas): role trust policy length
 *   2,048 characters (maximum quota 4,096); managed policies attached to a role 10 (maximum 20), to a
 *   user 10 (maximum 20);
 * - "Quotas for IAM entities" (not adjustable): managed policies attached to a group 10.
 *
 * Counting: the document as the provider sends it (compact JSON, the form `JSON.stringify` gives a
 * parsed document; the Terraform AWS provider normalises policies the same way), with every white
 * space character removed, inside strings too (AWS's note does not distinguish; policies rarely hold
 * spaces in values, and counting fewer never refuses a document AWS accepts). A document that is not
 * JSON is counted as written, without its white space.
 */

/** The IAM principal kinds whose inline policies share one budget. */
export type QuotaPrincipal = "user" | "group" | "role";

/** Characters (without white space) the inline policies of one entity may total. */
export const INLINE_POLICY_CHARS: Readonly<Record<QuotaPrincipal, number>> = { user: 2048, group: 5120, role: 10240 };

/** Characters (without white space) of one customer managed policy. */
export const MANAGED_POLICY_CHARS = 6144;

/** A role's trust policy: the default quota and the most Service Quotas grants. */
export const TRUST_POLICY_CHARS = { default: 2048, maximum: 4096 } as const;

/** Managed policies attached to one entity: the default quota and the most Service Quotas grants (a group's is fixed). */
export const ATTACHED_POLICIES: Readonly<Record<QuotaPrincipal, { readonly default: number; readonly maximum: number }>> = {
    user: { default: 10, maximum: 20 },
    group: { default: 10, maximum: 10 },
    role: { default: 10, maximum: 20 },
};

const WHITE_SPACE = /[ \t\n\r]/g;

/** The compact JSON of a document given as JSON text or as an object, or undefined when the text is not JSON. */
export function compactPolicy(doc: unknown): string | undefined {
    if (typeof doc === "string") {
        try {
            return JSON.stringify(JSON.parse(doc));
        } catch {
            return undefined;
        }
    }
    return doc !== null && typeof doc === "object" ? JSON.stringify(doc) : undefined;
}

/** The characters a document counts against a quota: its compact JSON (or its text, when not JSON) without white space. */
export function policyChars(doc: unknown): number {
    const text = compactPolicy(doc) ?? (typeof doc === "string" ? doc : String(doc));
    return text.replace(WHITE_SPACE, "").length;
}

/** `2,048`: how messages write counts. */
export function formatCount(n: number): string {
    return n.toLocaleString("en-US");
}
