/**
 * Named IAM action lists. Every grant the components make is built from these, never from literals.
 *
 * Left out on purpose, so that a grant never reaches them:
 * - table management: `dynamodb:CreateTable`, `DeleteTable`, `UpdateTable`, `UpdateTimeToLive`, tagging;
 * - backups and exports (`CreateBackup`, `RestoreTableFromBackup`, `ExportTableToPointInTime`,
 *   `ImportTable`): they copy the whole table somewhere else, which is more than reading items;
 * - `dynamodb:ListTables`, which cannot be scoped to a table; ScopedTable adds it on `*` only when asked;
 * - `dynamodb:ListStreams`, likewise unscoped; stream readers are handed the stream ARN instead.
 */

/** The only action an assume-only user is allowed to call. */
export const STS_ASSUME_ROLE = "sts:AssumeRole";

/** Lets the caller pass session tags on AssumeRole; granted only when asked for. */
export const STS_TAG_SESSION = "sts:TagSession";

/** Reading items from a table and its indexes, plus `DescribeTable`, which SDK clients call first. */
export const DYNAMODB_READ_DATA_ACTIONS: readonly string[] = [
    "dynamodb:BatchGetItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:DescribeTable",
    "dynamodb:GetItem",
    "dynamodb:PartiQLSelect",
    "dynamodb:Query",
    "dynamodb:Scan",
];

/** Writing items. Table-level changes are deliberately absent (see the module comment). */
export const DYNAMODB_WRITE_DATA_ACTIONS: readonly string[] = [
    "dynamodb:BatchWriteItem",
    "dynamodb:DeleteItem",
    "dynamodb:PartiQLDelete",
    "dynamodb:PartiQLInsert",
    "dynamodb:PartiQLUpdate",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
];

/** Reading a table's stream; granted on `…/stream/*` only when the caller asks for streams. */
export const DYNAMODB_STREAM_READ_ACTIONS: readonly string[] = [
    "dynamodb:DescribeStream",
    "dynamodb:GetRecords",
    "dynamodb:GetShardIterator",
];

/** Listing table names. It has no resource-level permissions, so it is only ever granted on `*`. */
export const DYNAMODB_LIST_TABLES = "dynamodb:ListTables";

/** Reading objects under a bucket prefix (object-level actions). */
export const S3_READ_OBJECT_ACTIONS: readonly string[] = ["s3:GetObject"];

/** Listing a bucket's keys and versions (bucket-level actions), narrowed to a prefix by condition. */
export const S3_LIST_BUCKET_ACTIONS: readonly string[] = ["s3:ListBucket", "s3:ListBucketVersions"];

/**
 * An MFA enrolment role's actions on the devices it enrols (resource `mfa/<name>`): create the
 * virtual device the person scans, or delete it to start over. Tagging (`iam:TagMFADevice`) is left
 * out: devices are created untagged.
 */
export const IAM_MFA_DEVICE_ACTIONS: readonly string[] = ["iam:CreateVirtualMFADevice", "iam:DeleteVirtualMFADevice"];

/**
 * An MFA enrolment role's actions on the users whose devices it enrols (resource `user/<name>`):
 * enable the device with two codes, resync it, deactivate a lost one, list what the user holds.
 */
export const IAM_MFA_USER_ACTIONS: readonly string[] = ["iam:DeactivateMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice"];
