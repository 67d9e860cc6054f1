/**
 * The paths by which a document reaches an IAM user, for the two user rules
 * (`iam-user-no-direct-data-access`, `iam-user-assume-only`):
 * - local paths, judged per resource before anything is created: an inline `UserPolicy`, and an AWS
 *   managed ARN attached to users (`UserPolicyAttachment`, `UserPolicyAttachmentsExclusive`,
 *   `PolicyAttachment` with `users`): the resource model's identity documents and attachments to users;
 * - graph paths, judged on the whole stack: customer policies, groups (membership from either
 *   side), and every resource policy and grant of the resource model, with the users it admits as
 *   AWS evaluates it (lib/resourceAdmission.ts), whether or not the stack defines them.
 */
import { accountFacts, OwnAccountConfig } from "./account";
import { PolicyDocument } from "./document";
import { DocSource, fieldDocuments, StackGraph, targetLabel, targetSource } from "./graph";
import { PrincipalNode } from "./nodes";
import { isAwsManagedArn } from "./managed";
import { DocumentField, modelOf, RESOURCE_MODEL } from "./model/resourceTypes";
import { admittedUsers, UserFacts } from "./resourceAdmission";
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

/** The types whose local paths the user rules judge per resource: identity documents and attachments that go to users. */
export const LOCAL_USER_PATH_TYPES: readonly string[] = RESOURCE_MODEL.filter(
    m => !m.principal && ((m.documents ?? []).some(d => d.role === "identity" && d.to?.kind === "user") || (m.attachments ?? []).some(a => a.to.kind === "user")),
).map(m => m.type);

/** The property naming the users, and the inline document or the property holding policy ARNs, of a type of {@link LOCAL_USER_PATH_TYPES}. */
export function userFields(type: string): [string, DocumentField | string] {
    const m = modelOf(type);
    const doc = (m?.documents ?? []).find(d => d.role === "identity" && d.to?.kind === "user" && "prop" in d.to);
    if (doc?.to && "prop" in doc.to) {
        return [doc.to.prop, doc];
    }
    const a = (m?.attachments ?? []).find(x => x.to.kind === "user" && "prop" in x.to);
    return a && "prop" in a.to ? [a.to.prop, a.arns] : ["", ""];
}

/** The local paths a resource creates. */
export function localUserPaths(r: RuleResource): UserPath[] {
    const [userField, arnField] = userFields(r.type);
    const users = readProp(r.props, userField);
    const names = users.known ? referenceStrings(users.value).values : ["(a user unknown during preview)"];
    if (names.length === 0) {
        return [];
    }
    let sources: { via: string; source: DocSource }[];
    if (typeof arnField !== "string") {
        sources = fieldDocuments(r, arnField).map(d => ({ via: `inline ${label(r)}`, source: d.source }));
    } else {
        const arns = readProp(r.props, arnField);
        const managed = arns.known ? referenceStrings(arns.value).values.filter(isAwsManagedArn) : [];
        sources = managed.map(arn => ({ via: `${targetLabel({ kind: "managed", arn })} attached by ${label(r)}`, source: targetSource({ kind: "managed", arn }) }));
    }
    return names.flatMap(user => sources.map(s => ({ user, via: s.via, holder: r, source: s.source })));
}

const pathsOfGraph = new WeakMap<StackGraph, Map<string, readonly UserPath[]>>();

/** The graph paths of every user (computed once per graph and account settings; both user rules read them). */
export function stackUserPaths(graph: StackGraph, accounts: OwnAccountConfig): readonly UserPath[] {
    const key = JSON.stringify(accounts);
    let byConfig = pathsOfGraph.get(graph);
    if (!byConfig) {
        byConfig = new Map();
        pathsOfGraph.set(graph, byConfig);
    }
    let paths = byConfig.get(key);
    if (!paths) {
        paths = computeUserPaths(graph, accounts);
        byConfig.set(key, paths);
    }
    return paths;
}

/**
 * The identity paths of one user: its own policies (the local ones, which the user rules judge per
 * resource, only with `withLocal`) and its groups' policies.
 */
export function identityUserPaths(graph: StackGraph, u: PrincipalNode, withLocal: boolean): UserPath[] {
    const base = { user: u.name, ...(u.resource ? { userUrn: u.resource.urn } : {}) };
    const out: UserPath[] = graph.grantsOf(u).flatMap(g => (withLocal || !g.local ? [{ ...base, via: g.via, holder: g.holder, source: g.source }] : []));
    for (const m of graph.groupsOf(u)) {
        for (const g of graph.grantsOf(m.group)) {
            out.push({ ...base, via: `${g.via}, of group '${m.group.name}' joined through ${label(m.via)}`, holder: g.holder, source: g.source });
        }
    }
    return out;
}

function computeUserPaths(graph: StackGraph, accounts: OwnAccountConfig): UserPath[] {
    const users = graph.nodes.principals("user");
    const out: UserPath[] = users.flatMap(u => identityUserPaths(graph, u, false));
    const facts = users.map(u => userFacts(u, accounts));
    for (const rp of graph.resourcePolicies) {
        if (rp.source.kind !== "parsed" || !rp.source.parsed.ok) {
            out.push({ user: "any user it may admit", via: rp.via, holder: rp.holder, source: rp.source });
            continue;
        }
        const resourceAccount = accountFacts(rp.holder, accounts).account;
        for (const a of admittedUsers(rp.source.parsed.document, facts, resourceAccount, accounts.ownOrganizationIds)) {
            const u = typeof a.user === "number" ? users[a.user] : undefined;
            const who = u ? { user: u.name, ...(u.resource ? { userUrn: u.resource.urn } : {}) } : { user: a.user as string };
            out.push({ ...who, via: rp.via, holder: rp.holder, source: rp.source, statements: a.statements });
        }
    }
    return out;
}

/** What resource policies are matched against for a user: name, path, account, ARN. */
function userFacts(node: UserFacts["node"], accounts: OwnAccountConfig): UserFacts {
    const r = node.resource;
    const text = (key: string) => {
        const read = r ? readProp(r.props, key) : undefined;
        return read?.known && typeof read.value === "string" && read.value !== "" ? read.value : undefined;
    };
    const account = r ? accountFacts(r, accounts).account : undefined;
    const arn = text("arn");
    return { node, name: node.name, path: text("path") ?? "/", ...(account ? { account } : {}), ...(arn ? { arn } : {}) };
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
        finding = { urn, subjects, what: `${who} is attached ${src.arn} through ${path.via}, ${what}`, why: "Its permissions cannot be checked, so the pack fails closed", fix };
    } else if (!src.parsed.ok) {
        finding = {
            urn,
            subjects,
            what: `${who} receives a policy document that cannot be parsed through ${path.via}: ${src.parsed.reason}`,
            why: "What it grants cannot be checked, so the pack fails closed",
            fix: `give ${label(path.holder)} valid IAM policy JSON`,
        };
    } else {
        const found = problems(src.parsed.document, path.statements);
        if (found.length > 0) {
            finding = { urn, subjects, what: `${who} ${words.what} through ${path.via}: ${found.join("; ")}`, why: words.why, fix: words.fix };
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
