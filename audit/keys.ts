/**
 * Per user: the blast radius of its access key (who holds a key: the credential report, else every
 * user) and, for the users the user rules fail, the migration.
 */
import { PrincipalNode } from "../policypack/lib/nodes";
import { Account, UserEntity } from "./account";
import { ReachFinder } from "./blastRadius";
import { CredentialReport } from "./credentialReport";
import { Migration, writeMigration } from "./migration";
import { KeyHolder } from "./report";

const DAY_MS = 86400000;

/**
 * The key holders, ranked by what a leaked key reaches: the catalogue actions it reaches with no
 * condition to meet, then all it reaches, then by name.
 */
export function holders(finder: ReachFinder, account: Account, report: CredentialReport | undefined): KeyHolder[] {
    const out: KeyHolder[] = [];
    for (const u of account.users) {
        const row = report?.users.get(u.name);
        const keys = (row?.keys ?? []).filter(k => k.active).map(k => ({ ...k, ...age(k.lastRotated, report?.generatedTime) }));
        // A user the report does not list may hold a key: it is kept, as when there is no report.
        if (report && row && keys.length === 0) {
            continue;
        }
        const reach = finder.ofUser(nodeOf(finder, u));
        out.push({
            user: u.name,
            keys,
            ...(row?.mfaActive !== undefined ? { mfaActive: row.mfaActive } : {}),
            ...(row?.passwordEnabled !== undefined ? { passwordEnabled: row.passwordEnabled } : {}),
            ...reach,
        });
    }
    return out.sort((a, b) => b.unconditioned - a.unconditioned || b.actions - a.actions || a.user.localeCompare(b.user));
}

/** The migrations of the users in `flagged`, in the account's order. */
export function userMigrations(finder: ReachFinder, account: Account, report: CredentialReport | undefined, flagged: ReadonlySet<string>): Migration[] {
    return account.users
        .filter(u => flagged.has(u.name))
        .map(u => {
            const node = nodeOf(finder, u);
            const row = report?.users.get(u.name);
            return writeMigration({
                account: account.id,
                user: u,
                statements: finder.userStatements(node),
                direct: finder.ofUser(node).paths.filter(p => p.hops.length === 1),
                ...(row ? { credentials: row } : {}),
            });
        });
}

function nodeOf(finder: ReachFinder, u: UserEntity): PrincipalNode {
    return finder.user(u.name);
}

function age(from: string | undefined, to: string | undefined): { ageDays?: number } {
    const a = from ? Date.parse(from) : NaN;
    const b = to ? Date.parse(to) : NaN;
    return Number.isFinite(a) && Number.isFinite(b) ? { ageDays: Math.floor((b - a) / DAY_MS) } : {};
}
