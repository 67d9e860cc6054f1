/** What the audit's verdict does not see in the input, and how it treats it: one sentence each. */
import { Account } from "./account";
import { CredentialReport } from "./credentialReport";

/** The notes for an account and its credential report. */
export function notesOf(account: Account, report: CredentialReport | undefined): string[] {
    const notes: string[] = [];
    const bounded = [...account.users, ...account.roles].filter(e => e.boundary !== undefined);
    if (bounded.length > 0) {
        notes.push(
            `${bounded.length === 1 ? "1 principal has" : `${bounded.length} principals have`} a permissions boundary (${bounded.slice(0, 3).map(e => e.name).join(", ")}${bounded.length > 3 ? ", …" : ""}). ` +
                "The pack does not read boundaries: a boundary can only narrow what the policies grant, so ignoring it can only over-report, never miss.",
        );
    }
    if (!report) {
        notes.push("No credential report: every user is taken to hold an active access key. Give --credential-report to rank only the keys that exist.");
    } else {
        const missing = account.users.filter(u => !report.users.has(u.name)).map(u => u.name);
        if (missing.length > 0) {
            notes.push(`The credential report does not list ${missing.slice(0, 3).join(", ")}${missing.length > 3 ? ` and ${missing.length - 3} more` : ""} (made at another time?): they are taken to hold an active key.`);
        }
        const extra = [...report.users.keys()].filter(n => !account.users.some(u => u.name === n));
        if (extra.length > 0) {
            notes.push(`The credential report lists users the authorization details do not (${extra.slice(0, 3).join(", ")}${extra.length > 3 ? ", …" : ""}): export both at the same time.`);
        }
        if (report.rootActiveKeys > 0) {
            notes.push(`The root user has ${report.rootActiveKeys} active access key(s): a leaked root key reaches everything in the account and no policy can narrow it. Delete it (IAM console, Security credentials of the root user).`);
        }
    }
    if (account.roles.length > 0) {
        notes.push("The file does not carry roles' MaxSessionDuration: iam-role-session-duration sees AWS's default of one hour.");
    }
    notes.push("Resource policies (bucket, key, queue policies), SCPs and session policies are not in the file: the blast radius counts what identity policies and role trusts grant.");
    return notes;
}
