import * as assert from "assert";

import { iamUserAssumeOnly as rule } from "../../../policypack/rules/iam-user-assume-only";
import { assertNoViolations, assertViolations, runRule, unknownMessage } from "../assertions";
import { ACCOUNT, ARN, doc, goodStack, resource, T, UNKNOWN, urn, withProps } from "../fixtures";
import { assumeRole } from "../../support/simulate";

const NAME = "iam-user-assume-only";
const WHY =
    "Anything beyond sts:AssumeRole on named roles is usable with a leaked key alone, without the role's conditions. " +
    "Fix: reduce the user's Allow statements to sts:AssumeRole on explicit role ARNs (conditions go on the roles' trust).";
const more = (via: string, found: string, user = "app-user") => `IAM user '${user}' is allowed more than assuming named roles through ${via}: ${found}. ${WHY}`;
const INLINE = urn(T.userPolicy, "app-user-assume");
const VIA = "inline UserPolicy 'app-user-assume'";
const withUserPolicy = (policy: unknown) => withProps(goodStack(), "app-user-assume", { policy });

describe("rule iam-user-assume-only", () => {
    it("Compliance: AssumeRole on an explicit role ARN, with Deny guard rails", async () => {
        assertNoViolations(await runRule(rule, goodStack()));
    });

    it("Compliance: AssumeRole, TagSession and SetSourceIdentity on two role ARNs", async () => {
        const policy = doc({ Effect: "Allow", Action: ["sts:AssumeRole", "sts:TagSession", "STS:SetSourceIdentity"], Resource: [ARN.role, `arn:aws:iam::${ACCOUNT}:role/ops/other`] });
        assertNoViolations(await runRule(rule, withUserPolicy(policy)));
    });

    it("Noncompliance: AssumeRole on any role", async () => {
        const result = await runRule(rule, withUserPolicy(doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" })));
        assertViolations(result, NAME, [{ urn: INLINE, message: more(VIA, 'statement 1 allows sts:AssumeRole on "*", not on explicit role ARNs') }]);
    });

    it("Noncompliance: AssumeRole on a wildcard role path", async () => {
        const result = await runRule(rule, withUserPolicy(doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:aws:iam::${ACCOUNT}:role/app-*` })));
        assertViolations(result, NAME, [{ urn: INLINE, message: more(VIA, `statement 1 allows sts:AssumeRole on "arn:aws:iam::${ACCOUNT}:role/app-*", not on explicit role ARNs`) }]);
    });

    it("Noncompliance: AssumeRole on a role ARN the caller fills in through a policy variable (the evaluator lets the request pick the role)", async () => {
        const variable = `arn:aws:iam::${ACCOUNT}:role/\${aws:RequestTag/target}`;
        const policy = doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: variable });
        const admin = `arn:aws:iam::${ACCOUNT}:role/admin`;
        const trust = doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole" });
        const ask = (target: string) =>
            assumeRole({ caller: ARN.user, callerPolicies: [policy], roleArn: admin, trustPolicy: trust, context: { sourceIp: null, mfa: null, viaAwsService: false, extra: { "aws:RequestTag/target": target } } });
        assert.deepStrictEqual([await ask("admin"), await ask("reader")], ["Allowed", "ImplicitlyDenied"]);
        const result = await runRule(rule, withUserPolicy(policy));
        assertViolations(result, NAME, [
            { urn: INLINE, message: more(VIA, `statement 1 allows sts:AssumeRole on "${variable}" (a policy variable, filled in from the caller's request), not on explicit role ARNs`) },
        ]);
    });

    it("Noncompliance: AssumeRole with NotResource", async () => {
        const result = await runRule(rule, withUserPolicy(doc({ Effect: "Allow", Action: "sts:AssumeRole", NotResource: ARN.role })));
        assertViolations(result, NAME, [{ urn: INLINE, message: more(VIA, `statement 1 allows sts:AssumeRole on NotResource ["${ARN.role}"], not on explicit role ARNs`) }]);
    });

    it("Noncompliance: sts:* is a wildcard, not AssumeRole", async () => {
        const result = await runRule(rule, withUserPolicy(doc({ Effect: "Allow", Action: "sts:*", Resource: ARN.role })));
        assertViolations(result, NAME, [{ urn: INLINE, message: more(VIA, 'statement 1 allows "sts:*"') }]);
    });

    it("Noncompliance: a control-plane action outside the data catalogue", async () => {
        const result = await runRule(rule, withUserPolicy(doc({ Effect: "Allow", Action: ["sts:AssumeRole", "dynamodb:DeleteTable", "iam:PutUserPolicy"], Resource: ARN.role })));
        assertViolations(result, NAME, [{ urn: INLINE, message: more(VIA, 'statement 1 allows "dynamodb:DeleteTable" and "iam:PutUserPolicy"') }]);
    });

    it("Noncompliance: NotAction allows every other action", async () => {
        const result = await runRule(rule, withUserPolicy(doc({ Effect: "Allow", NotAction: "dynamodb:*", Resource: "*" })));
        assertViolations(result, NAME, [{ urn: INLINE, message: more(VIA, 'statement 1 allows NotAction "dynamodb:*", that is every other action') }]);
    });

    it("Compliance: allowedActions accepts a listed action, matched exactly and case-insensitively", async () => {
        const policy = JSON.stringify({
            Statement: [
                { Effect: "Allow", Action: "sts:AssumeRole", Resource: ARN.role },
                { Effect: "Allow", Action: ["IAM:GetUser", "iam:ListMFADevices"], Resource: `arn:aws:iam::${ACCOUNT}:user/\${aws:username}` },
            ],
        });
        assertNoViolations(await runRule(rule, withUserPolicy(policy), { allowedActions: ["iam:GetUser", "iam:ListMFADevices"] }));
    });

    it("Noncompliance: allowedActions never accepts MFA-device management, listed or through a wildcard, and says so", async () => {
        const policy = JSON.stringify({
            Statement: [
                { Effect: "Allow", Action: "sts:AssumeRole", Resource: ARN.role },
                { Effect: "Allow", Action: ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser"], Resource: `arn:aws:iam::${ACCOUNT}:mfa/\${aws:username}` },
                { Effect: "Allow", Action: "iam:*MFADevice", Resource: "*" },
            ],
        });
        const result = await runRule(rule, withUserPolicy(policy), { allowedActions: ["iam:CreateVirtualMFADevice", "IAM:EnableMFADevice", "iam:GetUser", "iam:*MFADevice"] });
        assertViolations(result, NAME, [
            {
                urn: INLINE,
                message: more(
                    VIA,
                    'statement 2 allows "iam:CreateVirtualMFADevice" and "iam:EnableMFADevice" (allowedActions never accepts MFA-device management: "iam:CreateVirtualMFADevice" and "iam:EnableMFADevice"); ' +
                        'statement 3 allows "iam:*MFADevice" (allowedActions never accepts MFA-device management: "iam:*MFADevice")',
                ),
            },
        ]);
    });

    it("Noncompliance: allowedActions match as written, so a wildcard is not covered by a listed action", async () => {
        const result = await runRule(rule, withUserPolicy(doc({ Effect: "Allow", Action: "iam:Get*", Resource: "*" })), { allowedActions: ["iam:GetUser"] });
        assertViolations(result, NAME, [{ urn: INLINE, message: more(VIA, 'statement 1 allows "iam:Get*"') }]);
    });

    it("Noncompliance: a group path grants ViewOnlyAccess", async () => {
        const stack = [
            ...goodStack(),
            resource(T.group, "auditors", { name: "auditors" }),
            resource(T.userGroupMembership, "joins", { user: "app-user", groups: ["auditors"] }),
            resource(T.groupPolicyAttachment, "ro", { group: "auditors", policyArn: "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess" }),
        ];
        const result = await runRule(rule, stack);
        assertViolations(result, NAME, [
            {
                urn: urn(T.user, "app-user"),
                message: more(
                    "AWS managed policy job-function/ViewOnlyAccess attached by GroupPolicyAttachment 'ro', of group 'auditors' joined through UserGroupMembership 'joins'",
                    'statement 1 allows "acm:ListCertificates", "aiops:GetInvestigation", "aiops:GetInvestigationGroup" and 369 more; statement 2 allows "apigateway:GET"',
                ),
            },
        ]);
    });

    it("Noncompliance: a bucket policy naming the user", async () => {
        const bucketPolicy = resource(T.bucketPolicy, "b-policy", { bucket: "b", policy: doc({ Effect: "Allow", Principal: { AWS: ARN.user }, Action: "s3:ListBucket", Resource: "arn:aws:s3:::b" }) });
        const result = await runRule(rule, [...goodStack(), bucketPolicy]);
        assertViolations(result, NAME, [{ urn: urn(T.user, "app-user"), message: more("resource policy BucketPolicy 'b-policy'", 'statement 1 allows "s3:ListBucket"') }]);
    });

    it("Noncompliance: UserPolicyAttachmentsExclusive attaches a managed policy", async () => {
        const exclusive = resource(T.userPolicyAttachmentsExclusive, "only", { userName: "app-user", policyArns: ["arn:aws:iam::aws:policy/IAMUserChangePassword"] });
        const result = await runRule(rule, [...goodStack(), exclusive]);
        assertViolations(result, NAME, [
            {
                urn: urn(T.userPolicyAttachmentsExclusive, "only"),
                message: more("AWS managed policy IAMUserChangePassword attached by UserPolicyAttachmentsExclusive 'only'", 'statement 1 allows "iam:ChangePassword"; statement 2 allows "iam:GetAccountPasswordPolicy"'),
            },
        ]);
    });

    it("Noncompliance: the user's policy is unknown during preview", async () => {
        const result = await runRule(rule, withUserPolicy(UNKNOWN));
        assertViolations(result, NAME, [
            {
                urn: INLINE,
                message: unknownMessage("UserPolicy 'app-user-assume'", "string value at .policy can't be known during preview", "iam-user-assume-only"),
            },
        ]);
    });
});
