/**
 * The assume-guard policy pack, as `pulumi preview --policy-pack policypack` loads it. This file only
 * assembles the pack: the rules live in rules/, their order in policies.ts. Tests import those, never
 * this file, because constructing a PolicyPack starts a gRPC server.
 */
import { PolicyPack } from "@pulumi/policy";

import { PACK_NAME } from "./lib/pack";
import { policies } from "./policies";

new PolicyPack(PACK_NAME, {
    description: "A leaked AWS access key is worth almost nothing: users may only assume roles, roles bind trust conditions, data access stays scoped.",
    policies,
});
