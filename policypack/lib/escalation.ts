/**
 * Self-escalation: the ways a role can give itself more than it was granted, so that a leaked key
 * that reaches the role reaches everything. One row per way, with its source:
 * - Rhino Security Labs, "AWS IAM Privilege Escalation Methods"
 *   (github.com/RhinoSecurityLabs/AWS-IAM-Privilege-Escalation, README at commit 2b04fa1a, methods
 *   numbered as there; rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/);
 * - AWS IAM User Guide, "Permissions boundaries for IAM entities": a boundary caps a role, so
 *   replacing or deleting the role's own boundary lifts the cap.
 * A row is judged on the resources it acts on: the role itself (its ARN, `*`, or any pattern that
 * matches it), a customer managed policy attached to the role, or, for `iam:PassRole`, any other
 * role (a wildcard), together with an action that hands the passed role to compute the caller
 * controls. Rhino's methods that act on other principals only (another user's access key or login
 * profile, other users' and groups' policies) are lateral, not self-escalation, and not rows here.
 * Deny statements, conditions and permissions boundaries are not credited: the pack may over-report.
 */
import { quoteActions, reaches, summarise } from "./actions";
import { globMayStartWith, parseArn, stringLike } from "./arn";
import { Statement, statementLabel } from "./document";

/** What a row's actions must reach. */
export type EscalationTarget = "self" | "attached-policy" | "other-roles";

/** One way to self-escalate. */
export interface EscalationWay {
    readonly actions: readonly string[];
    readonly target: EscalationTarget;
    /** For `other-roles`: one of these must be allowed as well, on any resource. */
    readonly with?: readonly string[];
    /** What the role can then do, for messages. */
    readonly how: string;
    readonly source: string;
}

/** The ways, in the order messages list them. */
export const SELF_ESCALATION: readonly EscalationWay[] = [
    { actions: ["iam:PutRolePolicy"], target: "self", how: "write itself an inline policy granting anything", source: "Rhino #12" },
    { actions: ["iam:AttachRolePolicy"], target: "self", how: "attach AdministratorAccess to itself", source: "Rhino #9" },
    { actions: ["iam:UpdateAssumeRolePolicy"], target: "self", how: "rewrite its own trust so that anyone may assume it, with no condition", source: "Rhino #14" },
    {
        actions: ["iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary"],
        target: "self",
        how: "replace or remove the permissions boundary that caps it",
        source: "IAM User Guide, permissions boundaries",
    },
    { actions: ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"], target: "attached-policy", how: "rewrite a managed policy attached to it", source: "Rhino #1, #2" },
    {
        actions: ["iam:PassRole"],
        target: "other-roles",
        with: ["ec2:RunInstances", "lambda:CreateFunction", "glue:CreateDevEndpoint", "cloudformation:CreateStack", "datapipeline:CreatePipeline", "codestar:CreateProject", "sagemaker:CreateNotebookInstance"],
        how: "pass any role to compute it controls and act as that role",
        source: "Rhino #3, #15-17, #19, #21, #22, #24, #27",
    },
];

/** An Allow statement and how messages name the document it is in. */
export interface HeldStatement {
    readonly statement: Statement;
    readonly via: string;
}

/** What the role's statements are judged against: its own ARN and its attached customer policies' ARNs; `*` in a field means not known. */
export interface EscalationTargets {
    readonly role: string;
    readonly attachedPolicies: readonly string[];
}

/** The self-escalations `held` allows, one line each for messages (empty when none). */
export function selfEscalations(held: readonly HeldStatement[], targets: EscalationTargets): string[] {
    const allows = held.filter(h => h.statement.effect === "Allow");
    const out: string[] = [];
    for (const way of SELF_ESCALATION) {
        const reached = allows.filter(h => way.actions.some(a => reaches(h.statement.actions, a)) && reachesTarget(h.statement, way.target, targets));
        if (reached.length === 0) {
            continue;
        }
        if (way.with && !allows.some(h => way.with?.some(a => reaches(h.statement.actions, a)))) {
            continue;
        }
        const where = reached.map(h => `${quoteActions(h.statement.actions, p => way.actions.some(a => reaches({ negated: false, patterns: [p] }, a)))} on ${resourcesOf(h.statement)} (${statementLabel(h.statement)} of ${h.via})`);
        const actions = way.with ? `${way.actions.join(", ")} with ${summarise(way.with.map(a => a), 2)}` : way.actions.join(" or ");
        out.push(`${actions}, to ${way.how} [${way.source}]: ${summarise(where, 2)}`);
    }
    return out;
}

function resourcesOf(s: Statement): string {
    const r = s.resources;
    return !r ? "no Resource" : `${r.negated ? "NotResource " : ""}${summarise(r.patterns.map(p => JSON.stringify(p)))}`;
}

/** True when the statement's resources may include one of the way's targets. */
function reachesTarget(s: Statement, target: EscalationTarget, targets: EscalationTargets): boolean {
    const r = s.resources;
    if (target === "other-roles") {
        return !r || r.negated || r.patterns.some(mayMatchOtherRoles);
    }
    const arns = target === "self" ? [targets.role] : targets.attachedPolicies;
    if (!r) {
        return arns.length > 0 || target === "self";
    }
    if (r.negated) {
        return arns.some(arn => !r.patterns.some(p => certainlyMatches(p, arn)));
    }
    return r.patterns.some(p => p === "*" || arns.some(arn => mayMatch(p, arn)));
}

const FIELDS = ["partition", "service", "region", "account", "resource"] as const;

/** True when `pattern` may match `arn`, a field of `arn` that is `*` standing for one not known. */
export function mayMatch(pattern: string, arn: string): boolean {
    if (pattern === "*") {
        return true;
    }
    const p = parseArn(pattern);
    const a = parseArn(arn);
    if (!p || !a) {
        return /[*?]/.test(pattern);
    }
    return FIELDS.every(f => a[f] === "*" || stringLike(p[f], a[f], true));
}

/** True when `pattern` matches `arn` whatever its unknown fields are. */
export function certainlyMatches(pattern: string, arn: string): boolean {
    if (pattern === "*") {
        return true;
    }
    const p = parseArn(pattern);
    const a = parseArn(arn);
    return p !== undefined && a !== undefined && FIELDS.every(f => (a[f] === "*" ? p[f] === "*" : stringLike(p[f], a[f], true)));
}

/** True when a PassRole resource pattern may name a role besides a listed one: a wildcard that can match an IAM role ARN. */
function mayMatchOtherRoles(pattern: string): boolean {
    if (!/[*?]/.test(pattern)) {
        return false;
    }
    const p = parseArn(pattern);
    return !p || (stringLike(p.service, "iam", true) && globMayStartWith(p.resource, "role/"));
}
