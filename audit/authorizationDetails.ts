/**
 * Reads the output of `aws iam get-account-authorization-details` (GetAccountAuthorizationDetails in
 * the IAM API reference): the AWS CLI's form (documents decoded to JSON) or the raw API's and SDKs'
 * form (documents as URL-encoded JSON text), one file or several pages. Anything that keeps the
 * audit from seeing the account whole is an {@link InputError} naming the file, entity and field:
 * - a set of pages that does not end (every page truncated: `IsTruncated` true with a `Marker`, or
 *   the CLI's `NextToken` after `--max-items`), two final pages, a page given twice;
 * - entities of more than one account, an entity listed twice;
 * - a group a user belongs to, or a customer managed policy an entity has attached, that the file
 *   does not list (an export filtered with `--filter`).
 * A page never repeats the `Marker` it was asked with, so a page missing between others cannot be
 * seen; the CLI, which pages through everything by default, writes one complete file.
 */
import { accountOfArn, parseArn } from "../policypack/lib/arn";
import { Account, GroupEntity, ManagedPolicyEntity, RoleEntity, UserEntity } from "./account";
import { entryAt, LISTS, readGroup, readPolicy, readRole, readUser } from "./entities";
import { At, InputError, list, object, optionalBoolean, optionalText } from "./input";

/** One page: a file's name (for messages) and its text. */
export interface Page {
    readonly name: string;
    readonly text: string;
}

/** A page's pagination fields, and its JSON. */
interface PageHead {
    readonly name: string;
    readonly json: Record<string, unknown>;
    /** Why the page is not the last one; undefined for the last page. */
    readonly truncated?: string;
    readonly marker?: string;
}

interface PageContent {
    readonly users: UserEntity[];
    readonly groups: GroupEntity[];
    readonly roles: RoleEntity[];
    readonly policies: ManagedPolicyEntity[];
}

/** Reads and checks the pages of one export and merges them into one account. */
export function readAuthorizationDetails(pages: readonly Page[]): Account {
    if (pages.length === 0) {
        throw new InputError("no authorization-details file given");
    }
    // Completeness first: a partial set is the first thing to fix, whatever else is wrong in it.
    const heads = pages.map(readHead);
    checkComplete(heads);
    const contents = heads.map(readEntities);
    const merged = {
        users: unique(contents.map(c => c.users)),
        groups: unique(contents.map(c => c.groups)),
        roles: unique(contents.map(c => c.roles)),
        policies: unique(contents.map(c => c.policies), p => p.arn),
    };
    const { id, partition } = accountOf(merged);
    checkReferences(merged.users, merged.groups, merged.roles, merged.policies);
    return { id, partition, ...merged, pages: pages.length };
}

function readHead(page: Page): PageHead {
    const at = new At(page.name);
    let json: unknown;
    try {
        json = JSON.parse(page.text);
    } catch (e) {
        at.fail(`is not JSON (${(e as Error).message})`);
    }
    const o = object(json, at);
    if (!Object.values(LISTS).some(l => l.key in o)) {
        at.fail(`is not get-account-authorization-details output: it has none of ${Object.values(LISTS).map(l => l.key).join(", ")}`);
    }
    const isTruncated = optionalBoolean(o, "IsTruncated", at);
    const marker = optionalText(o, "Marker", at);
    const nextToken = optionalText(o, "NextToken", at);
    const truncated =
        isTruncated === true ? `IsTruncated is true${marker ? ` (Marker ${JSON.stringify(short(marker))})` : ""}` : nextToken !== undefined ? `it carries the CLI's NextToken ${JSON.stringify(short(nextToken))}` : undefined;
    return { name: page.name, json: o, ...(truncated ? { truncated } : {}), ...(marker ? { marker } : {}) };
}

function readEntities(head: PageHead): PageContent {
    const at = new At(head.name);
    const read = <T>(l: (typeof LISTS)[keyof typeof LISTS], reader: (raw: unknown, at: At) => T): T[] =>
        list(head.json, l.key, at).map((raw, i) => reader(raw, entryAt(at, l.key, i, raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {}, l.name)));
    return {
        users: read(LISTS.users, readUser),
        groups: read(LISTS.groups, readGroup),
        roles: read(LISTS.roles, readRole),
        policies: read(LISTS.policies, readPolicy),
    };
}

function checkComplete(pages: readonly PageHead[]): void {
    const finals = pages.filter(p => p.truncated === undefined);
    if (finals.length === 0) {
        const last = pages[pages.length - 1];
        throw new InputError(
            `${last.name}: the export is incomplete: ${last.truncated}, so more pages follow, and no page given ends the set. ` +
                "Fix: give every page (the AWS CLI pages through everything and writes one file unless --max-items or --no-paginate is set).",
        );
    }
    if (finals.length > 1) {
        throw new InputError(`${finals[0].name} and ${finals[1].name} both end an export (neither is truncated): they are two exports, not pages of one. Fix: give the pages of one export.`);
    }
    const markers = new Map<string, string>();
    for (const p of pages.filter(x => x.marker !== undefined)) {
        const seen = markers.get(p.marker as string);
        if (seen !== undefined) {
            throw new InputError(`${p.name} and ${seen} carry the same Marker: one page was given twice. Fix: give each page once.`);
        }
        markers.set(p.marker as string, p.name);
    }
}

/** Concatenates one list over the pages; an entity listed twice (IAM names are case-insensitive) is refused. */
function unique<T extends { readonly name: string; readonly where: string }>(lists: readonly (readonly T[])[], key: (e: T) => string = e => e.name.toLowerCase()): T[] {
    const seen = new Map<string, string>();
    const out: T[] = [];
    for (const e of lists.flat()) {
        const before = seen.get(key(e));
        if (before !== undefined) {
            throw new InputError(`${e.where}: ${before} lists it already. Fix: give each page once, and the pages of one export only.`);
        }
        seen.set(key(e), e.where);
        out.push(e);
    }
    return out;
}

/** The one account every ARN names (AWS managed policies aside). */
function accountOf(m: { users: UserEntity[]; groups: GroupEntity[]; roles: RoleEntity[]; policies: ManagedPolicyEntity[] }): { id: string; partition: string } {
    let first: { id: string; partition: string; where: string } | undefined;
    for (const e of [...m.users, ...m.groups, ...m.roles, ...m.policies.filter(p => !p.awsManaged)]) {
        const id = accountOfArn(e.arn);
        const partition = parseArn(e.arn)?.partition ?? "";
        if (id === undefined) {
            return new At(e.where, true).at("Arn").fail(`${JSON.stringify(e.arn)} names no 12-digit account`);
        }
        if (!first) {
            first = { id, partition, where: e.where };
        } else if (first.id !== id || first.partition !== partition) {
            new At(e.where, true).at("Arn").fail(`names account ${id} (${partition}), but ${first.where} names ${first.id} (${first.partition}). Fix: audit one account at a time.`);
        }
    }
    if (!first) {
        throw new InputError("the authorization details list no user, group, role or customer managed policy: there is no account to audit");
    }
    return { id: first.id, partition: first.partition };
}

function checkReferences(users: readonly UserEntity[], groups: readonly GroupEntity[], roles: readonly RoleEntity[], policies: readonly ManagedPolicyEntity[]): void {
    const groupNames = new Set(groups.map(g => g.name.toLowerCase()));
    const policyArns = new Set(policies.map(p => p.arn));
    const partial = "the export is partial (made with --filter, or a page is missing). Fix: export every entity type: aws iam get-account-authorization-details > account.json";
    for (const u of users) {
        u.groups.forEach((g, i) => groupNames.has(g.toLowerCase()) || new At(u.where, true).at("GroupList").at(`[${i}]`).fail(`names group ${JSON.stringify(g)}, which GroupDetailList does not list: ${partial}`));
    }
    for (const e of [...users, ...groups, ...roles]) {
        e.attached.forEach(arn => {
            if (!policyArns.has(arn) && parseArn(arn)?.account !== "aws") {
                new At(e.where, true).at("AttachedManagedPolicies").fail(`names ${arn}, a customer managed policy that Policies does not list: ${partial}`);
            }
        });
    }
}

function short(token: string): string {
    return token.length > 24 ? `${token.slice(0, 24)}…` : token;
}

