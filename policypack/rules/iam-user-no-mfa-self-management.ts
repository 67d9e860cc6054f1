/**
 * iam-user-no-mfa-self-management: no IAM user may manage its own MFA devices. A user's Allow
 * statements, on every identity path (its inline and attached policies, its groups'), grant none of
 * `iam:CreateVirtualMFADevice`, `iam:EnableMFADevice`, `iam:DeactivateMFADevice`,
 * `iam:DeleteVirtualMFADevice` on its own identity: its user ARN (written out, with
 * `${aws:username}`, or matched by a wildcard) or any MFA device of its account (lib/mfaDevices.ts).
 * A leaked key that may enrol a device on its own user enrols the attacker's, and every MFA
 * condition (the operator's admin role included) is then met. The same holds one hop away: a role a
 * user can assume without MFA (lib/assumable.ts) may not manage users' MFA devices. An administrator
 * enrols the device instead, once (README: operator MFA enrolment), or through an MfaEnrolmentRole,
 * which itself requires MFA and the operator's network.
 */
import { accountFacts } from "../lib/account";
import { assumableLabel, userAdmissions } from "../lib/assumable";
import { statementLabel } from "../lib/document";
import { StackGraph } from "../lib/graph";
import { mfaManagementOfUsers, mfaSelfManagement, OwnIdentity } from "../lib/mfaDevices";
import { PrincipalNode } from "../lib/nodes";
import { defineRule, Judge, RuleResource } from "../lib/rule";
import { assumeStatements, ROLE_TYPE, trustDocument } from "../lib/trust";
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

/** The statements of a role's trust that admit users (by ARN, account, `*` or an unclassified principal) without requiring MFA. */
function withoutMfa(role: RuleResource, judge: Judge): string[] {
    const trust = trustDocument(role, judge);
    if (!trust?.ok) {
        return ["its trust policy cannot be read"];
    }
    return assumeStatements(trust.document)
        .filter(a => !a.bindings.has("mfa") && (a.principals.anyone || a.principals.aws.some(p => p.kind === "user" || p.kind === "account" || p.kind === "any" || p.kind === "other")))
        .map(a => `${statementLabel(a.statement)} requires no MFA`);
}

/**
 * Reports a role whose policies manage users' MFA devices when users reach it without MFA. Its trust
 * is read only then: a role that manages no MFA device is no concern of this rule, whatever its trust.
 */
function checkRole(node: PrincipalNode, graph: StackGraph, judge: Judge): void {
    const role = node.resource;
    if (!role || role.type !== ROLE_TYPE) {
        return;
    }
    const account = accountFacts(role, NO_CONFIG).account ?? "*";
    const grants = graph.grantsOf(node);
    const found = grants.flatMap(g => (g.source.kind === "parsed" && g.source.parsed.ok ? mfaManagementOfUsers(g.source.parsed.document.statements, account).map(f => `${f} of ${g.via}`) : []));
    if (found.length === 0) {
        return;
    }
    const admitted = userAdmissions(role);
    if ("error" in admitted) {
        judge.unknown(role, admitted.error);
        return;
    }
    const gaps = admitted.admits.length > 0 ? withoutMfa(role, judge) : [];
    if (gaps.length > 0) {
        judge.report({
            urn: role.urn,
            subjects: grants.map(g => ({ urn: g.holder.urn, name: g.holder.name })),
            what: `${assumableLabel({ node, resource: role, admits: admitted.admits })} with no MFA (${gaps.join("; ")}), may manage users' MFA devices: ${found.join("; ")}`,
            why: "A leaked key that reaches the role enrols the attacker's MFA device on its own user, and then meets every MFA condition",
            fix: 'require MFA in every statement of the role\'s trust (Bool aws:MultiFactorAuthPresent "true", as MfaEnrolmentRole does), or remove MFA-device management from the role',
        });
    }
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
        "One hop away, a role a user can assume without MFA in its trust may not manage any user's MFA devices (an enrolment role requires MFA, as `MfaEnrolmentRole` does). " +
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
        graph.nodes.principals("role").forEach(node => judge.each(node.resource, () => checkRole(node, graph, judge)));
    },
});
