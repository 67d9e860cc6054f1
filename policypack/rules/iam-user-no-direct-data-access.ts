/**
 * iam-user-no-direct-data-access: no IAM user can perform a data-plane action (lib/catalogue.ts),
 * on any path: inline policies, customer or AWS managed attachments, groups, and every resource
 * policy and grant of the resource model that admits a user (named, or through `*`; an account's
 * root admits no one by itself). `ownAccounts`/`ownOrganizationIds` say which accounts and
 * organisations are the user's own when `*` is narrowed by aws:PrincipalAccount or aws:PrincipalOrgID.
 * Conditions on the user's Allow do not make it acceptable; only Deny statements are ignored.
 */
import { OWN_ACCOUNT_SETTINGS, ownAccountConfig } from "../lib/account";
import { matchesBroadly, quoteActions, reachedActions, summarise } from "../lib/actions";
import { DATA_PLANE_ACTIONS } from "../lib/catalogue";
import { PolicyDocument, statementLabel } from "../lib/document";
import { StackGraph } from "../lib/graph";
import { defineRule } from "../lib/rule";
import { judgeUserPath, LOCAL_USER_PATH_TYPES, localUserPaths, reportUserReferenceProblems, stackUserPaths } from "../lib/userPaths";

const WORDS = {
    what: "can perform data-plane actions",
    why: "A leaked access key of this user reaches the data directly, with no role, source-IP, external-ID or MFA condition in between",
    fix: "let the user call only sts:AssumeRole on a guarded role, and grant the data access to that role",
};

/** The Allow statements of `doc` (limited to `statements`) that reach a catalogue action. */
export function dataAccessProblems(doc: PolicyDocument, statements?: ReadonlySet<number>): string[] {
    return doc.statements
        .filter(s => s.effect === "Allow" && (!statements || statements.has(s.index)))
        .flatMap(s => {
            const reached = reachedActions(s.actions, DATA_PLANE_ACTIONS);
            const matters = (p: string) => reached.some(a => matchesBroadly(p, a));
            return reached.length > 0 ? [`${statementLabel(s)} allows ${quoteActions(s.actions, matters)}, reaching ${summarise(reached)}`] : [];
        });
}

/** The rule. */
export const iamUserNoDirectDataAccess = defineRule({
    name: "iam-user-no-direct-data-access",
    description: "No IAM user can perform a data-plane action (DynamoDB items, S3 objects, secrets, …) through any policy, group or resource policy.",
    enforcementLevel: "mandatory",
    severity: "critical",
    details:
        "No IAM user can perform a data-plane action (DynamoDB items, streams, PartiQL, import/export; S3 objects; and the other data services in `lib/catalogue.ts`), on any path: inline policies, attachments of customer or AWS managed policies (resolved to their real documents), group membership from either side, and every resource policy or grant of the pack's resource model (94 `@pulumi/aws` types, checked against the installed provider) that admits the user as AWS evaluates it, whether or not the stack defines the user. " +
        "Wildcards, `?`, mixed case and `NotAction` are expanded; conditions on a user's Allow do not make data access acceptable.",
    fix: "Grant users only sts:AssumeRole on guarded roles; put data permissions on the roles.",
    related: [
        {
            control: "aws-fsbp:IAM.2",
            whyNot: "IAM.2 fails every user with a policy attached directly, whatever it grants, and accepts data access through a group; this rule fails data access on every path, groups and resource policies included, and accepts an assume-only policy (iam-user-permissions-through-groups checks IAM.2).",
        },
        {
            control: "cis-aws:1.15",
            whyNot: "CIS 1.15 is about where a user's permissions are attached (groups only; iam-user-permissions-through-groups checks it); this rule is about what they reach.",
        },
    ],
    settings: OWN_ACCOUNT_SETTINGS,
    config: s => ({ accounts: ownAccountConfig(s) }),
    resource: {
        types: LOCAL_USER_PATH_TYPES,
        check: (r, _config, judge) => localUserPaths(r).forEach(p => judgeUserPath(p, judge, dataAccessProblems, WORDS)),
    },
    stack: (resources, config, judge) => {
        const graph = StackGraph.shared(resources, (r, fn) => judge.each(r, fn));
        reportUserReferenceProblems(graph, judge);
        stackUserPaths(graph, config.accounts).forEach(p => judge.each(p.holder, () => judgeUserPath(p, judge, dataAccessProblems, WORDS)));
    },
});
