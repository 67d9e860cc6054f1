/**
 * iam-user-assume-only: a user's Allow statements grant only sts:AssumeRole (and sts:TagSession,
 * sts:SetSourceIdentity) on explicit role ARNs, on every path the data rule follows. An explicit ARN
 * is literal: no wildcard and no policy variable (`role/${aws:RequestTag/target}` lets the caller
 * name any role, as IAM fills variables in the Resource from the request). Deny
 * statements are always fine. `allowedActions` lists further actions a team accepts; they match
 * exactly, as written. MFA-device management is never accepted through it (lib/mfaDevices.ts): a
 * key that may enrol a device on its own user meets every MFA condition, so an administrator enrols
 * devices instead (rule iam-user-no-mfa-self-management).
 */
import { OWN_ACCOUNT_SETTINGS, ownAccountConfig } from "../lib/account";
import { hasWildcard, quoteActions, summarise } from "../lib/actions";
import { hasPolicyVariable } from "../lib/conditions";
import { isConcreteRoleArn } from "../lib/arn";
import { PolicyDocument, Statement, statementLabel } from "../lib/document";
import { StackGraph } from "../lib/graph";
import { stringListSetting } from "../lib/config";
import { isMfaDeviceAction } from "../lib/mfaDevices";
import { defineRule } from "../lib/rule";
import { judgeUserPath, LOCAL_USER_PATH_TYPES, localUserPaths, reportUserReferenceProblems, stackUserPaths } from "../lib/userPaths";

const STS_ACTIONS = new Set(["sts:assumerole", "sts:tagsession", "sts:setsourceidentity"]);

const WORDS = {
    what: "is allowed more than assuming named roles",
    why: "Anything beyond sts:AssumeRole on named roles is usable with a leaked key alone, without the role's conditions",
    fix: "reduce the user's Allow statements to sts:AssumeRole on explicit role ARNs (conditions go on the roles' trust)",
};

/** The actions `allowedActions` accepts, and those it lists but never accepts (MFA-device management), lower case. */
export interface AcceptedActions {
    readonly allowed: ReadonlySet<string>;
    readonly refused: ReadonlySet<string>;
}

/** Splits `allowedActions` into what is accepted and what never is. */
export function acceptedActions(listed: readonly string[]): AcceptedActions {
    const lower = listed.map(a => a.toLowerCase());
    return { allowed: new Set(lower.filter(a => !isMfaDeviceAction(a))), refused: new Set(lower.filter(isMfaDeviceAction)) };
}

const NO_EXTRA: AcceptedActions = { allowed: new Set(), refused: new Set() };

/** What each Allow statement of `doc` grants beyond the accepted actions. */
export function assumeOnlyProblems(doc: PolicyDocument, accepted: AcceptedActions = NO_EXTRA, statements?: ReadonlySet<number>): string[] {
    return doc.statements.filter(s => s.effect === "Allow" && (!statements || statements.has(s.index))).flatMap(s => statementProblems(s, accepted));
}

function statementProblems(s: Statement, accepted: AcceptedActions): string[] {
    if (s.actions.negated) {
        return [`${statementLabel(s)} allows ${quoteActions(s.actions)}, that is every other action`];
    }
    const extra = s.actions.patterns.filter(p => !STS_ACTIONS.has(p.toLowerCase()) && !accepted.allowed.has(p.toLowerCase()));
    const sts = s.actions.patterns.filter(p => STS_ACTIONS.has(p.toLowerCase()));
    const out: string[] = [];
    if (extra.length > 0) {
        const refused = extra.filter(p => accepted.refused.has(p.toLowerCase()));
        const note = refused.length > 0 ? ` (allowedActions never accepts MFA-device management: ${summarise(refused.map(p => JSON.stringify(p)))})` : "";
        out.push(`${statementLabel(s)} allows ${summarise(extra.map(p => JSON.stringify(p)))}${note}`);
    }
    if (sts.length > 0) {
        const r = s.resources;
        const bad = !r
            ? ["no Resource"]
            : r.negated
              ? [`NotResource ${JSON.stringify(r.patterns)}`]
              : r.patterns.filter(p => hasWildcard(p) || hasPolicyVariable(p) || !isConcreteRoleArn(p)).map(p => `${JSON.stringify(p)}${hasPolicyVariable(p) ? " (a policy variable, filled in from the caller's request)" : ""}`);
        if (bad.length > 0) {
            out.push(`${statementLabel(s)} allows ${summarise(sts)} on ${summarise(bad)}, not on explicit role ARNs`);
        }
    }
    return out;
}

/** The rule. */
export const iamUserAssumeOnly = defineRule({
    name: "iam-user-assume-only",
    description: "IAM users are allowed only sts:AssumeRole (and sts:TagSession, sts:SetSourceIdentity) on explicit role ARNs, plus any configured allowedActions.",
    enforcementLevel: "mandatory",
    severity: "high",
    details:
        "A user's Allow statements, on every path the data rule follows, grant only `sts:AssumeRole` (and `sts:TagSession`, `sts:SetSourceIdentity`) on explicit role ARNs: literal, with no wildcard and no policy variable (`role/${aws:RequestTag/target}` lets the caller pick the role). " +
        "Deny statements are always fine. `allowedActions` adds exceptions, matched exactly as written; it never accepts MFA-device management (see `iam-user-no-mfa-self-management`).",
    fix: "Reduce users' Allow statements to sts:AssumeRole on explicit role ARNs.",
    related: [
        {
            control: "aws-fsbp:IAM.2",
            whyNot: "IAM.2 fails every user with a policy attached directly, including the assume-only policy this rule accepts; iam-user-permissions-through-groups checks that, and users who get the same policy through a group pass all three.",
        },
        {
            control: "cis-aws:1.15",
            whyNot: "CIS 1.15 asks that users receive permissions only through groups (iam-user-permissions-through-groups checks it); this rule judges what a user's policies allow on every path, not where they are attached.",
        },
    ],
    settings: {
        ...OWN_ACCOUNT_SETTINGS,
        allowedActions: stringListSetting(
            { minLength: 1 },
            "Further actions a user may be allowed on any resource, matched exactly as written (case-insensitive), e.g. iam:GetUser. " +
                "MFA-device management (iam:CreateVirtualMFADevice, iam:EnableMFADevice, iam:DeactivateMFADevice, iam:DeleteVirtualMFADevice, or a wildcard matching one) is never accepted: an administrator enrols MFA devices.",
            [],
        ),
    },
    config: s => ({ accepted: acceptedActions(s.allowedActions), accounts: ownAccountConfig(s) }),
    resource: {
        types: LOCAL_USER_PATH_TYPES,
        check: (r, config, judge) => localUserPaths(r).forEach(p => judgeUserPath(p, judge, (d, st) => assumeOnlyProblems(d, config.accepted, st), WORDS)),
    },
    stack: (resources, config, judge) => {
        const graph = StackGraph.shared(resources, (r, fn) => judge.each(r, fn));
        reportUserReferenceProblems(graph, judge);
        const problems = (d: PolicyDocument, st?: ReadonlySet<number>) => assumeOnlyProblems(d, config.accepted, st);
        stackUserPaths(graph, config.accounts).forEach(p => judge.each(p.holder, () => judgeUserPath(p, judge, problems, WORDS)));
    },
});
