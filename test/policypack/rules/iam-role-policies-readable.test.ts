import * as assert from "assert";

import { iamRolePoliciesReadable as rule } from "../../../policypack/rules/iam-role-policies-readable";
import { assertNoViolations, assertViolations, runRule, unknownMessage } from "../assertions";
import { ACCOUNT, doc, goodStack, resource, T, UNKNOWN, urn, withProps } from "../fixtures";

const NAME = "iam-role-policies-readable";
const WHO = `Role 'app-role', which arn:aws:iam::${ACCOUNT}:user/app-user can assume,`;
const WHY = "What the role can do, and so what a leaked key reaches through it, cannot be checked, so the pack fails closed.";
const EXTERNAL = `arn:aws:iam::${ACCOUNT}:policy/vendor-managed`;
const role = () => goodStack().find(r => r.name === "app-role")!;
const attach = (policyArn: string) => resource(T.rolePolicyAttachment, "app-role-extra", { role: "app-role", policyArn }, { role: [role()] });
const externalMessage =
    `${WHO} is attached ${EXTERNAL} through policy ${EXTERNAL} attached by RolePolicyAttachment 'app-role-extra', a customer managed policy this stack does not define. ${WHY} ` +
    "Fix: define the policy in this stack (aws.iam.Policy) and attach that, or exempt the attachment with a reason if the policy is reviewed elsewhere.";

describe("rule iam-role-policies-readable", () => {
    it("Compliance: the good stack; a known AWS managed policy; a customer policy the stack defines", async () => {
        const policy = resource(T.policy, "reader", { name: "reader", arn: `arn:aws:iam::${ACCOUNT}:policy/reader`, policy: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::exports/*" }) });
        assertNoViolations(await runRule(rule, [...goodStack(), attach("arn:aws:iam::aws:policy/ReadOnlyAccess")]));
        assertNoViolations(await runRule(rule, [...goodStack(), policy, attach(`arn:aws:iam::${ACCOUNT}:policy/reader`)]));
    });

    it("Compliance: an external policy on a role no user can assume (a Lambda's)", async () => {
        const stack = withProps(goodStack(), "app-role", { assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }) });
        assertNoViolations(await runRule(rule, [...stack, attach(EXTERNAL)]));
    });

    it("Noncompliance: a customer managed policy the stack does not define, attached to a role the user can assume", async () => {
        assertViolations(await runRule(rule, [...goodStack(), attach(EXTERNAL)]), NAME, [{ urn: urn(T.role, "app-role"), message: externalMessage }]);
    });

    it("Noncompliance: an AWS managed ARN the pack does not know, in managedPolicyArns", async () => {
        const arn = "arn:aws:iam::aws:policy/NoSuchPolicy";
        assertViolations(await runRule(rule, withProps(goodStack(), "app-role", { managedPolicyArns: [arn] })), NAME, [
            {
                urn: urn(T.role, "app-role"),
                message:
                    `${WHO} is attached ${arn} through AWS managed policy NoSuchPolicy in managedPolicyArns of Role 'app-role', an AWS managed policy this pack does not know. ${WHY} ` +
                    "Fix: attach a known policy, or refresh policypack/data with scripts/refresh-managed-policies.ts if AWS published it recently.",
            },
        ]);
    });

    it("Noncompliance: a role policy that is no policy document", async () => {
        assertViolations(await runRule(rule, withProps(goodStack(), "app-role-items", { policy: '{"Version":"2012-10-17"}' })), NAME, [
            {
                urn: urn(T.role, "app-role"),
                message:
                    `${WHO} receives a policy document that cannot be parsed through inline RolePolicy 'app-role-items': the document has no Statement. ${WHY} ` +
                    "Fix: give RolePolicy 'app-role-items' valid IAM policy JSON.",
            },
        ]);
    });

    it("Exemption: the attachment, or the policy's ARN, exempted with a reason; the use is reported", async () => {
        for (const pattern of ["app-role-extra", EXTERNAL]) {
            const result = await runRule(rule, [...goodStack(), attach(EXTERNAL)], { exemptions: [{ resource: pattern, reason: "SEC-42: owned and reviewed by the vendor team" }] });
            assert.deepStrictEqual(
                result.diagnostics.map(d => [d.policyName, d.urn]),
                [["assume-guard-exemptions-used", urn(T.role, "app-role")]],
                pattern,
            );
        }
    });

    it("Noncompliance: whether a user can assume the role is unknown during preview", async () => {
        assertViolations(await runRule(rule, withProps(goodStack(), "app-role", { assumeRolePolicy: UNKNOWN })), NAME, [
            { urn: urn(T.role, "app-role"), message: unknownMessage("Role 'app-role'", "string value at .assumeRolePolicy can't be known during preview", NAME) },
        ]);
    });
});
