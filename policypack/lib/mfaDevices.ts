/**
 * MFA-device management on a user's own identity: the actions that add or remove an MFA device, and
 * whether a statement allows them on the user itself. One table, read by the rule
 * iam-user-no-mfa-self-management and by iam-user-assume-only (which never accepts them through
 * `allowedActions`).
 *
 * Why: IAM lets a user hold up to 8 MFA devices (IAM User Guide, "AWS Multi-factor authentication in
 * IAM"), and a request signed with any of them carries `aws:MultiFactorAuthPresent`. A leaked key
 * allowed to create and enable a virtual MFA device on its own user enrols the attacker's device and
 * then satisfies every MFA condition; one allowed to deactivate or delete devices removes the
 * owner's. Resource types from the Service Authorization Reference (service `iam`):
 * `EnableMFADevice` and `DeactivateMFADevice` act on the `user`, `CreateVirtualMFADevice` and
 * `DeleteVirtualMFADevice` on the `mfa` device. `ResyncMFADevice` is left out on purpose: it needs
 * two consecutive codes from the device itself, so it gives a key without the device nothing.
 */
import { reaches as actionReaches } from "./actions";
import { globMayStartWith, parseArn, stringLike } from "./arn";
import { Statement, statementLabel } from "./document";
import { certainlyMatches, mayMatch } from "./escalation";

/** The actions, by the resource they act on: the user, or an MFA device (whose name the caller chooses). */
export const MFA_DEVICE_ACTIONS = {
    user: ["iam:EnableMFADevice", "iam:DeactivateMFADevice"],
    mfa: ["iam:CreateVirtualMFADevice", "iam:DeleteVirtualMFADevice"],
} as const;

/** Every MFA-device management action, in the order messages list them. */
export const ALL_MFA_DEVICE_ACTIONS: readonly string[] = [MFA_DEVICE_ACTIONS.mfa[0], MFA_DEVICE_ACTIONS.user[0], MFA_DEVICE_ACTIONS.user[1], MFA_DEVICE_ACTIONS.mfa[1]];

/** The user a statement is judged for: its name, path and account (`*` when not known). */
export interface OwnIdentity {
    readonly name: string;
    readonly path: string;
    readonly account: string;
}

/** True when an Action pattern (as `allowedActions` lists them) names an MFA-device management action. */
export function isMfaDeviceAction(pattern: string): boolean {
    return ALL_MFA_DEVICE_ACTIONS.some(a => actionReaches({ negated: false, patterns: [pattern] }, a));
}

/**
 * What each Allow statement lets the user do to its own MFA devices, one line per statement
 * (`statement 2 allows iam:EnableMFADevice on "arn:aws:iam::*:user/${aws:username}"`). Conditions
 * are not credited: the pack may over-report, never miss.
 */
export function mfaSelfManagement(statements: readonly Statement[], own: OwnIdentity): string[] {
    const user = `arn:*:iam::${own.account}:user${own.path}${own.name}`;
    // `${aws:username}` is the user's own name (IAM fills it in from the caller); any other variable may be anything.
    const fill = (p: string) => p.replace(/\$\{aws:username\}/gi, own.name).replace(/\$\{[^}]*\}/g, "*");
    return management(statements, {
        user: r => reaches(r, fill, p => mayMatch(p, user), p => certainlyMatches(p, user)),
        device: r => reaches(r, fill, p => mayName(p, own.account, "mfa/"), () => false),
    });
}

/**
 * What each Allow statement of a role's policies lets its session do to any user's MFA devices (a
 * role session has no `aws:username`: every variable may be anything), one line per statement.
 */
export function mfaManagementOfUsers(statements: readonly Statement[], account: string): string[] {
    const fill = (p: string) => p.replace(/\$\{[^}]*\}/g, "*");
    return management(statements, {
        user: r => reaches(r, fill, p => mayName(p, account, "user/"), () => false),
        device: r => reaches(r, fill, p => mayName(p, account, "mfa/"), () => false),
    });
}

type Resources = Statement["resources"];

function management(statements: readonly Statement[], targets: { readonly user: (r: Resources) => boolean; readonly device: (r: Resources) => boolean }): string[] {
    const out: string[] = [];
    for (const s of statements.filter(x => x.effect === "Allow")) {
        const found: string[] = [...(targets.user(s.resources) ? MFA_DEVICE_ACTIONS.user : []), ...(targets.device(s.resources) ? MFA_DEVICE_ACTIONS.mfa : [])].filter(a =>
            actionReaches(s.actions, a),
        );
        if (found.length > 0) {
            const resources = !s.resources ? "no Resource" : `${s.resources.negated ? "NotResource " : ""}${s.resources.patterns.map(p => JSON.stringify(p)).join(", ")}`;
            out.push(`${statementLabel(s)} allows ${ALL_MFA_DEVICE_ACTIONS.filter(a => found.includes(a)).join(", ")} on ${resources}`);
        }
    }
    return out;
}

/** True when resources may include the target: a pattern that may match it, or a NotResource that does not certainly exclude it. */
function reaches(r: Resources, fill: (pattern: string) => string, may: (pattern: string) => boolean, certainly: (pattern: string) => boolean): boolean {
    if (!r) {
        return true;
    }
    const patterns = r.patterns.map(fill);
    return r.negated ? !patterns.some(certainly) : patterns.some(may);
}

/** True when a pattern may name an IAM resource of `kind` (`user/`, `mfa/`) of the account, of any name. */
function mayName(pattern: string, account: string, kind: string): boolean {
    if (pattern === "*") {
        return true;
    }
    const p = parseArn(pattern);
    if (!p) {
        return /[*?]/.test(pattern);
    }
    return stringLike(p.service, "iam", true) && (account === "*" || stringLike(p.account, account)) && globMayStartWith(p.resource, kind);
}
