/**
 * The paths by which a document reaches an IAM user, for the two user rules
 * (`iam-user-no-direct-data-access`, `iam-user-assume-only`):
 * - local paths, judged per resource before anything is created: an inline `UserPolicy`, and an AWS
 *   managed ARN attached to users (`UserPolicyAttachment`, `UserPolicyAttachmentsExclusive`,
 *   `PolicyAttachment` with `users`);
 * - graph paths, judged on the whole stack: customer policies, groups (membership from either
 *   side), and resource policies whose statements name the user, the user's account, or `*`.
 */
import { PolicyDocument, Statement } from "./document";
import { readDocument, StackGraph, targetLabel, targetSource, DocSource } from "./graph";
import { isAwsManagedArn } from "./managed";
import { admittedPrincipals } from "./principals";
import { Finding, Judge, label, RuleResource } from "./rule";
import { readProp, referenceStrings } from "./values";

/** One path from a document to a user. `statements`, when set, limits it to those statement indexes. */
export interface UserPath {
    readonly user: string;
    readonly userUrn?: string;
    readonly via: string;
    readonly holder: RuleResource;
    readonly source: DocSource;
    readonly statements?: ReadonlySet<number>;
}

/** The types whose local paths the user rules judge per resource. */
export const LOCAL_USER_PATH_TYPES = [
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
    "aws:iam/policyAttachment:PolicyAttachment",
];

const USER_FIELD: Readonly<Record<string, [string, string]>> = {
    "aws:iam/userPolicy:UserPolicy": ["user", ""],
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": ["user", "policyArn"],
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": ["userName", "policyArns"],
    "aws:iam/policyAttachment:PolicyAttachment": ["users", "policyArn"],
};

/** The local paths a resource creates. */
export function localUserPaths(r: RuleResource): UserPath[] {
    const [userField, arnField] = USER_FIELD[r.type] ?? ["", ""];
    const users = readProp(r.props, userField);
    const names = users.known ? referenceStrings(users.value).values : ["(a user unknown during preview)"];
    if (names.length === 0) {
        return [];
    }
    let sources: { via: string; source: DocSource }[];
    if (arnField === "") {
        sources = [{ via: `inline ${label(r)}`, source: readDocument(r, "policy") }];
    } else {
        const arns = readProp(r.props, arnField);
        const managed = arns.known ? referenceStrings(arns.value).values.filter(isAwsManagedArn) : [];
        sources = managed.map(arn => ({ via: `${targetLabel({ kind: "managed", arn })} attached by ${label(r)}`, source: targetSource({ kind: "managed", arn }) }));
    }
    return names.flatMap(user => sources.map(s => ({ user, via: s.via, holder: r, source: s.source })));
}

const pathsOfGraph = new WeakMap<StackGraph, readonly UserPath[]>();

/** The graph paths of every user in the stack (computed once per graph; both user rules read them). */
export function stackUserPaths(graph: StackGraph): readonly UserPath[] {
    let paths = pathsOfGraph.get(graph);
    if (!paths) {
        paths = computeUserPaths(graph);
        pathsOfGraph.set(graph, paths);
    }
    return paths;
}

function computeUserPaths(graph: StackGraph): UserPath[] {
    const users = graph.nodes.principals("user");
    const out: UserPath[] = [];
    for (const u of users) {
        const base = { user: u.name, ...(u.resource ? { userUrn: u.resource.urn } : {}) };
        graph.grantsOf(u).forEach(g => !g.local && out.push({ ...base, via: g.via, holder: g.holder, source: g.source }));
        for (const m of graph.groupsOf(u)) {
            for (const g of graph.grantsOf(m.group)) {
                out.push({ ...base, via: `${g.via}, of group '${m.group.name}' joined through ${label(m.via)}`, holder: g.holder, source: g.source });
            }
        }
    }
    if (users.length === 0) {
        return out;
    }
    const position = new Map(users.map((u, i) => [u.name.toLowerCase(), i]));
    for (const rp of graph.resourcePolicies) {
        const via = `resource policy ${label(rp.holder)}`;
        if (rp.source.kind !== "parsed" || !rp.source.parsed.ok) {
            out.push({ user: "any user of this stack", via, holder: rp.holder, source: rp.source });
            continue;
        }
        // Which users each statement admits, then the users in order: linear in statements plus users named.
        const toAll: number[] = [];
        const byUser = new Map<number, number[]>();
        for (const s of rp.source.parsed.document.statements) {
            const admits = admittedUsers(s);
            if (admits === "all") {
                toAll.push(s.index);
            }
            for (const name of admits === "all" ? [] : admits) {
                const i = position.get(name);
                if (i !== undefined) {
                    byUser.set(i, [...(byUser.get(i) ?? []), s.index]);
                }
            }
        }
        const reached = toAll.length > 0 ? users.map((_, i) => i) : [...byUser.keys()].sort((a, b) => a - b);
        for (const i of reached) {
            const u = users[i];
            const own = byUser.get(i) ?? [];
            const statements = new Set(rp.source.parsed.document.statements.map(s => s.index).filter(x => toAll.includes(x) || own.includes(x)));
            out.push({ user: u.name, ...(u.resource ? { userUrn: u.resource.urn } : {}), via, holder: rp.holder, source: rp.source, statements });
        }
    }
    return out;
}

/** The users an Allow statement of a resource policy admits: by name (lower case), or all (by account or `*`). */
function admittedUsers(s: Statement): "all" | string[] {
    if (s.effect !== "Allow") {
        return [];
    }
    const p = admittedPrincipals(s.principals);
    if (p.anyone || p.aws.some(a => a.kind === "any" || a.kind === "account")) {
        return "all";
    }
    return p.aws.filter(a => a.kind === "user" && a.name !== undefined).map(a => (a.name as string).toLowerCase());
}

/**
 * Judges one path. `problems` lists what the rule objects to in the document's statements (empty:
 * compliant); the finding's wording comes from `words`. Unreadable documents fail closed.
 */
export function judgeUserPath(
    path: UserPath,
    judge: Judge,
    problems: (doc: PolicyDocument, statements?: ReadonlySet<number>) => string[],
    words: { readonly what: string; readonly why: string; readonly fix: string },
): void {
    const urn = path.userUrn ?? path.holder.urn;
    const subjects = [{ urn: path.userUrn ?? "", name: path.user }, { urn: path.holder.urn, name: path.holder.name }];
    const who = `IAM user '${path.user}'`;
    const src = path.source;
    let finding: Finding | undefined;
    if (src.kind === "unknown") {
        judge.unknown(path.holder, src.error);
    } else if (src.kind === "managed-missing" || src.kind === "external") {
        const what = src.kind === "managed-missing" ? "an AWS managed policy this pack does not know" : "a policy defined outside this stack";
        const fix =
            src.kind === "managed-missing"
                ? "attach a known policy, or refresh policypack/data with scripts/refresh-managed-policies.ts if AWS published it recently"
                : "define the policy in this stack so that the pack can read it";
        finding = { urn, subjects, message: `${who} is attached ${src.arn} through ${path.via}, ${what}. Its permissions cannot be checked, so the pack fails closed. Fix: ${fix}.` };
    } else if (!src.parsed.ok) {
        finding = {
            urn,
            subjects,
            message: `${who} receives a policy document that cannot be parsed through ${path.via}: ${src.parsed.reason}. What it grants cannot be checked, so the pack fails closed. Fix: give ${label(path.holder)} valid IAM policy JSON.`,
        };
    } else {
        const found = problems(src.parsed.document, path.statements);
        if (found.length > 0) {
            finding = { urn, subjects, message: `${who} ${words.what} through ${path.via}: ${found.join("; ")}. ${words.why}. Fix: ${words.fix}.` };
        }
    }
    if (finding) {
        judge.report(finding);
    }
}

/** The graph's unresolved references that hide which users a path reaches. */
export function reportUserReferenceProblems(graph: StackGraph, judge: Judge): void {
    graph.problems.filter(p => p.about !== "role").forEach(p => judge.unknown(p.resource, p.error));
}
