import * as assert from "assert";

import { getPolicyDocument } from "../../../../gate/invokes/policyDocument";
import { evaluate, RequestContext } from "../../../support/simulate";
import { caseArgs } from "./fixture";

/**
 * What the documents rendered as the provider renders them mean, asked of the independent
 * evaluator: two of the provider's own test documents and one with a NotPrincipal and conditions.
 */
const OFFICE = "198.51.100.0/24";
const AT_OFFICE: RequestContext = { sourceIp: "198.51.100.7", mfa: null, viaAwsService: false };
const ELSEWHERE: RequestContext = { ...AT_OFFICE, sourceIp: "203.0.113.9" };
const user = (account: string, name: string) => `arn:aws:iam::${account}:user/${name}`;
const allowAll = (action: string) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: "*" }] });

describe("gate/invokes/policyDocument: what the rendered documents mean to the evaluator", () => {
    it("an override replaces the source statement with its Sid: only the override's action is allowed", async () => {
        const policy = getPolicyDocument(caseArgs("source and override without statements: override")).json;
        const ask = (action: string, resource: string) => evaluate({ principal: user("111111111111", "alice"), action, resource, identityPolicies: [policy], context: AT_OFFICE });
        assert.deepStrictEqual([await ask("s3:GetObject", "arn:aws:s3:::reports/q1.csv"), await ask("ec2:DescribeAccountAttributes", "*")], ["Allowed", "ImplicitlyDenied"]);
    });

    it("principal blocks merged into one list each grant access: every listed account, no other", async () => {
        const bucketPolicy = getPolicyDocument(caseArgs("several principal blocks of one type (aws)")).json;
        const ask = (account: string) =>
            evaluate({
                principal: user(account, "reader"),
                action: "s3:GetObject",
                resource: "arn:aws:s3:::shared/data.csv",
                resourceAccount: "999999999999",
                identityPolicies: [allowAll("s3:GetObject")],
                resourcePolicy: bucketPolicy,
                context: AT_OFFICE,
            });
        const verdicts = await Promise.all(["111111111111", "222222222222", "333333333333", "444444444444", "555555555555"].map(ask));
        assert.deepStrictEqual(verdicts, ["Allowed", "Allowed", "Allowed", "Allowed", "ImplicitlyDenied"]);
    });

    // NotPrincipal names users only: with the account's root listed too (as AWS's examples do), the
    // evaluator exempts every principal of the account, which would leave the Deny nothing to show.
    it("a Deny with NotPrincipal and a condition spares exactly the listed principals, outside the office only", async () => {
        const rendered = getPolicyDocument({
            statements: [
                { sid: "Readers", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::shared/*"], principals: [{ type: "AWS", identifiers: ["arn:aws:iam::111111111111:root"] }] },
                {
                    sid: "OfficeOnly",
                    effect: "Deny",
                    actions: ["s3:GetObject"],
                    resources: ["arn:aws:s3:::shared/*"],
                    notPrincipals: [{ type: "AWS", identifiers: [user("111111111111", "alice"), user("111111111111", "carol")] }],
                    conditions: [{ test: "NotIpAddress", variable: "aws:SourceIp", values: [OFFICE] }],
                },
            ],
        });
        assert.deepStrictEqual(JSON.parse(rendered.json).Statement[1], {
            Sid: "OfficeOnly",
            Effect: "Deny",
            Action: "s3:GetObject",
            Resource: "arn:aws:s3:::shared/*",
            NotPrincipal: { AWS: ["arn:aws:iam::111111111111:user/carol", "arn:aws:iam::111111111111:user/alice"] },
            Condition: { NotIpAddress: { "aws:SourceIp": OFFICE } },
        });
        const ask = (name: string, context: RequestContext) =>
            evaluate({
                principal: user("111111111111", name),
                action: "s3:GetObject",
                resource: "arn:aws:s3:::shared/data.csv",
                resourceAccount: "111111111111",
                identityPolicies: [allowAll("s3:GetObject")],
                resourcePolicy: rendered.json,
                context,
            });
        assert.deepStrictEqual(await Promise.all([ask("bob", ELSEWHERE), ask("alice", ELSEWHERE), ask("bob", AT_OFFICE)]), ["ExplicitlyDenied", "Allowed", "Allowed"]);
    });
});
