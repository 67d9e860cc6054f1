/**
 * Which users a resource policy admits (lib/resourceAdmission.ts), through iam-user-no-direct-data-access
 * on the good stack plus a DynamoDB resource policy: `*` narrowed only by binding clauses on
 * aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalOrgID and s3:DataAccessPointAccount, users
 * outside the stack reported by ARN, and a user of another account left to its identity policies.
 */
import { iamUserNoDirectDataAccess as rule } from "../../../policypack/rules/iam-user-no-direct-data-access";
import { assertNoViolations, assertViolations, runRule } from "../assertions";
import { ACCOUNT, ARN, DEFAULT_PROVIDER, deployed, doc, goodStack, resource, T, urn, VENDOR } from "../fixtures";

const WHY =
    "A leaked access key of this user reaches the data directly, with no role, source-IP, external-ID or MFA condition in between. " +
    "Fix: let the user call only sts:AssumeRole on a guarded role, and grant the data access to that role.";
const VIA = "resource policy ResourcePolicy 'items-policy'";
const FOUND = 'statement 1 allows Action "dynamodb:GetItem", reaching dynamodb:GetItem';
const POLICY = urn(T.tableResourcePolicy, "items-policy");
const USER = urn(T.user, "app-user");
const toUser = { urn: USER, message: `IAM user 'app-user' can perform data-plane actions through ${VIA}: ${FOUND}. ${WHY}` };
const toArn = (arn: string) => ({ urn: POLICY, message: `IAM user '${arn}' can perform data-plane actions through ${VIA}: ${FOUND}. ${WHY}` });
const ORG = "o-ownorg1234";
const OAI = "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E15MNIMTCFKK4C";

const VENDOR_PROVIDER = { ...DEFAULT_PROVIDER, urn: DEFAULT_PROVIDER.urn.replace("default", "vendor"), name: "vendor", props: { allowedAccountIds: [VENDOR] } };
const tablePolicy = (principal: unknown, condition?: Record<string, unknown>, resourceArn = ARN.table) =>
    resource(
        T.tableResourcePolicy,
        "items-policy",
        { resourceArn, policy: doc({ Effect: "Allow", Principal: principal, Action: "dynamodb:GetItem", Resource: resourceArn, ...(condition ? { Condition: condition } : {}) }) },
        {},
        resourceArn === ARN.table ? DEFAULT_PROVIDER : VENDOR_PROVIDER,
    );

describe("lib/resourceAdmission", () => {
    const cases: [string, ReturnType<typeof tablePolicy>, { urn: string; message: string }[], Record<string, unknown>?][] = [
        ["Noncompliance: * narrowed by aws:PrincipalAccount to the own account", tablePolicy("*", { StringEquals: { "aws:PrincipalAccount": ACCOUNT } }), [toUser]],
        ["Compliance: * narrowed by aws:PrincipalAccount to a partner", tablePolicy("*", { StringEquals: { "aws:PrincipalAccount": VENDOR } }), []],
        ["Noncompliance: …IfExists narrows nothing", tablePolicy("*", { StringEqualsIfExists: { "aws:PrincipalAccount": VENDOR } }), [toUser]],
        ["Noncompliance: a negated operator narrows nothing", tablePolicy("*", { StringNotEquals: { "aws:PrincipalAccount": VENDOR } }), [toUser]],
        ["Noncompliance: ForAllValues narrows nothing", tablePolicy("*", { "ForAllValues:StringEquals": { "aws:PrincipalAccount": VENDOR } }), [toUser]],
        ["Noncompliance: a wildcard-only value narrows nothing", tablePolicy("*", { StringLike: { "aws:PrincipalAccount": "*" } }), [toUser]],
        ["Noncompliance: a policy variable narrows nothing", tablePolicy("*", { StringEquals: { "aws:PrincipalArn": "${aws:PrincipalArn}" } }), [toUser]],
        ["Compliance: * narrowed by ArnLike aws:PrincipalArn to roles", tablePolicy("*", { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/*` } }), []],
        ["Noncompliance: * narrowed by StringLike aws:PrincipalArn to every user", tablePolicy("*", { StringLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:user/*` } }), [toUser]],
        [
            "Noncompliance: users of another account matched by aws:PrincipalArn are reported by their pattern",
            tablePolicy("*", { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${VENDOR}:user/*` } }),
            [toArn(`arn:aws:iam::${VENDOR}:user/*`)],
        ],
        ["Compliance: s3:DataAccessPointAccount delegates to access points", tablePolicy("*", { StringEquals: { "s3:DataAccessPointAccount": ACCOUNT } }), []],
        ["Noncompliance: s3:DataAccessPointAccount under IfExists delegates nothing", tablePolicy("*", { StringEqualsIfExists: { "s3:DataAccessPointAccount": ACCOUNT } }), [toUser]],
        ["Compliance: aws:SourceArn admits only a service calling for that resource", tablePolicy("*", { ArnLike: { "aws:SourceArn": "arn:aws:s3:::exports" } }), []],
        ["Compliance: SNS's AWS:SourceOwner admits only a service calling for the owner's resource", tablePolicy("*", { StringEquals: { "AWS:SourceOwner": ACCOUNT } }), []],
        ["Noncompliance: aws:SourceAccount under IfExists admits users too", tablePolicy("*", { StringEqualsIfExists: { "aws:SourceAccount": ACCOUNT } }), [toUser]],
        ["Noncompliance: aws:PrincipalOrgID with the own organisations unknown", tablePolicy("*", { StringEquals: { "aws:PrincipalOrgID": "o-partner5678" } }), [toUser]],
        ["Compliance: aws:PrincipalOrgID of another organisation than the own", tablePolicy("*", { StringEquals: { "aws:PrincipalOrgID": "o-partner5678" } }), [], { ownOrganizationIds: [ORG] }],
        ["Noncompliance: aws:PrincipalOrgID of the own organisation", tablePolicy("*", { StringEquals: { "aws:PrincipalOrgID": ORG } }), [toUser], { ownOrganizationIds: [ORG] }],
        ["Noncompliance: NotPrincipal admits everyone it does not name", deployed(T.tableResourcePolicy, "items-policy", { resourceArn: ARN.table, policy: doc({ Effect: "Allow", NotPrincipal: { AWS: ARN.role }, Action: "dynamodb:GetItem", Resource: ARN.table }) }), [toUser]],
        ["Compliance: * on a table of another account needs the user's own identity Allow", tablePolicy("*", undefined, `arn:aws:dynamodb:eu-west-1:${VENDOR}:table/shared`), []],
        [
            "Noncompliance: a same-named user of another account is a user outside the stack",
            tablePolicy({ AWS: `arn:aws:iam::${VENDOR}:user/app-user` }),
            [toArn(`arn:aws:iam::${VENDOR}:user/app-user`)],
        ],
        ["Compliance: a partner account's root delegates to the partner's identity policies", tablePolicy({ AWS: `arn:aws:iam::${VENDOR}:root` }), []],
        ["Compliance: a CloudFront origin access identity is no IAM user (only CloudFront acts as it)", tablePolicy({ AWS: OAI }), []],
        ["Compliance: * narrowed by aws:PrincipalArn to a CloudFront origin access identity", tablePolicy("*", { StringEquals: { "aws:PrincipalArn": OAI } }), []],
    ];
    for (const [title, policy, expected, settings] of cases) {
        it(title, async () => {
            const result = await runRule(rule, [...goodStack(), policy], settings);
            if (expected.length === 0) {
                assertNoViolations(result);
            } else {
                assertViolations(result, "iam-user-no-direct-data-access", expected);
            }
        });
    }
});
