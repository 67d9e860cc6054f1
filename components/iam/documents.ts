/**
 * The IAM documents the components emit, built as statements and rendered by {@link renderPolicyJson}.
 * Pure functions of plain values: the components resolve their inputs and call these.
 */
import {
    DYNAMODB_LIST_TABLES,
    DYNAMODB_STREAM_READ_ACTIONS,
    IAM_MFA_DEVICE_ACTIONS,
    IAM_MFA_USER_ACTIONS,
    S3_LIST_BUCKET_ACTIONS,
    S3_READ_OBJECT_ACTIONS,
    STS_ASSUME_ROLE,
    STS_TAG_SESSION,
} from "./actions";
import { Condition, InvalidStatementError, renderPolicyJson, StatementSpec } from "./render";

/** Inputs of the assume-only user's identity policy. */
export interface AssumeOnlyUserPolicyOptions {
    /** The only roles the user may assume. Never empty, never `*`. */
    readonly roleArns: readonly string[];
    /** Also allow `sts:TagSession` on those roles. */
    readonly allowTagSession?: boolean;
    /** When given, deny every action from outside these CIDRs (calls made via AWS services excepted). */
    readonly allowedSourceCidrs?: readonly string[];
    /** Deny `sts:AssumeRole` unless the caller signed in with MFA. */
    readonly requireMfa?: boolean;
}

/** The user's identity policy: one Allow for AssumeRole on named roles, and Deny guard rails. */
export function assumeOnlyUserPolicy(o: AssumeOnlyUserPolicyOptions): string {
    if (o.roleArns.length === 0 || o.roleArns.some(arn => arn.includes("*"))) {
        throw new InvalidStatementError("an assume-only user needs explicit role ARNs, never none or `*`");
    }
    const statements: StatementSpec[] = [
        {
            sid: "AssumeGuardedRoles",
            effect: "Allow",
            actions: o.allowTagSession ? [STS_ASSUME_ROLE, STS_TAG_SESSION] : [STS_ASSUME_ROLE],
            resources: o.roleArns,
        },
    ];
    if (o.allowedSourceCidrs && o.allowedSourceCidrs.length > 0) {
        statements.push({
            sid: "DenyOutsideAllowedNetworks",
            effect: "Deny",
            actions: ["*"],
            resources: ["*"],
            conditions: [
                { operator: "NotIpAddress", key: "aws:SourceIp", values: o.allowedSourceCidrs },
                // Calls AWS services make on the user's behalf come from AWS addresses; without this the
                // Deny would break them.
                { operator: "Bool", key: "aws:ViaAWSService", values: ["false"] },
            ],
        });
    }
    if (o.requireMfa) {
        statements.push({
            sid: "DenyAssumeRoleWithoutMfa",
            effect: "Deny",
            actions: [STS_ASSUME_ROLE],
            resources: ["*"],
            // IfExists is right on a Deny: a request that carries no MFA key at all is denied too.
            conditions: [{ operator: "BoolIfExists", key: "aws:MultiFactorAuthPresent", values: ["false"] }],
        });
    }
    return renderPolicyJson(statements);
}

/** Inputs of a role's trust policy. Principals are already ARNs (account IDs turned into root ARNs). */
export interface TrustPolicyOptions {
    /** AWS principal ARNs allowed to assume the role. */
    readonly principalArns: readonly string[];
    /** `IpAddress aws:SourceIp`: the caller's address must be in one of these CIDRs. */
    readonly sourceCidrs?: readonly string[];
    /** `StringEquals sts:ExternalId`: the caller must pass one of these IDs. */
    readonly externalIds?: readonly string[];
    /** `Bool aws:MultiFactorAuthPresent true`. */
    readonly requireMfa?: boolean;
    /** With MFA: `NumericLessThan aws:MultiFactorAuthAge`, in seconds. */
    readonly maxMfaAgeSeconds?: number;
    /** Also trust `sts:TagSession`, for callers that pass session tags. */
    readonly allowTagSession?: boolean;
}

/** The trust conditions a {@link TrustPolicyOptions} binds, as positive, non-IfExists operators only. */
export function trustConditions(o: TrustPolicyOptions): Condition[] {
    const conditions: Condition[] = [];
    if (o.sourceCidrs && o.sourceCidrs.length > 0) {
        conditions.push({ operator: "IpAddress", key: "aws:SourceIp", values: o.sourceCidrs });
    }
    if (o.externalIds && o.externalIds.length > 0) {
        conditions.push({ operator: "StringEquals", key: "sts:ExternalId", values: o.externalIds });
    }
    if (o.requireMfa) {
        conditions.push({ operator: "Bool", key: "aws:MultiFactorAuthPresent", values: ["true"] });
        if (o.maxMfaAgeSeconds !== undefined) {
            conditions.push({
                operator: "NumericLessThan",
                key: "aws:MultiFactorAuthAge",
                values: [String(o.maxMfaAgeSeconds)],
            });
        }
    }
    return conditions;
}

/** The trust policy: one Allow for the principals, bound by every condition asked for. */
export function trustPolicy(o: TrustPolicyOptions): string {
    const conditions = trustConditions(o);
    if (conditions.length === 0) {
        throw new InvalidStatementError("a trust policy for AWS principals must bind at least one condition");
    }
    return renderPolicyJson([
        {
            sid: "TrustConditionedPrincipals",
            effect: "Allow",
            principals: { aws: o.principalArns },
            actions: o.allowTagSession ? [STS_ASSUME_ROLE, STS_TAG_SESSION] : [STS_ASSUME_ROLE],
            conditions,
        },
    ]);
}

/** Inputs of a table grant. */
export interface TableGrantOptions {
    /** The table's ARN. Data actions name it and its `/index/*`, never `*`. */
    readonly tableArn: string;
    /** Item-level actions to grant. */
    readonly actions: readonly string[];
    /** Also grant stream reads on `<table>/stream/*`. */
    readonly streams?: boolean;
    /** Also grant `dynamodb:ListTables`, which only exists on `*`. */
    readonly listTables?: boolean;
}

/** A role policy granting data actions on one table and its indexes (and streams when asked). */
export function tableGrantPolicy(o: TableGrantOptions): string {
    const statements: StatementSpec[] = [
        {
            sid: "TableData",
            effect: "Allow",
            actions: o.actions,
            resources: [o.tableArn, `${o.tableArn}/index/*`],
        },
    ];
    if (o.streams) {
        statements.push({
            sid: "TableStream",
            effect: "Allow",
            actions: DYNAMODB_STREAM_READ_ACTIONS,
            resources: [`${o.tableArn}/stream/*`],
        });
    }
    if (o.listTables) {
        statements.push({ sid: "ListTables", effect: "Allow", actions: [DYNAMODB_LIST_TABLES], resources: ["*"] });
    }
    return renderPolicyJson(statements);
}

/** Inputs of a read-only bucket grant. */
export interface BucketReadOptions {
    /** The bucket's ARN, `arn:<partition>:s3:::<bucket>`. */
    readonly bucketArn: string;
    /** Limit reads and listings to keys under this prefix. Empty means the whole bucket. */
    readonly prefix?: string;
}

/** A role policy that reads objects under one bucket prefix and lists that prefix. */
export function bucketReadPolicy(o: BucketReadOptions): string {
    const prefix = o.prefix ?? "";
    const listConditions: Condition[] =
        prefix === "" ? [] : [{ operator: "StringLike", key: "s3:prefix", values: [`${prefix}*`] }];
    return renderPolicyJson([
        { sid: "ReadObjects", effect: "Allow", actions: S3_READ_OBJECT_ACTIONS, resources: [`${o.bucketArn}/${prefix}*`] },
        {
            sid: "ListBucket",
            effect: "Allow",
            actions: S3_LIST_BUCKET_ACTIONS,
            resources: [o.bucketArn],
            conditions: listConditions,
        },
    ]);
}

/** Inputs of an MFA enrolment role's policy: the users whose devices it enrols, as ARNs. */
export interface MfaEnrolmentOptions {
    /** The users' ARNs. Never a wildcard: the role manages these users' devices and no one else's. */
    readonly userArns: readonly string[];
    /** Their virtual MFA devices' ARNs (`…:mfa/<user name>`), which the role may create and delete. */
    readonly deviceArns: readonly string[];
}

/** The policy of a role that enrols the MFA devices of named users, and of no one else. */
export function mfaEnrolmentPolicy(o: MfaEnrolmentOptions): string {
    if (o.userArns.length === 0 || [...o.userArns, ...o.deviceArns].some(arn => arn.includes("*"))) {
        throw new InvalidStatementError("an MFA enrolment role names its users and their devices, never none or `*`");
    }
    return renderPolicyJson([
        { sid: "TheirVirtualDevices", effect: "Allow", actions: IAM_MFA_DEVICE_ACTIONS, resources: o.deviceArns },
        { sid: "EnableOnTheirUsers", effect: "Allow", actions: IAM_MFA_USER_ACTIONS, resources: o.userArns },
    ]);
}
