import * as assert from "assert";

import { policyChars } from "../../../policypack/lib/quotas";
import { iamWithinAwsQuotas as rule } from "../../../policypack/rules/iam-within-aws-quotas";
import { assertNoViolations, assertViolations, runRule, unknownMessage } from "../assertions";
import { ACCOUNT, goodStack, resource, T, UNKNOWN, urn, withProps } from "../fixtures";

const NAME = "iam-within-aws-quotas";
const REFUSED = "AWS will refuse this: the update fails part-way through, leaving the stack half-deployed, however the other rules judged it.";
const user = () => goodStack().find(r => r.name === "app-user")!;
const role = () => goodStack().find(r => r.name === "app-role")!;

/** A valid policy document of exactly `chars` characters without white space, pretty-printed (so its text is longer). */
function docOf(chars: number): string {
    const frame = policyChars({ Version: "2012-10-17", Statement: [{ Sid: "", Effect: "Deny", Action: "s3:GetObject", Resource: "*" }] });
    return JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "S".repeat(chars - frame), Effect: "Deny", Action: "s3:GetObject", Resource: "*" }] }, null, 4);
}

const userPolicy = (name: string, chars: number) => resource(T.userPolicy, name, { user: "app-user", policy: docOf(chars) }, { user: [user()] });
const managedArn = (i: number) => `arn:aws:iam::aws:policy/P${i}`;

describe("rule iam-within-aws-quotas", () => {
    it("counts a document without its white space, inside and outside strings (a tab written as \\t is two characters, not white space)", () => {
        assert.deepStrictEqual([docOf(2048).length > 2100, policyChars(docOf(2048)), policyChars('{"Sid": "a b\\tc"}'), policyChars({ a: "x y" }), policyChars("not json at all")], [true, 2048, 15, 10, 12]);
    });

    it("Compliance: the good stack, and a user's inline policies of exactly 2,048 characters in all", async () => {
        assertNoViolations(await runRule(rule, goodStack()));
        const stack = withProps(goodStack(), "app-user-assume", { policy: docOf(1000) });
        assertNoViolations(await runRule(rule, [...stack, userPolicy("more", 1048)]));
    });

    it("Noncompliance: a user's inline policies over 2,048 characters in all", async () => {
        const stack = withProps(goodStack(), "app-user-assume", { policy: docOf(1000) });
        assertViolations(await runRule(rule, [...stack, userPolicy("more", 1049)]), NAME, [
            {
                urn: urn(T.user, "app-user"),
                message:
                    "IAM user 'app-user' has inline policies of 2,049 characters in all, counted without white space as AWS counts them " +
                    "(inline UserPolicy 'app-user-assume': 1,000 and inline UserPolicy 'more': 1,049), over IAM's quota of 2,048 for a user's inline policies. " +
                    `${REFUSED} Fix: shorten them (fewer, wider CIDR ranges; fewer ARNs; for CI, an OIDC role instead of IP lists), or move statements into a customer managed policy attached to the user.`,
            },
        ]);
    });

    it("Noncompliance: a role's inlinePolicies and RolePolicy together over 10,240; a group's over 5,120", async () => {
        const stack = withProps(goodStack(), "app-role", { inlinePolicies: [{ name: "a", policy: docOf(6000) }] });
        const group = resource(T.group, "ops", { name: "ops" });
        const more = [
            resource(T.rolePolicy, "big", { role: "app-role", policy: docOf(5000) }, { role: [role()] }),
            group,
            resource(T.groupPolicy, "ops-1", { group: "ops", policy: docOf(5121) }, { group: [group] }),
        ];
        const result = await runRule(rule, [...stack.filter(r => r.name !== "app-role-items"), ...more]);
        assertViolations(result, NAME, [
            {
                urn: urn(T.group, "ops"),
                message:
                    "IAM group 'ops' has inline policies of 5,121 characters in all, counted without white space as AWS counts them (inline GroupPolicy 'ops-1': 5,121), over IAM's quota of 5,120 for a group's inline policies. " +
                    `${REFUSED} Fix: shorten them (fewer, wider CIDR ranges; fewer ARNs; for CI, an OIDC role instead of IP lists), or move statements into a customer managed policy attached to the group.`,
            },
            {
                urn: urn(T.role, "app-role"),
                message:
                    "Role 'app-role' has inline policies of 11,000 characters in all, counted without white space as AWS counts them (inlinePolicies[0] of Role 'app-role': 6,000 and inline RolePolicy 'big': 5,000), over IAM's quota of 10,240 for a role's inline policies. " +
                    `${REFUSED} Fix: shorten them (fewer, wider CIDR ranges; fewer ARNs; for CI, an OIDC role instead of IP lists), or move statements into a customer managed policy attached to the role.`,
            },
        ]);
    });

    it("Noncompliance: a managed policy over 6,144 characters, and a trust policy over 2,048 unless the raised quota is configured", async () => {
        const stack = [...withProps(goodStack(), "app-role", { assumeRolePolicy: docOf(2049) }), resource(T.policy, "wide", { name: "wide", policy: docOf(6145) })];
        const trustMessage =
            "Role 'app-role' has its trust policy (assumeRolePolicy) of 2,049 characters, counted without white space as AWS counts them, over IAM's quota of 2,048 for a role's trust policy. " +
            `${REFUSED} Fix: trust fewer principals, or list fewer, wider CIDR ranges; for CI, trust an OIDC identity provider instead of IP lists; or raise the account's "Role trust policy length" quota (up to 4,096) and set maxTrustPolicyCharacters.`;
        const policyMessage =
            "Policy 'wide' has its policy document of 6,145 characters, counted without white space as AWS counts them, over IAM's quota of 6,144 for a managed policy. " +
            `${REFUSED} Fix: split it into several managed policies, or use patterns that keep the same scope in fewer characters.`;
        assertViolations(await runRule(rule, stack), NAME, [
            { urn: urn(T.role, "app-role"), message: trustMessage },
            { urn: urn(T.policy, "wide"), message: policyMessage },
        ]);
        assertViolations(await runRule(rule, stack, { maxTrustPolicyCharacters: 4096 }), NAME, [{ urn: urn(T.policy, "wide"), message: policyMessage }]);
        // A value beyond what AWS grants keeps the default: a bad setting never loosens the rule.
        assertViolations(await runRule(rule, stack, { maxTrustPolicyCharacters: 100000 }), NAME, [
            { urn: urn(T.role, "app-role"), message: trustMessage },
            { urn: urn(T.policy, "wide"), message: policyMessage },
        ]);
    });

    it("Noncompliance: 11 managed policies on a role over every attachment type (one listed twice counts once); 20 pass with the raised quota", async () => {
        const arns = Array.from({ length: 11 }, (_, i) => managedArn(i));
        const stack = [
            ...withProps(goodStack(), "app-role", { managedPolicyArns: [arns[0], arns[1], arns[2], arns[3]] }),
            ...[4, 5, 6, 7].map(i => resource(T.rolePolicyAttachment, `attach-${i}`, { role: "app-role", policyArn: arns[i] }, { role: [role()] })),
            resource(T.rolePolicyAttachment, "attach-again", { role: "app-role", policyArn: arns[0] }, { role: [role()] }),
            resource(T.policyAttachment, "shared", { roles: ["app-role"], policyArn: arns[8] }, { roles: [role()] }),
            resource("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", "exclusive", { roleName: "app-role", policyArns: [arns[9], arns[10]] }, { roleName: [role()] }),
        ];
        const message =
            `Role 'app-role' has 11 managed policies attached, over IAM's quota of 10 for a role. ${REFUSED} ` +
            "Fix: merge some of the policies into one, or raise the account's quota (up to 20) and set maxManagedPoliciesPerRole.";
        assertViolations(await runRule(rule, stack), NAME, [{ urn: urn(T.role, "app-role"), message }]);
        assertNoViolations(await runRule(rule, stack, { maxManagedPoliciesPerRole: 20 }));
    });

    it("Noncompliance: 11 managed policies on a user, and on a group, whose quota cannot be raised", async () => {
        const group = resource(T.group, "ops", { name: "ops" });
        const stack = [
            ...goodStack(),
            group,
            resource(T.userPolicyAttachmentsExclusive, "user-all", { userName: "app-user", policyArns: Array.from({ length: 11 }, (_, i) => managedArn(i)) }, { userName: [user()] }),
            ...Array.from({ length: 11 }, (_, i) => resource(T.groupPolicyAttachment, `ops-${i}`, { group: "ops", policyArn: `arn:aws:iam::${ACCOUNT}:policy/p${i}` }, { group: [group] })),
        ];
        assertViolations(await runRule(rule, stack, { maxManagedPoliciesPerUser: 20 }), NAME, [
            {
                urn: urn(T.group, "ops"),
                message: `IAM group 'ops' has 11 managed policies attached, over IAM's quota of 10 for a group. ${REFUSED} Fix: merge some of the policies into one, a group's quota cannot be raised.`,
            },
        ]);
        assertViolations(await runRule(rule, stack), NAME, [
            {
                urn: urn(T.user, "app-user"),
                message:
                    `IAM user 'app-user' has 11 managed policies attached, over IAM's quota of 10 for a user. ${REFUSED} ` +
                    "Fix: merge some of the policies into one, or raise the account's quota (up to 20) and set maxManagedPoliciesPerUser.",
            },
            {
                urn: urn(T.group, "ops"),
                message: `IAM group 'ops' has 11 managed policies attached, over IAM's quota of 10 for a group. ${REFUSED} Fix: merge some of the policies into one, a group's quota cannot be raised.`,
            },
        ]);
    });

    it("Noncompliance: an inline policy unknown during preview cannot be counted", async () => {
        const result = await runRule(rule, withProps(goodStack(), "app-user-assume", { policy: UNKNOWN }));
        assertViolations(result, NAME, [{ urn: urn(T.userPolicy, "app-user-assume"), message: unknownMessage("UserPolicy 'app-user-assume'", "string value at .policy can't be known during preview", NAME) }]);
    });
});
