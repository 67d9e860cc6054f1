/**
 * Same provider, same account: a fact that holds before anything exists. Resources deployed through
 * one provider (the same provider reference, or both through the stack's default provider, whose
 * configuration is the stack's) land in one account, whatever that account is. So a trust principal
 * that *is* a user or role of the stack, deployed through the role's provider, is in the role's
 * account, even in a first preview, when neither has an ARN and no setting names the account.
 *
 * A principal ARN is that stack resource when it names a user (or role) of the stack by kind, path
 * and name, and either equals the resource's own ARN, or the trust document was built from that
 * resource (the role's `propertyDependencies` for its trust name it). The rule uses this fact only
 * when no other fact names any account: where one does, the principal's account must be one of
 * those, whatever its name. What remains taken on trust: in a first preview, before the user has an
 * ARN and with no fact naming an account, a program that writes another account's number into an
 * ARN it builds from the stack user's name. Set ownAccounts, or the provider's allowedAccountIds (as
 * this repository's stacks do), and the number is checked.
 */
import { parseArn } from "./arn";
import { PRINCIPAL_TYPES, TRUST_PROP } from "./model/resourceTypes";
import { AwsPrincipal } from "./principals";
import { RuleResource } from "./rule";
import { readProp } from "./values";

/** True when both resources are deployed through one provider (the same reference, or both the default provider). */
export function sameProvider(a: RuleResource, b: RuleResource): boolean {
    return isDefault(a) && isDefault(b) ? true : a.provider !== undefined && b.provider !== undefined && a.provider.urn === b.provider.urn;
}

/** A resource without a provider, or with one the engine made from the stack's config (`default`, `default_7_10_0`). */
function isDefault(r: RuleResource): boolean {
    return r.provider === undefined || /^default(_[\d_]+)?$/.test(r.provider.name);
}

/** The stack's users and roles by kind and lower-cased IAM name. */
export class StackPrincipals {
    private readonly byName = new Map<string, RuleResource[]>();

    public constructor(resources: readonly RuleResource[]) {
        for (const r of resources) {
            const kind = r.type === PRINCIPAL_TYPES.user ? "user" : r.type === PRINCIPAL_TYPES.role ? "role" : undefined;
            if (kind) {
                const key = `${kind}:${(text(r, "name") ?? r.name).toLowerCase()}`;
                this.byName.set(key, [...(this.byName.get(key) ?? []), r]);
            }
        }
    }

    /** True when `p`, admitted by `role`'s trust, is a user or role of the stack in the role's account (see the module's description). */
    public inRoleAccount(role: RuleResource, p: AwsPrincipal): boolean {
        if ((p.kind !== "user" && p.kind !== "role") || p.name === undefined) {
            return false;
        }
        const path = parseArn(p.raw)?.path ?? "/";
        const deps = new Set((role.propertyDependencies?.[TRUST_PROP] ?? []).map(d => d.urn));
        return (this.byName.get(`${p.kind}:${p.name.toLowerCase()}`) ?? []).some(s => {
            const arn = text(s, "arn");
            const named = arn !== undefined ? arn === p.raw : deps.has(s.urn) && (text(s, "path") ?? "/") === path;
            return named && sameProvider(role, s);
        });
    }
}

function text(r: RuleResource, key: string): string | undefined {
    const read = readProp(r.props, key);
    return read.known && typeof read.value === "string" && read.value !== "" ? read.value : undefined;
}
