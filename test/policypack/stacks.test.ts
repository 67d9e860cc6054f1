import * as assert from "assert";

import { toHostResources } from "../../gate/judge";
import { fromMockedRun, SecretScrubber } from "../../gate/resources";
import { HostResource, runPolicies } from "../../policypack/host";
import { policies } from "../../policypack/policies";
import { runStack } from "../support/mocked";

async function stackResources(stack: string): Promise<HostResource[]> {
    const run = await runStack(stack);
    return toHostResources(fromMockedRun(run.resources, new SecretScrubber()));
}

async function mandatory(resources: HostResource[]): Promise<[string, string | undefined][]> {
    const result = await runPolicies(policies, resources);
    return result.diagnostics.filter(d => d.enforcementLevel === "mandatory").map(d => [d.policyName, d.urn]);
}

/** `resources` with the props of the resource named `name` patched. */
function patch(resources: HostResource[], name: string, props: Record<string, unknown>): HostResource[] {
    return resources.map(r => (r.name === name ? { ...r, props: { ...r.props, ...props } } : r));
}

describe("the program's stacks through the pack", () => {
    for (const stack of ["dev", "prod"]) {
        describe(stack, () => {
            let resources: HostResource[];
            before(async () => {
                resources = await stackResources(stack);
            });

            it(`Compliance: the ${stack} stack has no mandatory violation`, async () => {
                assert.deepStrictEqual(await mandatory(resources), []);
            });

            it(`Noncompliance: ${stack} with the role's trust stripped of its condition`, async () => {
                const role = resources.find(r => r.name === "connector-role") as HostResource;
                const trust = JSON.parse(role.props["assumeRolePolicy"] as string);
                delete trust.Statement[0].Condition;
                assert.deepStrictEqual(await mandatory(patch(resources, "connector-role", { assumeRolePolicy: JSON.stringify(trust) })), [
                    ["iam-role-trust-requires-conditions", role.urn],
                ]);
            });

            it(`Noncompliance: ${stack} with a data action on the user`, async () => {
                // The user's policy is its group's customer managed policy: the user rules follow the group to the user,
                // and the policy itself names no table for its DynamoDB action.
                const policy = resources.find(r => r.name === "connector-assume") as HostResource;
                const user = resources.find(r => r.name === "connector-user") as HostResource;
                const doc = JSON.parse(policy.props["policy"] as string);
                doc.Statement[0].Action = ["sts:AssumeRole", "dynamodb:GetItem"];
                assert.deepStrictEqual((await mandatory(patch(resources, "connector-assume", { policy: JSON.stringify(doc) }))).sort(), [
                    ["iam-data-permissions-scoped", policy.urn],
                    ["iam-user-assume-only", user.urn],
                    ["iam-user-no-direct-data-access", user.urn],
                ]);
            });
        });
    }
});
