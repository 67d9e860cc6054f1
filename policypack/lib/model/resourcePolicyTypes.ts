/**
 * Rows of the resource model (resourceTypes.ts) for resource policies: every @pulumi/aws type whose
 * property holds a policy document with a `Principal`. `arnFields` name where the account of the
 * governed resource can be read (its own ARN, the ARN it targets, an account ID, a queue URL); the
 * shape is the governed resource's ARN in the Service Authorization Reference.
 */
import type { ArnField, ResourceTypeModel } from "./resourceTypes";

const A = (prop: string): ArnField => ({ prop, form: "arn" });
const ACCOUNT = (prop: string): ArnField => ({ prop, form: "account" });

function row(type: string, prop: string, arn: [string, string, string], arnFields: readonly ArnField[], nested?: string): ResourceTypeModel {
    return {
        type,
        provider: "aws",
        documents: [{ prop, role: "resource", ...(nested ? { nested } : {}) }],
        arnFields,
        arn: { service: arn[0], resourceType: arn[1], shape: arn[2] },
    };
}

const S3_BUCKET: [string, string, string] = ["s3", "bucket", "arn:${Partition}:s3:::${BucketName}"];
const KMS_KEY: [string, string, string] = ["kms", "key", "arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}"];
const ES_DOMAIN: [string, string, string] = ["es", "domain", "arn:${Partition}:es:${Region}:${Account}:domain/${DomainName}"];
const SQS: [string, string, string] = ["sqs", "queue", "arn:${Partition}:sqs:${Region}:${Account}:${QueueName}"];
const SNS: [string, string, string] = ["sns", "topic", "arn:${Partition}:sns:${Region}:${Account}:${TopicName}"];
const SECRET: [string, string, string] = ["secretsmanager", "Secret", "arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}"];
const ECR: [string, string, string] = ["ecr", "repository", "arn:${Partition}:ecr:${Region}:${Account}:repository/${RepositoryName}"];
const GLACIER: [string, string, string] = ["glacier", "vault", "arn:${Partition}:glacier:${Region}:${Account}:vaults/${VaultName}"];
const REST_API: [string, string, string] = ["apigateway", "RestApi", "arn:${Partition}:apigateway:${Region}::/restapis/${RestApiId}"];
const SES_IDENTITY: [string, string, string] = ["ses", "identity", "arn:${Partition}:ses:${Region}:${Account}:identity/${IdentityName}"];

/** The resource-policy rows. */
export const RESOURCE_POLICY_TYPES: readonly ResourceTypeModel[] = [
    // S3 buckets, access points (regional, multi-region, Object Lambda), Outposts, Access Grants, Files, Vectors, Tables
    row("aws:s3/bucket:Bucket", "policy", S3_BUCKET, [A("arn")]),
    row("aws:s3/bucketV2:BucketV2", "policy", S3_BUCKET, [A("arn")]),
    row("aws:s3/bucketPolicy:BucketPolicy", "policy", S3_BUCKET, []),
    row("aws:s3/accessPoint:AccessPoint", "policy", ["s3", "accesspoint", "arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}"], [A("arn"), ACCOUNT("accountId")]),
    row("aws:s3control/accessPointPolicy:AccessPointPolicy", "policy", ["s3", "accesspoint", "arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}"], [A("accessPointArn")]),
    row("aws:s3control/bucketPolicy:BucketPolicy", "policy", ["s3-outposts", "bucket", "arn:${Partition}:s3-outposts:${Region}:${Account}:outpost/${OutpostId}/bucket/${BucketName}"], [A("bucket")]),
    row(
        "aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy",
        "details",
        ["s3", "multiregionaccesspoint", "arn:${Partition}:s3::${Account}:accesspoint/${AccessPointAlias}"],
        [ACCOUNT("accountId")],
        "policy",
    ),
    row(
        "aws:s3control/objectLambdaAccessPointPolicy:ObjectLambdaAccessPointPolicy",
        "policy",
        ["s3-object-lambda", "objectlambdaaccesspoint", "arn:${Partition}:s3-object-lambda:${Region}:${Account}:accesspoint/${AccessPointName}"],
        [ACCOUNT("accountId")],
    ),
    row(
        "aws:s3control/accessGrantsInstanceResourcePolicy:AccessGrantsInstanceResourcePolicy",
        "policy",
        ["s3", "accessgrantsinstance", "arn:${Partition}:s3:${Region}:${Account}:access-grants/default"],
        [ACCOUNT("accountId")],
    ),
    row("aws:fsx/s3AccessPointAttachment:S3AccessPointAttachment", "s3AccessPoint", ["s3", "accesspoint", "arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}"], [A("s3AccessPointArn")], "policy"),
    row("aws:s3/filesFileSystemPolicy:FilesFileSystemPolicy", "policy", ["s3files", "file-system", "arn:${Partition}:s3files:${Region}:${Account}:file-system/${FileSystemId}"], []),
    row("aws:s3/vectorsVectorBucketPolicy:VectorsVectorBucketPolicy", "policy", ["s3vectors", "VectorBucket", "arn:${Partition}:s3vectors:${Region}:${Account}:bucket/${BucketName}"], [A("vectorBucketArn")]),
    row("aws:s3tables/tableBucketPolicy:TableBucketPolicy", "resourcePolicy", ["s3tables", "TableBucket", "arn:${Partition}:s3tables:${Region}:${Account}:bucket/${TableBucketName}"], [A("tableBucketArn")]),
    row("aws:s3tables/tablePolicy:TablePolicy", "resourcePolicy", ["s3tables", "Table", "arn:${Partition}:s3tables:${Region}:${Account}:bucket/${TableBucketName}/table/${TableID}"], [A("tableBucketArn")]),
    // Data stores and messaging
    row("aws:dynamodb/resourcePolicy:ResourcePolicy", "policy", ["dynamodb", "table", "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}"], [A("resourceArn")]),
    row("aws:sqs/queue:Queue", "policy", SQS, [A("arn"), { prop: "url", form: "queue-url" }]),
    row("aws:sqs/queuePolicy:QueuePolicy", "policy", SQS, [{ prop: "queueUrl", form: "queue-url" }]),
    row("aws:sns/topic:Topic", "policy", SNS, [A("arn")]),
    row("aws:sns/topicPolicy:TopicPolicy", "policy", SNS, [A("arn")]),
    row("aws:secretsmanager/secret:Secret", "policy", SECRET, [A("arn")]),
    row("aws:secretsmanager/secretPolicy:SecretPolicy", "policy", SECRET, [A("secretArn")]),
    row("aws:kms/key:Key", "policy", KMS_KEY, [A("arn")]),
    row("aws:kms/keyPolicy:KeyPolicy", "policy", KMS_KEY, [A("keyId")]),
    row("aws:kms/replicaKey:ReplicaKey", "policy", KMS_KEY, [A("arn"), A("primaryKeyArn")]),
    row("aws:kms/externalKey:ExternalKey", "policy", KMS_KEY, [A("arn")]),
    row("aws:kms/replicaExternalKey:ReplicaExternalKey", "policy", KMS_KEY, [A("arn"), A("primaryKeyArn")]),
    row("aws:kinesis/resourcePolicy:ResourcePolicy", "policy", ["kinesis", "stream", "arn:${Partition}:kinesis:${Region}:${Account}:stream/${StreamName}"], [A("resourceArn")]),
    row("aws:opensearch/domain:Domain", "accessPolicies", ES_DOMAIN, [A("arn")]),
    row("aws:opensearch/domainPolicy:DomainPolicy", "accessPolicies", ES_DOMAIN, []),
    row("aws:elasticsearch/domain:Domain", "accessPolicies", ES_DOMAIN, [A("arn")]),
    row("aws:elasticsearch/domainPolicy:DomainPolicy", "accessPolicies", ES_DOMAIN, []),
    row("aws:glacier/vault:Vault", "accessPolicy", GLACIER, [A("arn")]),
    row("aws:glacier/vaultLock:VaultLock", "policy", GLACIER, []),
    row("aws:backup/vaultPolicy:VaultPolicy", "policy", ["backup", "backupVault", "arn:${Partition}:backup:${Region}:${Account}:backup-vault:${BackupVaultName}"], [A("backupVaultArn")]),
    row("aws:efs/fileSystemPolicy:FileSystemPolicy", "policy", ["elasticfilesystem", "file-system", "arn:${Partition}:elasticfilesystem:${Region}:${Account}:file-system/${FileSystemId}"], []),
    row("aws:dsql/clusterPolicy:ClusterPolicy", "policy", ["dsql", "Cluster", "arn:${Partition}:dsql:${Region}:${Account}:cluster/${Identifier}"], []),
    row("aws:msk/clusterPolicy:ClusterPolicy", "policy", ["kafka", "cluster", "arn:${Partition}:kafka:${Region}:${Account}:cluster/${ClusterName}/${Uuid}"], [A("clusterArn")]),
    row("aws:mediastore/containerPolicy:ContainerPolicy", "policy", ["mediastore", "container", "arn:${Partition}:mediastore:${Region}:${Account}:container/${ContainerName}"], []),
    row("aws:redshift/resourcePolicy:ResourcePolicy", "policy", ["redshift", "namespace", "arn:${Partition}:redshift:${Region}:${Account}:namespace:${ClusterNamespace}"], [A("resourceArn")]),
    row(
        "aws:redshiftserverless/resourcePolicy:ResourcePolicy",
        "policy",
        ["redshift-serverless", "snapshot", "arn:${Partition}:redshift-serverless:${Region}:${Account}:snapshot/${SnapshotId}"],
        [A("resourceArn")],
    ),
    row("aws:glue/resourcePolicy:ResourcePolicy", "policy", ["glue", "catalog", "arn:${Partition}:glue:${Region}:${Account}:catalog/${CatalogName}"], []),
    // Code, containers, APIs and functions
    row("aws:ecr/repositoryPolicy:RepositoryPolicy", "policy", ECR, []),
    row("aws:ecr/registryPolicy:RegistryPolicy", "policy", ECR, []),
    row("aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate", "repositoryPolicy", ECR, []),
    row("aws:ecrpublic/repositoryPolicy:RepositoryPolicy", "policy", ["ecr-public", "repository", "arn:${Partition}:ecr-public::${Account}:repository/${RepositoryName}"], []),
    row("aws:codeartifact/domainPermissions:DomainPermissions", "policyDocument", ["codeartifact", "domain", "arn:${Partition}:codeartifact:${Region}:${Account}:domain/${DomainName}"], []),
    row(
        "aws:codeartifact/repositoryPermissionsPolicy:RepositoryPermissionsPolicy",
        "policyDocument",
        ["codeartifact", "repository", "arn:${Partition}:codeartifact:${Region}:${Account}:repository/${DomainName}/${RepositoryName}"],
        [],
    ),
    row("aws:codebuild/resourcePolicy:ResourcePolicy", "policy", ["codebuild", "project", "arn:${Partition}:codebuild:${Region}:${Account}:project/${ProjectName}"], [A("resourceArn")]),
    row("aws:apigateway/restApi:RestApi", "policy", REST_API, []),
    row("aws:apigateway/restApiPolicy:RestApiPolicy", "policy", REST_API, []),
    row("aws:apigateway/domainName:DomainName", "policy", ["apigateway", "DomainName", "arn:${Partition}:apigateway:${Region}::/domainnames/${DomainName}"], []),
    row("aws:lambda/resourcePolicy:ResourcePolicy", "policy", ["lambda", "function", "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}"], [A("resourceArn")]),
    row("aws:schemas/registryPolicy:RegistryPolicy", "policy", ["schemas", "registry", "arn:${Partition}:schemas:${Region}:${Account}:registry/${RegistryName}"], []),
    row("aws:sagemaker/modelPackageGroupPolicy:ModelPackageGroupPolicy", "resourcePolicy", ["sagemaker", "model-package-group", "arn:${Partition}:sagemaker:${Region}:${Account}:model-package-group/${ModelPackageGroupName}"], []),
    row("aws:bedrock/agentcoreResourcePolicy:AgentcoreResourcePolicy", "policy", ["bedrock-agentcore", "runtime", "arn:${Partition}:bedrock-agentcore:${Region}:${Account}:runtime/${RuntimeId}"], [A("resourceArn")]),
    // Logs, events, monitoring, networking, messaging and certificates
    row("aws:cloudwatch/logResourcePolicy:LogResourcePolicy", "policyDocument", ["logs", "log-group", "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}"], [A("resourceArn")]),
    row("aws:cloudwatch/logDestinationPolicy:LogDestinationPolicy", "accessPolicy", ["logs", "destination", "arn:${Partition}:logs:${Region}:${Account}:destination:${DestinationName}"], []),
    row(
        "aws:cloudwatch/logDeliveryDestinationPolicy:LogDeliveryDestinationPolicy",
        "deliveryDestinationPolicy",
        ["logs", "delivery-destination", "arn:${Partition}:logs:${Region}:${Account}:delivery-destination:${DeliveryDestinationName}"],
        [],
    ),
    row("aws:cloudwatch/eventBusPolicy:EventBusPolicy", "policy", ["events", "event-bus", "arn:${Partition}:events:${Region}:${Account}:event-bus/${EventBusName}"], []),
    row("aws:oam/sinkPolicy:SinkPolicy", "policy", ["oam", "Sink", "arn:${Partition}:oam:${Region}:${Account}:sink/${ResourceId}"], [A("sinkIdentifier")]),
    row("aws:xray/resourcePolicy:ResourcePolicy", "policyDocument", ["xray", "group", "arn:${Partition}:xray:${Region}:${Account}:group/${GroupName}/${Id}"], []),
    row("aws:amp/resourcePolicy:ResourcePolicy", "policyDocument", ["aps", "workspace", "arn:${Partition}:aps:${Region}:${Account}:workspace/${WorkspaceId}"], []),
    row("aws:opensearchingest/resourcePolicy:ResourcePolicy", "policy", ["osis", "pipeline", "arn:${Partition}:osis:${Region}:${Account}:pipeline/${PipelineName}"], [A("resourceArn")]),
    row("aws:cloudsearch/domainServiceAccessPolicy:DomainServiceAccessPolicy", "accessPolicy", ["cloudsearch", "domain", "arn:${Partition}:cloudsearch:${Region}:${Account}:domain/${DomainName}"], []),
    row(
        "aws:networkfirewall/resourcePolicy:ResourcePolicy",
        "policy",
        ["network-firewall", "FirewallPolicy", "arn:${Partition}:network-firewall:${Region}:${Account}:firewall-policy/${Name}"],
        [A("resourceArn")],
    ),
    row("aws:vpclattice/authPolicy:AuthPolicy", "policy", ["vpc-lattice", "Service", "arn:${Partition}:vpc-lattice:${Region}:${Account}:service/${ServiceId}"], [A("resourceIdentifier")]),
    row(
        "aws:vpclattice/resourcePolicy:ResourcePolicy",
        "policy",
        ["vpc-lattice", "ServiceNetwork", "arn:${Partition}:vpc-lattice:${Region}:${Account}:servicenetwork/${ServiceNetworkId}"],
        [A("resourceArn")],
    ),
    row("aws:ses/identityPolicy:IdentityPolicy", "policy", SES_IDENTITY, [A("identity")]),
    row("aws:sesv2/emailIdentityPolicy:EmailIdentityPolicy", "policy", SES_IDENTITY, []),
    row("aws:pinpoint/smsvoicev2ResourcePolicy:Smsvoicev2ResourcePolicy", "policy", ["sms-voice", "PhoneNumber", "arn:${Partition}:sms-voice:${Region}:${Account}:phone-number/${PhoneNumberId}"], [A("resourceArn")]),
    row("aws:acmpca/policy:Policy", "policy", ["acm-pca", "certificate-authority", "arn:${Partition}:acm-pca:${Region}:${Account}:certificate-authority/${CertificateAuthorityId}"], [A("resourceArn")]),
];
