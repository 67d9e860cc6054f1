import * as assert from "assert";

import { iamRoleFullAccessReview as rule } from "../../../policypack/rules/iam-role-full-access-review";
import { assertNoViolations, assertViolations, runRule, unknownMessage } from "../assertions";
import { goodStack, OFFICE, resource, T, trustPolicy, UNKNOWN, urn, withProps } from "../fixtures";

const NAME = "iam-role-full-access-review";
const guardedTrust = trustPolicy({ IpAddress: { "aws:SourceIp": OFFICE }, Bool: { "aws:MultiFactorAuthPresent": "true" } });
const admin = resource(T.rolePolicyAttachment, "app-role-admin", { role: "app-role", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" });

describe("rule iam-role-full-access-review", () => {
    it("Compliance: no role holds full access", async () => {
        assertNoViolations(await runRule(rule, goodStack()));
    });

    it("Noncompliance (advisory): an operator role with AdministratorAccess behind MFA and the office network is listed", async () => {
        const result = await runRule(rule, [...withProps(goodStack(), "app-role", { assumeRolePolicy: guardedTrust }), admin]);
        assertViolations(result, NAME, [
            {
                urn: urn(T.role, "app-role"),
                message:
                    "Role 'app-role' holds full access through AWS managed policy AdministratorAccess attached by RolePolicyAttachment 'app-role-admin' (statement 1 allows Action \"*\" on \"*\"); its trust requires MFA and a network condition. " +
                    "Whoever assumes it can read and change every table and bucket in the account. " +
                    "Fix: confirm the role is meant to hold full access and keep its session short, or grant table-scoped permissions instead.",
            },
        ]);
        assert.deepStrictEqual(result.diagnostics.map(d => d.enforcementLevel), ["advisory"]);
    });

    it("Compliance: a full-access role with a weak trust is left to iam-data-permissions-scoped", async () => {
        assertNoViolations(await runRule(rule, [...goodStack(), admin]));
    });

    it("Noncompliance: the trust of a full-access role is unknown during preview", async () => {
        const result = await runRule(rule, [...withProps(goodStack(), "app-role", { assumeRolePolicy: UNKNOWN }), admin]);
        assertViolations(result, NAME, [
            {
                urn: urn(T.role, "app-role"),
                message: unknownMessage("Role 'app-role'", "string value at .assumeRolePolicy can't be known during preview", "iam-role-full-access-review"),
            },
        ]);
    });
});
