/**
 * iam-user-no-mfa-self-management: no IAM user may manage its own MFA devices. A user's Allow
 * statements, on every identity path (its inline and attached policies, its groups'), grant none of
 * `iam:CreateVirtualMFADevice`, `iam:EnableMFADevice`, `iam:DeactivateMFADevice`,
 * `iam:DeleteVirtualMFADevice` on its own identity: its user ARN (written out, with
 * `${aws:username}`, or matched by a wildcard) or any MFA device of its account (lib/mfaDevices.ts).
 * A leaked key that may enrol a device on its own user enrols the attacker's, and every MFA
 * condition (the operator's admin role included) is then met. An administrator enrols the device
 * instead, once (README: operator MFA enrolment), or through an MfaEnrolmentRole that itself requires
 * MFA and the operator's network.
 */
import { accountFacts } from "../lib/account";
import { StackGraph } from "../lib/graph";
import { mfaSelfManagement, OwnIdentity } from "../lib/mfaDevices";
import { PrincipalNode } from "../lib/nodes";
import { defineRule } from "../lib/rule";
import { readProp } from "../lib/values";
import { identityUserPaths, judgeUserPath, reportUserReferenceProblems } from "../lib/userPaths";

const NO_CONFIG = { ownAccounts: [], ownOrganizationIds: [] };

const WORDS = {
    what: "may manage its own MFA devices",
    why:
        "A leaked access key could enrol the attacker's own MFA device on the user (IAM allows up to 8 per user) and then meet every MFA condition, the operator's admin role included, " +
        "or remove the owner's device",
    fix: "remove MFA-device management from the user's policies, and have an administrator enrol the device (once, or through an MfaEnrolmentRole that requires MFA and the operator's network)",
};

/** The user's name, path and account, as far as the stack says. */
function identityOf(u: PrincipalNode): OwnIdentity {
    const r = u.resource;
    const path = r ? readProp(r.props, "path") : undefined;
    return {
        name: u.name,
        path: path?.known && typeof path.value === "string" && path.value !== "" ? path.value : "/",
        account: (r ? accountFacts(r, NO_CONFIG).account : undefined) ?? "*",
    };
}

/** The rule. */
export const iamUserNoMfaSelfManagement = defineRule({
    name: "iam-user-no-mfa-self-management",
    description: "IAM users cannot create, enable, deactivate or delete MFA devices on their own identity; an administrator enrols them.",
    enforcementLevel: "mandatory",
    severity: "high",
    details:
        "A user's Allow statements, on every identity path (inline and attached policies, its groups'), grant none of `iam:CreateVirtualMFADevice`, `iam:EnableMFADevice`, `iam:DeactivateMFADevice`, `iam:DeleteVirtualMFADevice` " +
        "on its own identity: its user ARN (written out, as `user/${aws:username}`, or matched by a wildcard such as `*`) or any MFA device of its account (`mfa/*`, `mfa/${aws:username}`: whoever creates a device names it). " +
        "Wildcard actions (`iam:*MFADevice`, `iam:*`, `*`) count, conditions are not credited, and `allowedActions` of iam-user-assume-only never accepts these actions. " +
        "IAM lets a user hold up to 8 MFA devices, so a key that may enrol one on itself meets every `aws:MultiFactorAuthPresent` condition; an administrator enrols the device instead.",
    fix: "Remove MFA-device management from users' own policies; an administrator enrols the device (once, or through an MfaEnrolmentRole).",
    config: () => ({}),
    stack: (resources, _config, judge) => {
        const graph = StackGraph.shared(resources, (r, fn) => judge.each(r, fn));
        reportUserReferenceProblems(graph, judge);
        for (const u of graph.nodes.principals("user")) {
            const own = identityOf(u);
            identityUserPaths(graph, u, true).forEach(p => judge.each(p.holder, () => judgeUserPath(p, judge, d => mfaSelfManagement(d.statements, own), WORDS)));
        }
    },
});
