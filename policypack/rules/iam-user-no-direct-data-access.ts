/**
 * iam-user-no-direct-data-access: no IAM user can perform a data-plane action (lib/catalogue.ts),
 * on any path: inline policies, customer or AWS managed attachments, groups, and every resource
 * policy and grant of the resource model that admits a user (named, or through `*`; an account's
 * root admits no one by itself). `ownAccounts`/`ownOrganizationIds` say which accounts and
 * organisations are the user's own when `*` is narrowed by aws:PrincipalAccount or aws:PrincipalOrgID.
 * Conditions on the user's Allow do not make it acceptable; only Deny statements are ignored.
 */
import { OWN_ACCOUNT_SCHEMA, readOwnAccountConfig } from "../lib/account";
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
    fix: "Grant users only sts:AssumeRole on guarded roles; put data permissions on the roles.",
    schema: { ...OWN_ACCOUNT_SCHEMA },
    config: raw => ({ accounts: readOwnAccountConfig(raw) }),
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
