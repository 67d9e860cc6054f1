/**
 * IAM's size quotas as the components check them, before anything is registered: the numbers and
 * the counting are the policy pack's (policypack/lib/quotas.ts, with their source), so that a
 * document the components build is refused exactly when the pack would report it.
 *
 * A component's ARNs may be outputs (a role's ARN built from the account ID, say) that are not known
 * when its arguments are validated. They are counted then as the shortest ARN of their kind, which
 * gives a lower bound: the arguments are refused at once when even that is over the quota, and the
 * rendered document is checked again, exactly, once the ARNs are known.
 */
import { formatCount, INLINE_POLICY_CHARS, MANAGED_POLICY_CHARS, policyChars, TRUST_POLICY_CHARS } from "../policypack/lib/quotas";
import { InvalidArgumentError } from "./validation";

export { INLINE_POLICY_CHARS, policyChars, TRUST_POLICY_CHARS };

/** The shortest role ARN, standing in for one not known yet. */
export const SHORTEST_ROLE_ARN = "arn:aws:iam::000000000000:role/r";

/** The shortest principal ARN (an account root), standing in for one not known yet. */
export const SHORTEST_PRINCIPAL_ARN = "arn:aws:iam::000000000000:root";

/** What a document's size is checked against, for messages. */
export interface Quota {
    readonly limit: number;
    /** `a user's inline policies`, `a role's trust policy`. */
    readonly of: string;
}

/** A user's inline policies (all of them together: the components give a user one). */
export const USER_INLINE_QUOTA: Quota = { limit: INLINE_POLICY_CHARS.user, of: "a user's inline policies" };

/** A role's inline policies (all of them together). */
export const ROLE_INLINE_QUOTA: Quota = { limit: INLINE_POLICY_CHARS.role, of: "a role's inline policies" };

/** One customer managed policy. */
export const MANAGED_POLICY_QUOTA: Quota = { limit: MANAGED_POLICY_CHARS, of: "a managed policy" };

/** A role's trust policy, under the account's quota (AWS's default unless raised). */
export function trustQuota(limit: number = TRUST_POLICY_CHARS.default): Quota {
    return { limit, of: "a role's trust policy" };
}

/**
 * Refuses a document over its quota: `<label>: <what> would be N characters without white space
 * (<cause>), over IAM's quota of L for <of>, so AWS would refuse it. Fix: <fix>.` With `estimated`,
 * N is a lower bound (ARNs not known yet counted at their shortest) and the message says "at least".
 */
export function checkQuota(label: string, what: string, doc: string, quota: Quota, cause: string, fix: string, estimated = false): void {
    const chars = policyChars(doc);
    if (chars > quota.limit) {
        throw new InvalidArgumentError(
            `${label}: ${what} would be ${estimated ? "at least " : ""}${formatCount(chars)} characters without white space (${cause}), ` +
                `over IAM's quota of ${formatCount(quota.limit)} for ${quota.of}, so AWS would refuse it. Fix: ${fix}.`,
        );
    }
}

/** The fix for a document grown by a list of CIDRs. */
export function fewerCidrsFix(field: string): string {
    return `list fewer, wider ranges in ${field} (merge neighbouring networks into one CIDR); for CI, use an OIDC role instead of IP lists`;
}
