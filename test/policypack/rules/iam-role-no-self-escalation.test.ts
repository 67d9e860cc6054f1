import { iamRoleNoSelfEscalation as rule } from "../../../policypack/rules/iam-role-no-self-escalation";
import { assertNoViolations, assertViolations, runRule } from "../assertions";
import { ACCOUNT, doc, goodStack, OFFICE, resource, T, trustPolicy, urn, withProps } from "../fixtures";

const NAME = "iam-role-no-self-escalation";
const WHO = `Role 'app-role', which arn:aws:iam::${ACCOUNT}:user/app-user can assume,`;
const WHY =
    "A leaked key that reaches this role then reaches everything in the account, whatever the role was meant to touch. " +
    "Fix: remove these actions from the role, or name only other roles' and policies' ARNs that are not the role's own in their Resource.";
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/app-role`;
const VIA = "(statement 1 of inline RolePolicy 'app-role-items')";
const found = (...ways: string[]) => [{ urn: urn(T.role, "app-role"), message: `${WHO} can raise its own privileges: ${ways.join("; ")}. ${WHY}` }];
const granting = (...Statement: Record<string, unknown>[]) => withProps(goodStack(), "app-role-items", { policy: JSON.stringify({ Version: "2012-10-17", Statement }) });
const allow = (Action: unknown, Resource: unknown) => ({ Effect: "Allow", Action, Resource });

describe("rule iam-role-no-self-escalation", () => {
    it("Compliance: the good stack; IAM changes on other roles and policies; PassRole of one named role", async () => {
        assertNoViolations(await runRule(rule, goodStack()));
        const other = granting(
            allow(["iam:PutRolePolicy", "iam:AttachRolePolicy"], `arn:aws:iam::${ACCOUNT}:role/deploy-target`),
            allow("iam:CreatePolicyVersion", `arn:aws:iam::${ACCOUNT}:policy/other`),
            allow("iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/lambda-exec`),
            allow("lambda:CreateFunction", "*"),
        );
        assertNoViolations(await runRule(rule, other));
    });

    it("Compliance: a role of another account than the role's (its provider says which account it is in)", async () => {
        assertNoViolations(await runRule(rule, granting(allow("iam:PutRolePolicy", "arn:aws:iam::999999999999:role/app-role"))));
    });

    it("Compliance: a service role no user can assume, and a full-access role (judged by its trust instead)", async () => {
        const service = withProps(granting(allow("iam:*", "*")), "app-role", { assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }) });
        assertNoViolations(await runRule(rule, service));
        assertNoViolations(await runRule(rule, granting(allow("*", "*"))));
    });

    it("Noncompliance: iam:PutRolePolicy on its own ARN", async () => {
        assertViolations(await runRule(rule, granting(allow("iam:PutRolePolicy", ROLE_ARN))), NAME, found(
            `iam:PutRolePolicy, to write itself an inline policy granting anything [Rhino #12]: Action "iam:PutRolePolicy" on "${ROLE_ARN}" ${VIA}`,
        ));
    });

    it("Noncompliance: iam:AttachRolePolicy on *, iam:UpdateAssumeRolePolicy on a pattern that matches it", async () => {
        const stack = granting(allow("iam:AttachRolePolicy", "*"), allow("iam:UpdateAssumeRolePolicy", `arn:aws:iam::${ACCOUNT}:role/app-*`));
        assertViolations(await runRule(rule, stack), NAME, found(
            `iam:AttachRolePolicy, to attach AdministratorAccess to itself [Rhino #9]: Action "iam:AttachRolePolicy" on "*" ${VIA}`,
            `iam:UpdateAssumeRolePolicy, to rewrite its own trust so that anyone may assume it, with no condition [Rhino #14]: Action "iam:UpdateAssumeRolePolicy" on "arn:aws:iam::${ACCOUNT}:role/app-*" (statement 2 of inline RolePolicy 'app-role-items')`,
        ));
    });

    it("Noncompliance: iam:* on *, every way at once", async () => {
        const ways = [
            `iam:PutRolePolicy, to write itself an inline policy granting anything [Rhino #12]: Action "iam:*" on "*" ${VIA}`,
            `iam:AttachRolePolicy, to attach AdministratorAccess to itself [Rhino #9]: Action "iam:*" on "*" ${VIA}`,
            `iam:UpdateAssumeRolePolicy, to rewrite its own trust so that anyone may assume it, with no condition [Rhino #14]: Action "iam:*" on "*" ${VIA}`,
            `iam:PutRolePermissionsBoundary or iam:DeleteRolePermissionsBoundary, to replace or remove the permissions boundary that caps it [IAM User Guide, permissions boundaries]: Action "iam:*" on "*" ${VIA}`,
            `iam:CreatePolicyVersion or iam:SetDefaultPolicyVersion, to rewrite a managed policy attached to it [Rhino #1, #2]: Action "iam:*" on "*" ${VIA}`,
        ];
        assertViolations(await runRule(rule, granting(allow("iam:*", "*"))), NAME, found(...ways));
    });

    it("Noncompliance: a new default version of a customer policy attached to it", async () => {
        const policyArn = `arn:aws:iam::${ACCOUNT}:policy/app-reader`;
        const role = goodStack().find(r => r.name === "app-role")!;
        const stack = [
            ...granting(allow("iam:CreatePolicyVersion", policyArn)),
            resource(T.policy, "app-reader", { name: "app-reader", policy: doc(allow("s3:GetObject", "arn:aws:s3:::exports/*")) }),
            resource(T.rolePolicyAttachment, "app-reader-attach", { role: "app-role", policyArn }, { role: [role] }),
        ];
        assertViolations(await runRule(rule, stack), NAME, found(
            `iam:CreatePolicyVersion or iam:SetDefaultPolicyVersion, to rewrite a managed policy attached to it [Rhino #1, #2]: Action "iam:CreatePolicyVersion" on "${policyArn}" ${VIA}`,
        ));
    });

    it("Noncompliance: iam:PassRole on every role, with lambda:CreateFunction", async () => {
        const stack = granting(allow("iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/*`), allow(["lambda:CreateFunction", "lambda:InvokeFunction"], "*"));
        assertViolations(await runRule(rule, stack), NAME, found(
            `iam:PassRole with ec2:RunInstances, lambda:CreateFunction and 5 more, to pass any role to compute it controls and act as that role [Rhino #3, #15-17, #19, #21, #22, #24, #27]: Action "iam:PassRole" on "arn:aws:iam::${ACCOUNT}:role/*" ${VIA}`,
        ));
    });

    it("Noncompliance: a role trusted from the office by a vendor account's users is judged too", async () => {
        const stack = withProps(granting(allow("iam:PutRolePolicy", "*")), "app-role", {
            assumeRolePolicy: JSON.stringify(trustPolicy({ IpAddress: { "aws:SourceIp": [OFFICE] }, StringEquals: { "sts:ExternalId": "acme-1" } }, { AWS: "222222222222" })),
        });
        assertViolations(await runRule(rule, stack), NAME, [
            {
                urn: urn(T.role, "app-role"),
                message: `Role 'app-role', which any user of account 222222222222 can assume, can raise its own privileges: iam:PutRolePolicy, to write itself an inline policy granting anything [Rhino #12]: Action "iam:PutRolePolicy" on "*" ${VIA}. ${WHY}`,
            },
        ]);
    });
});
