import * as assert from "assert";

import * as fc from "fast-check";

import { HostResource } from "../../policypack/host";
import { runPack } from "./assertions";
import { T, UNKNOWN, UNKNOWN_ARRAY, urn } from "./fixtures";

const TYPES = [...Object.values(T), "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", "aws:kms/key:Key", "aws:s3/bucket:Bucket"];
const FIELDS = ["name", "user", "users", "group", "groups", "role", "roles", "policy", "policyArn", "policyArns", "userName", "assumeRolePolicy", "inlinePolicies", "managedPolicyArns", "maxSessionDuration", "pointInTimeRecovery", "deletionProtectionEnabled", "arn", "allowedAccountIds", "assumeRoles"];

/** Values shaped like what the pack reads, and junk. */
const statement = fc.record(
    {
        Effect: fc.constantFrom("Allow", "Deny", "allow", 3),
        Action: fc.oneof(fc.constantFrom("*", "dynamodb:*", "sts:AssumeRole", "s3:Get*"), fc.array(fc.string(), { maxLength: 3 })),
        Resource: fc.constantFrom("*", "arn:aws:dynamodb:eu-west-1:111111111111:table/t", ["arn:aws:iam::111111111111:role/r"]),
        Principal: fc.constantFrom("*", { AWS: "111111111111" }, { Service: "events.amazonaws.com" }, { AWS: ["arn:aws:iam::222222222222:root", 7] }),
        Condition: fc.constantFrom({ IpAddress: { "aws:SourceIp": "1.2.3.4/32" } }, { Bool: { "aws:MultiFactorAuthPresent": [true, null] } }, "junk"),
    },
    { requiredKeys: [] },
);
const document = fc.oneof(fc.record({ Statement: fc.oneof(statement, fc.array(statement, { maxLength: 3 })) }), fc.jsonValue());
const value = fc.oneof(
    document,
    document.map(d => JSON.stringify(d)),
    fc.constantFrom(UNKNOWN, UNKNOWN_ARRAY, "app-user", "arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/Nope", null),
    fc.array(fc.oneof(fc.string(), fc.constant(UNKNOWN), fc.record({ policy: document })), { maxLength: 3 }),
    fc.jsonValue(),
);
const resources = fc.array(
    fc.record({ type: fc.constantFrom(...TYPES), props: fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 5 }) }),
    { minLength: 1, maxLength: 6 },
);

describe("hardening: the pack never throws", () => {
    it("judges random props of every type it reads without rejecting, and every message keeps the contract", async () => {
        await fc.assert(
            fc.asyncProperty(resources, async list => {
                const stack: HostResource[] = list.map((r, i) => ({ urn: urn(r.type, `r${i}`), type: r.type, name: `r${i}`, props: r.props as Record<string, unknown> }));
                const result = await runPack(stack);
                for (const d of result.diagnostics) {
                    assert.ok(d.message.startsWith("can't run policy") || / Fix: [^]+$/.test(d.message), d.message);
                    assert.ok(!d.message.includes(" failed while judging "), d.message);
                }
            }),
            { seed: 20250101, numRuns: 300 },
        );
    });
});
