/** The audit's verdict, independent of how it is printed. */
import { GateReport } from "../gate/report/model";
import { PrincipalReach } from "./blastRadius";
import { KeyInfo } from "./credentialReport";
import { Migration } from "./migration";

/** One IAM user's verdict. */
export interface UserVerdict {
    readonly name: string;
    /** True when a user rule reports a mandatory finding about it (it then gets a migration). */
    readonly flagged: boolean;
    /** The rules that report findings about it, at any level. */
    readonly rules: readonly string[];
    /** Its active access keys per the credential report; undefined without one, or when it does not list the user. */
    readonly activeKeys?: number;
}

/** The blast radius of one user's key: what it reaches, and the key's record in the credential report. */
export interface KeyHolder extends PrincipalReach {
    readonly user: string;
    /** The active keys (none listed without a credential report). */
    readonly keys: readonly (KeyInfo & { readonly ageDays?: number })[];
    readonly mfaActive?: boolean;
    readonly passwordEnabled?: boolean;
}

/** What was counted in the account. */
export interface AccountCounts {
    readonly users: number;
    readonly groups: number;
    readonly roles: number;
    readonly customerPolicies: number;
    /** AWS managed policies attached anywhere, by where their document came from. */
    readonly awsManaged: { readonly fromFile: number; readonly vendored: number; readonly unknown: number };
}

/** Everything the audit reports. The gate's fields (findings, rules, …) keep their meaning; there is no access map. */
export interface AuditReport extends Omit<GateReport, "accessMap"> {
    readonly tool: "audit";
    readonly account: string;
    readonly counts: AccountCounts;
    readonly users: readonly UserVerdict[];
    readonly blastRadius: {
        /** Whose keys: `users with an active key (credential report)` or `every user (no credential report)`. */
        readonly basis: string;
        /** Ranked by reach: catalogue actions reached with no condition, then all reached, then name. */
        readonly holders: readonly KeyHolder[];
    };
    readonly migrations: readonly Migration[];
    /** What the verdict does not see, and how it treats it. */
    readonly notes: readonly string[];
}

/** The report in the shape the gate's renderers take (text, SARIF), with an empty access map they do not read. */
export function asGateReport(r: AuditReport): GateReport {
    return { ...r, accessMap: { users: [] } };
}
