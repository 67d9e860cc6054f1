/**
 * Who can reach what: for each IAM user, the roles it may assume (its Allow on sts:AssumeRole meets
 * the role's trust), under which trust conditions, and what each role's policies reach.
 */

/** The access map of a stack. */
export interface AccessMap {
    readonly users: readonly UserAccess[];
}

/** One IAM user and the roles it can assume. */
export interface UserAccess {
    readonly name: string;
    readonly roles: readonly RoleAccess[];
}

/** A role a user can assume: the trust conditions it must meet, and what the role reaches. */
export interface RoleAccess {
    readonly name: string;
    readonly arn: string;
    readonly conditions: TrustConditions;
    readonly reaches: readonly Reach[];
}

/** The conditions a trust statement binds the user with. */
export interface TrustConditions {
    readonly sourceCidrs: readonly string[];
    readonly externalIds: readonly string[];
    readonly mfa: boolean;
    readonly mfaMaxAgeSeconds?: string;
    /** Other binding conditions, as `operator key values`. */
    readonly other: readonly string[];
}

/** What a role's Allow statements reach on one resource pattern. */
export interface Reach {
    readonly kind: "table" | "index" | "stream" | "bucket" | "objects" | "everything" | "resource";
    readonly resource: string;
    readonly actions: readonly string[];
}
