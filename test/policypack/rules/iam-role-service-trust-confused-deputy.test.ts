import { iamRoleServiceTrustConfusedDeputy as rule } from "../../../policypack/rules/iam-role-service-trust-confused-deputy";
import { assertNoViolations, assertViolations, runRule, unknownMessage } from "../assertions";
import { ACCOUNT, goodStack, trustPolicy, UNKNOWN, urn, T, withProps } from "../fixtures";

const NAME = "iam-role-service-trust-confused-deputy";
const withService = (service: unknown, condition: Record<string, unknown> = {}) => withProps(goodStack(), "app-role", { assumeRolePolicy: trustPolicy(condition, { Service: service }) });

describe("rule iam-role-service-trust-confused-deputy", () => {
    it("Compliance: a user-trusted role", async () => {
        assertNoViolations(await runRule(rule, goodStack()));
    });

    it("Compliance: an execution role for Lambda (ignored by default)", async () => {
        assertNoViolations(await runRule(rule, withService("lambda.amazonaws.com")));
    });

    it("Compliance: a service bound by aws:SourceAccount", async () => {
        assertNoViolations(await runRule(rule, withService("events.amazonaws.com", { StringEquals: { "aws:SourceAccount": ACCOUNT } })));
    });

    it("Noncompliance: a service with no source condition", async () => {
        const result = await runRule(rule, withService(["events.amazonaws.com", "lambda.amazonaws.com"]));
        assertViolations(result, NAME, [
            {
                urn: urn(T.role, "app-role"),
                message:
                    "Role 'app-role' trusts AWS services without binding the calling resource: statement 1 admits events.amazonaws.com. " +
                    "Without aws:SourceArn or aws:SourceAccount, the service can be made to assume the role for another customer's resource (the confused deputy). " +
                    "Fix: add StringEquals aws:SourceAccount (or ArnLike aws:SourceArn) naming your own account or resource to those statements.",
            },
        ]);
    });

    it("Noncompliance: ignoredServices set to nothing judges Lambda too", async () => {
        const result = await runRule(rule, withService("lambda.amazonaws.com", { ArnLike: { "aws:SourceArn": "*" } }), { ignoredServices: [] });
        assertViolations(result, NAME, [
            {
                urn: urn(T.role, "app-role"),
                message:
                    "Role 'app-role' trusts AWS services without binding the calling resource: statement 1 admits lambda.amazonaws.com. " +
                    "Without aws:SourceArn or aws:SourceAccount, the service can be made to assume the role for another customer's resource (the confused deputy). " +
                    "Fix: add StringEquals aws:SourceAccount (or ArnLike aws:SourceArn) naming your own account or resource to those statements.",
            },
        ]);
    });

    it("Noncompliance: the trust is unknown during preview", async () => {
        const result = await runRule(rule, withProps(goodStack(), "app-role", { assumeRolePolicy: UNKNOWN }));
        assertViolations(result, NAME, [
            {
                urn: urn(T.role, "app-role"),
                message: unknownMessage("Role 'app-role'", "string value at .assumeRolePolicy can't be known during preview", "iam-role-service-trust-confused-deputy"),
            },
        ]);
    });
});
