/**
 * Which IAM users a resource policy admits directly, as AWS evaluates resource policies
 * (IAM User Guide, "Policy evaluation logic" and "Cross-account policy evaluation logic"):
 * - a user's ARN admits that user, whether or not the stack defines it (a user outside the stack
 *   is reported by its ARN);
 * - an account (its root or its ID) admits no one by itself: it delegates to the identity policies
 *   of that account's principals, and the user rules judge a stack user's identity policies on
 *   their own (a bucket policy allowing the own account's root gives an assume-only user nothing;
 *   a KMS key policy's root statement only enables IAM policies);
 * - `*` (or `NotPrincipal`) admits the stack's users in the resource's account, narrowed first by
 *   binding aws:PrincipalArn, aws:PrincipalAccount and aws:PrincipalOrgID clauses; not at all when
 *   s3:DataAccessPointAccount delegates the bucket to access points (whose policies are judged on
 *   their own), nor when aws:SourceArn, aws:SourceAccount, aws:SourceOrgID, aws:SourceOrgPaths or
 *   SNS's AWS:SourceOwner require a service calling for a resource (a user's own request never
 *   carries them). A user of another account needs its own identity Allow as well, so `*` does not
 *   admit a user whose account is known to differ from the resource's.
 * Accounts come from lib/account.ts (facts only); an unknown account never excludes a user.
 */
import { arnLike, classifyArn, globMayStartWith, parseArn, stringLike } from "./arn";
import { PolicyDocument, Statement } from "./document";
import { PrincipalNode } from "./nodes";
import { admittedPrincipals, narrowing, PrincipalClause } from "./principals";

/** A stack user as resource policies are matched against it. */
export interface UserFacts {
    readonly node: PrincipalNode;
    readonly name: string;
    /** The IAM path, `/` by default. */
    readonly path: string;
    readonly account?: string;
    /** The user's own ARN when known. */
    readonly arn?: string;
}

/** A user a policy admits: a stack user (its index) or a user ARN (or pattern) outside the stack; and the statements that admit it. */
export interface Admitted {
    readonly user: number | string;
    readonly statements: ReadonlySet<number>;
}

/** One way a statement names users: an exact ARN or a pattern, with how it compares. */
type Named = PrincipalClause & { readonly value: string };

const EXACT = { like: false, arn: false, ignoreCase: false } as const;

/** The users each Allow statement of `doc` admits, stack users in order first, then users outside the stack. */
export function admittedUsers(doc: PolicyDocument, users: readonly UserFacts[], resourceAccount: string | undefined, ownOrgs: readonly string[]): Admitted[] {
    const byUser = new Map<number | string, Set<number>>();
    const admit = (key: number | string, index: number) => byUser.set(key, (byUser.get(key) ?? new Set()).add(index));
    for (const s of doc.statements) {
        if (s.effect !== "Allow") {
            continue;
        }
        const { named, arnNamed, wide } = statementNames(s);
        const matched = new Set<Named>();
        // Exact names are looked up; only `*` and patterns look at every user (linear in the users either way).
        for (const n of named) {
            for (const i of byName(users).get(nameOf(n.value)) ?? []) {
                if (namesUser(n, users[i])) {
                    matched.add(n);
                    admit(i, s.index);
                }
            }
        }
        if (wide || arnNamed.length > 0) {
            users.forEach((u, i) => {
                arnNamed.filter(n => namesUser(n, u)).forEach(n => matched.add(n));
                if (wide && wide(u, resourceAccount, ownOrgs)) {
                    admit(i, s.index);
                }
            });
        }
        [...named, ...arnNamed].filter(n => !matched.has(n)).forEach(n => admit(n.value, s.index));
    }
    const stack = [...byUser.keys()].filter((k): k is number => typeof k === "number").sort((a, b) => a - b);
    const outside = [...byUser.keys()].filter((k): k is string => typeof k === "string");
    return [...stack, ...outside].map(user => ({ user, statements: byUser.get(user) as Set<number> }));
}

const nameIndexes = new WeakMap<readonly UserFacts[], Map<string, number[]>>();

/** The users' positions by lower-cased name, built once per user list. */
function byName(users: readonly UserFacts[]): Map<string, number[]> {
    let index = nameIndexes.get(users);
    if (!index) {
        index = new Map();
        for (let i = 0; i < users.length; i++) {
            const key = users[i].name.toLowerCase();
            index.set(key, [...(index.get(key) ?? []), i]);
        }
        nameIndexes.set(users, index);
    }
    return index;
}

function nameOf(arn: string): string {
    return (parseArn(arn)?.name ?? arn).toLowerCase();
}

type Wide = (u: UserFacts, resourceAccount: string | undefined, ownOrgs: readonly string[]) => boolean;

/**
 * The users a statement names in its Principal, the user ARNs its aws:PrincipalArn narrowing of `*`
 * may name (reported when no stack user matches them), and, for `*`, which stack users it admits.
 */
function statementNames(s: Statement): { named: Named[]; arnNamed: Named[]; wide?: Wide } {
    const p = admittedPrincipals(s.principals);
    const named: Named[] = p.aws.filter(a => a.kind === "user").map(a => ({ ...EXACT, values: [a.raw], value: a.raw }));
    if (!p.anyone && !p.aws.some(a => a.kind === "any")) {
        return { named, arnNamed: [] };
    }
    const n = narrowing(s);
    if (n.accessPointAccount.length > 0 || n.serviceSource.length > 0) {
        return { named, arnNamed: [] };
    }
    // `*` narrowed to principal ARNs names the users those ARNs may match, inside the stack or not.
    const arnNamed = n.principalArn.every(c => c.values.some(v => mayNameUser(v, c))) ? n.principalArn.flatMap(c => c.values.filter(v => mayNameUser(v, c)).map(value => ({ ...c, value }))) : [];
    const wide: Wide = (u, resourceAccount, ownOrgs) =>
        !(u.account !== undefined && resourceAccount !== undefined && u.account !== resourceAccount) &&
        n.principalArn.every(c => c.values.some(value => namesUser({ ...c, value }, u))) &&
        n.principalAccount.every(c => u.account === undefined || c.values.some(v => compare(v, u.account as string, c))) &&
        n.principalOrgId.every(c => ownOrgs.length === 0 || ownOrgs.some(o => c.values.some(v => compare(v, o, c))));
    return { named, arnNamed, wide };
}

/** True when `n` may name the stack user `u` (an unknown account or path never rules a user out). */
function namesUser(n: Named, u: UserFacts): boolean {
    const a = parseArn(n.value);
    if (!n.like) {
        if (!a || classifyArn(a) !== "iam-user" || a.name.toLowerCase() !== u.name.toLowerCase()) {
            return false;
        }
        return u.account === undefined || a.account === u.account;
    }
    const arn = u.arn ?? `arn:${a?.partition ?? "aws"}:iam::${u.account ?? a?.account ?? "*"}:user${u.path}${u.name}`;
    return n.arn ? arnLike(n.value, arn) || arnLike(n.value.toLowerCase(), arn.toLowerCase()) : stringLike(n.value, arn, true);
}

/** True when an aws:PrincipalArn value could match some IAM user's ARN. */
function mayNameUser(value: string, c: PrincipalClause): boolean {
    if (!c.like) {
        const a = parseArn(value);
        return a !== undefined && classifyArn(a) === "iam-user";
    }
    const parts = value.split(":");
    if (parts.length < 6 || parts[0] !== "arn") {
        return globMayStartWith(value, "arn:");
    }
    return stringLike(parts[2], "iam", true) && stringLike(parts[3], "") && globMayStartWith(parts.slice(5).join(":"), "user/");
}

function compare(pattern: string, value: string, c: PrincipalClause): boolean {
    return c.like ? stringLike(pattern, value, c.ignoreCase) : c.ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
}
