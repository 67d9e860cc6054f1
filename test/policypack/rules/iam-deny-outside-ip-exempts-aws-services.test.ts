import { iamDenyOutsideIpExemptsAwsServices as rule } from "../../../policypack/rules/iam-deny-outside-ip-exempts-aws-services";
import { assertNoViolations, assertViolations, runRule, unknownMessage } from "../assertions";
import { doc, goodStack, OFFICE, resource, T, UNKNOWN, urn, withProps } from "../fixtures";

const NAME = "iam-deny-outside-ip-exempts-aws-services";
const WHY =
    "Calls that AWS services make on the principal's behalf come from AWS addresses and are denied too, which breaks them. " +
    'Fix: add "Bool": {"aws:ViaAWSService": "false"} to the statement\'s Condition.';
const deny = (condition: Record<string, unknown>) => doc({ Sid: "DenyOutside", Effect: "Deny", Action: "*", Resource: "*", Condition: condition });

describe("rule iam-deny-outside-ip-exempts-aws-services", () => {
    it("Compliance: the assume-only user's Deny exempts AWS services", async () => {
        assertNoViolations(await runRule(rule, goodStack()));
    });

    it("Noncompliance: Deny outside the office without aws:ViaAWSService", async () => {
        const result = await runRule(rule, withProps(goodStack(), "app-user-assume", { policy: deny({ NotIpAddress: { "aws:SourceIp": [OFFICE, "203.0.113.7/32"] } }) }));
        assertViolations(result, NAME, [
            {
                urn: urn(T.userPolicy, "app-user-assume"),
                message: `UserPolicy 'app-user-assume' statement 1 ("DenyOutside") denies requests from outside ${OFFICE} and 203.0.113.7/32 without Bool aws:ViaAWSService "false". ${WHY}`,
            },
        ]);
    });

    it("Noncompliance: aws:ViaAWSService true does not exempt services", async () => {
        const policy = deny({ NotIpAddressIfExists: { "aws:SourceIp": OFFICE }, Bool: { "aws:ViaAWSService": "true" } });
        const result = await runRule(rule, [...goodStack(), resource(T.policy, "guard", { name: "guard", policy })]);
        assertViolations(result, NAME, [
            { urn: urn(T.policy, "guard"), message: `Policy 'guard' statement 1 ("DenyOutside") denies requests from outside ${OFFICE} without Bool aws:ViaAWSService "false". ${WHY}` },
        ]);
    });

    it("Noncompliance: a role's inline policy", async () => {
        const result = await runRule(rule, withProps(goodStack(), "app-role", { inlinePolicies: [{ name: "guard", policy: deny({ NotIpAddress: { "aws:SourceIp": OFFICE } }) }] }));
        assertViolations(result, NAME, [
            { urn: urn(T.role, "app-role"), message: `Role 'app-role' statement 1 ("DenyOutside") denies requests from outside ${OFFICE} without Bool aws:ViaAWSService "false". ${WHY}` },
        ]);
    });

    it("Noncompliance: the policy is unknown during preview", async () => {
        const result = await runRule(rule, withProps(goodStack(), "app-role-items", { policy: UNKNOWN }));
        assertViolations(result, NAME, [
            {
                urn: urn(T.rolePolicy, "app-role-items"),
                message: unknownMessage("RolePolicy 'app-role-items'", "string value at .policy can't be known during preview", "iam-deny-outside-ip-exempts-aws-services"),
            },
        ]);
    });
});
