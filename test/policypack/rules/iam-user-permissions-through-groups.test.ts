import { iamUserPermissionsThroughGroups as rule } from "../../../policypack/rules/iam-user-permissions-through-groups";
import { assertNoViolations, assertViolations, runRule, unknownMessage } from "../assertions";
import { ACCOUNT, compliantStack, doc, goodStack, resource, T, UNKNOWN, urn } from "../fixtures";

const NAME = "iam-user-permissions-through-groups";
const WHY =
    "A policy on one user is reviewed, and forgotten, user by user; AWS Security Hub IAM.2 and CIS 1.15 expect users to receive permissions only through groups. " +
    'Fix: attach the policy to a group and make the user a member (AssumeOnlyUser does so by default, grantVia "group").';
const own = (user: string, how: string) => `IAM user '${user}' holds a policy of its own, ${how}. ${WHY}`;
const CUSTOMER = `arn:aws:iam::${ACCOUNT}:policy/assume-only`;
const READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

describe("rule iam-user-permissions-through-groups", () => {
    it("Compliance: the user's policy is a managed policy attached to its group (AssumeOnlyUser's default)", async () => {
        assertNoViolations(await runRule(rule, compliantStack()));
    });

    it("Compliance: a group's inline policy, and attachments to groups and roles only", async () => {
        const stack = [
            ...compliantStack(),
            resource(T.groupPolicy, "ops-inline", { group: "ops", policy: doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:aws:iam::${ACCOUNT}:role/ops` }) }),
            resource(T.policyAttachment, "ops-read", { policyArn: READ_ONLY, groups: ["ops"], roles: ["app-role"] }),
            resource(T.policyAttachment, "nobody", { policyArn: READ_ONLY, users: [] }),
        ];
        assertNoViolations(await runRule(rule, stack));
    });

    it("Compliance: an exclusive attachment of no policies, which states that the user holds none", async () => {
        assertNoViolations(await runRule(rule, [...compliantStack(), resource(T.userPolicyAttachmentsExclusive, "app-user-none", { userName: "app-user", policyArns: [] })]));
    });

    it("Noncompliance: an inline user policy, whatever it allows (the assume-only policy of the good stack)", async () => {
        assertViolations(await runRule(rule, goodStack()), NAME, [{ urn: urn(T.userPolicy, "app-user-assume"), message: own("app-user", "held inline in UserPolicy 'app-user-assume'") }]);
    });

    it("Noncompliance: a customer or AWS managed policy attached to a user, by each attachment type", async () => {
        const stack = [
            ...compliantStack(),
            resource(T.userPolicyAttachment, "app-user-customer", { user: "app-user", policyArn: CUSTOMER }),
            resource(T.userPolicyAttachmentsExclusive, "app-user-exclusive", { userName: "app-user", policyArns: [READ_ONLY] }),
            resource(T.policyAttachment, "shared-read", { policyArn: READ_ONLY, users: ["app-user", "auditor"], groups: ["ops"] }),
        ];
        assertViolations(await runRule(rule, stack), NAME, [
            { urn: urn(T.userPolicyAttachment, "app-user-customer"), message: own("app-user", "attached by UserPolicyAttachment 'app-user-customer'") },
            { urn: urn(T.userPolicyAttachmentsExclusive, "app-user-exclusive"), message: own("app-user", "attached by UserPolicyAttachmentsExclusive 'app-user-exclusive'") },
            { urn: urn(T.policyAttachment, "shared-read"), message: own("app-user", "attached by PolicyAttachment 'shared-read'") },
            { urn: urn(T.policyAttachment, "shared-read"), message: own("auditor", "attached by PolicyAttachment 'shared-read'") },
        ]);
    });

    it("Noncompliance: the user an attachment names is unknown during preview", async () => {
        const result = await runRule(rule, [...compliantStack(), resource(T.userPolicyAttachment, "late", { user: UNKNOWN, policyArn: READ_ONLY })]);
        assertViolations(result, NAME, [
            { urn: urn(T.userPolicyAttachment, "late"), message: unknownMessage("UserPolicyAttachment 'late'", "string value at .user can't be known during preview", NAME) },
        ]);
    });

    it("Exemption: naming the user exempts its findings, and the exemption is reported", async () => {
        const result = await runRule(rule, goodStack(), { exemptions: [{ resource: "app-user", reason: "LEGACY-7: moving to a group in Q3." }] });
        assertViolations(result, NAME, []);
        assertViolations(result, "assume-guard-exemptions-used", [
            {
                urn: urn(T.userPolicy, "app-user-assume"),
                message:
                    `${NAME} did not report 'app-user-assume' because of the exemption "app-user": LEGACY-7: moving to a group in Q3. ` +
                    `An exempted resource is not checked by that rule. Fix: remove the exemption from the ${NAME} config once the resource complies.`,
            },
        ]);
    });
});
