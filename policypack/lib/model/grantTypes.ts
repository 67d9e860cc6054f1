/**
 * Rows of the resource model (resourceTypes.ts) for grants that are not documents: a property names
 * a principal (an ARN, an account ID, a service or `*`) and the grant gives it actions. The pack
 * reads each as a one-statement resource policy (lib/grants.ts), so that every rule judges it as it
 * judges a document: a KMS grant to a user lets the user decrypt with no identity policy at all
 * (AWS KMS Developer Guide, "Grants in AWS KMS"); a Lambda permission naming a user is a statement
 * of the function's resource policy; an EKS access entry lets the principal's key call the cluster.
 */
import type { ResourceTypeModel } from "./resourceTypes";

const FUNCTION: [string, string, string] = ["lambda", "function", "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}"];
const CLUSTER: [string, string, string] = ["eks", "cluster", "arn:${Partition}:eks:${Region}:${Account}:cluster/${ClusterName}"];

function row(type: string, grant: NonNullable<ResourceTypeModel["grant"]>, arn: [string, string, string], arnFields: ResourceTypeModel["arnFields"] = []): ResourceTypeModel {
    return { type, provider: "aws", grant, arnFields, arn: { service: arn[0], resourceType: arn[1], shape: arn[2] } };
}

/** The grant rows. */
export const GRANT_TYPES: readonly ResourceTypeModel[] = [
    row(
        "aws:kms/grant:Grant",
        {
            principals: [
                { prop: "granteePrincipal", actions: { prop: "operations", prefix: "kms:" } },
                { prop: "retiringPrincipal", actions: { fixed: ["kms:RetireGrant"] } },
            ],
        },
        ["kms", "key", "arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}"],
        [{ prop: "keyId", form: "arn" }],
    ),
    row(
        "aws:lambda/permission:Permission",
        {
            principals: [{ prop: "principal", actions: { prop: "action" } }],
            conditions: [
                { prop: "principalOrgId", key: "aws:PrincipalOrgID" },
                { prop: "sourceAccount", key: "aws:SourceAccount" },
                { prop: "sourceArn", key: "aws:SourceArn" },
            ],
        },
        FUNCTION,
        [{ prop: "function", form: "arn" }],
    ),
    row(
        "aws:lambda/layerVersionPermission:LayerVersionPermission",
        { principals: [{ prop: "principal", actions: { prop: "action" } }], conditions: [{ prop: "organizationId", key: "aws:PrincipalOrgID" }] },
        ["lambda", "layerVersion", "arn:${Partition}:lambda:${Region}:${Account}:layer:${LayerName}:${LayerVersion}"],
    ),
    row(
        "aws:cloudwatch/eventPermission:EventPermission",
        {
            principals: [{ prop: "principal", actions: { prop: "action", default: ["events:PutEvents"] } }],
            conditions: [{ prop: "condition", key: "aws:PrincipalOrgID", nestedValue: "value" }],
        },
        ["events", "event-bus", "arn:${Partition}:events:${Region}:${Account}:event-bus/${EventBusName}"],
    ),
    row(
        "aws:signer/signingProfilePermission:SigningProfilePermission",
        { principals: [{ prop: "principal", actions: { prop: "action" } }] },
        ["signer", "signing-profile", "arn:${Partition}:signer:${Region}:${Account}:/signing-profiles/${ProfileName}"],
    ),
    row("aws:eks/accessEntry:AccessEntry", { principals: [{ prop: "principalArn", actions: { fixed: ["eks:AccessKubernetesApi"] } }] }, CLUSTER),
    row("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", { principals: [{ prop: "principalArn", actions: { fixed: ["eks:AccessKubernetesApi"] } }] }, CLUSTER),
];
