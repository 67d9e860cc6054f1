import { sessionPolicyNarrows as rule } from "../../../policypack/rules/session-policy-narrows";
import { assertNoViolations, assertViolations, runRule, unknownMessage } from "../assertions";
import { ARN, goodStack, resource, T, UNKNOWN, urn } from "../fixtures";
import { jsonParseError } from "../../support/json";

const NAME = "session-policy-narrows";
const PROVIDER = urn(T.provider, "narrow");

/** The good stack plus a provider assuming its role with `session` as inline session policy. */
function withSession(session: unknown, extra: Record<string, unknown> = {}) {
    const assumeRoles = JSON.stringify([{ roleArn: ARN.role, sessionName: "ci", policy: typeof session === "string" ? session : JSON.stringify(session), ...extra }]);
    return [...goodStack(), resource(T.provider, "narrow", { region: "eu-west-1", assumeRoles })];
}

const allow = (action: unknown) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: "*" }] });
const widening = (what: string) =>
    `Provider 'narrow' assumes role 'app-role' with a session policy whose statement 1 allows ${what}, which the role's own policies in this stack do not grant. ` +
    "A session policy can only narrow a role, so this grant does nothing and usually signals the wrong role or a permission missing from it. " +
    "Fix: remove it from the session policy, or grant it to the role if the session needs it.";

describe("rule session-policy-narrows", () => {
    it("Compliance: a stack without providers that assume roles", async () => {
        assertNoViolations(await runRule(rule, goodStack()));
    });

    it("Compliance: a session narrowed to one action the role grants", async () => {
        assertNoViolations(await runRule(rule, withSession(allow("dynamodb:GetItem"))));
    });

    it("Compliance: a session pattern the role's pattern covers, in another case", async () => {
        assertNoViolations(await runRule(rule, withSession(allow(["DYNAMODB:getitem", "dynamodb:Query"]))));
    });

    it("Compliance: managed session policies only (nothing inline to compare)", async () => {
        const stack = [...goodStack(), resource(T.provider, "narrow", { assumeRoles: JSON.stringify([{ roleArn: ARN.role, policyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] }]) })];
        assertNoViolations(await runRule(rule, stack));
    });

    it("Compliance: a role outside the stack is not judged", async () => {
        const stack = [...goodStack(), resource(T.provider, "narrow", { assumeRoles: [{ roleArn: "arn:aws:iam::999999999999:role/elsewhere", policy: JSON.stringify(allow("*")) }] })];
        assertNoViolations(await runRule(rule, stack));
    });

    it("Noncompliance: the session allows actions the role does not hold", async () => {
        assertViolations(await runRule(rule, withSession(allow(["dynamodb:GetItem", "sns:CreateTopic", "s3:*"]))), NAME, [
            { urn: PROVIDER, message: widening('"sns:CreateTopic", "s3:*"') },
        ]);
    });

    it("Noncompliance: a session NotAction tries to allow everything but a few", async () => {
        const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }] };
        assertViolations(await runRule(rule, withSession(policy)), NAME, [{ urn: PROVIDER, message: widening('"NotAction iam:*"') }]);
    });

    it("Noncompliance: the older assumeRole object form", async () => {
        const stack = [...goodStack(), resource(T.provider, "narrow", { assumeRole: { roleArn: ARN.role, policy: JSON.stringify(allow("sqs:SendMessage")) } })];
        assertViolations(await runRule(rule, stack), NAME, [{ urn: PROVIDER, message: widening('"sqs:SendMessage"') }]);
    });

    it("Noncompliance: a session policy that cannot be parsed", async () => {
        assertViolations(await runRule(rule, withSession("{ not json")), NAME, [
            {
                urn: PROVIDER,
                message:
                    `Provider 'narrow' assumes role 'app-role' with a session policy that cannot be parsed (the document is not valid JSON (${jsonParseError("{ not json")})). ` +
                    "AWS refuses such a session, so the deployment would fail. Fix: pass a valid policy document.",
            },
        ]);
    });

    it("Noncompliance: the provider's sessions are unknown during preview", async () => {
        const stack = [...goodStack(), resource(T.provider, "narrow", { assumeRoles: UNKNOWN })];
        assertViolations(await runRule(rule, stack), NAME, [
            { urn: PROVIDER, message: unknownMessage("Provider 'narrow'", "string value at .assumeRoles can't be known during preview", NAME) },
        ]);
    });
});
