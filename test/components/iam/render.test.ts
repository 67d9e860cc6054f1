import * as assert from "assert";

import { renderPolicy, renderPolicyJson } from "../../../components/iam/render";

describe("components/iam/render", () => {
    it("renders one value as a scalar and several as an array", () => {
        assert.deepStrictEqual(
            renderPolicy([
                { effect: "Allow", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] },
                { effect: "Allow", actions: ["s3:GetObject", "s3:ListBucket"], resources: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"] },
            ]),
            {
                Version: "2012-10-17",
                Statement: [
                    { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
                    { Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"] },
                ],
            },
        );
    });

    it("writes keys in a fixed order whatever order the spec lists them in", () => {
        const json = renderPolicyJson([
            {
                conditions: [{ operator: "StringEquals", key: "sts:ExternalId", values: ["a1", "b2"] }],
                notResources: ["arn:aws:s3:::x"],
                notActions: ["iam:*"],
                principals: { service: ["ec2.amazonaws.com"], aws: ["arn:aws:iam::123456789012:root"] },
                effect: "Deny",
                sid: "Ordered",
            },
        ]);
        assert.strictEqual(
            json,
            '{"Version":"2012-10-17","Statement":[{"Sid":"Ordered","Effect":"Deny",' +
                '"Principal":{"AWS":"arn:aws:iam::123456789012:root","Service":"ec2.amazonaws.com"},' +
                '"NotAction":"iam:*","NotResource":"arn:aws:s3:::x","Condition":{"StringEquals":{"sts:ExternalId":["a1","b2"]}}}]}',
        );
    });

    it("groups conditions by operator and drops duplicate values", () => {
        assert.deepStrictEqual(
            renderPolicy([
                {
                    effect: "Allow",
                    actions: ["sts:AssumeRole", "sts:AssumeRole"],
                    conditions: [
                        { operator: "IpAddress", key: "aws:SourceIp", values: ["198.51.100.0/24", "198.51.100.0/24"] },
                        { operator: "Bool", key: "aws:MultiFactorAuthPresent", values: ["true"] },
                        { operator: "IpAddress", key: "aws:VpcSourceIp", values: ["10.0.0.0/8"] },
                    ],
                },
            ]).Statement,
            [
                {
                    Effect: "Allow",
                    Action: "sts:AssumeRole",
                    Condition: {
                        IpAddress: { "aws:SourceIp": "198.51.100.0/24", "aws:VpcSourceIp": "10.0.0.0/8" },
                        Bool: { "aws:MultiFactorAuthPresent": "true" },
                    },
                },
            ],
        );
    });

    it("refuses a statement with both or neither of actions and notActions", () => {
        assert.throws(() => renderPolicy([{ sid: "Both", effect: "Allow", actions: ["a:b"], notActions: ["c:d"] }]), {
            message: "statement 'Both': give exactly one of actions and notActions",
        });
        assert.throws(() => renderPolicy([{ effect: "Allow", actions: [] }]), {
            message: "statement: give exactly one of actions and notActions",
        });
    });

    it("refuses the same operator and key twice, which would turn an AND into an OR", () => {
        assert.throws(
            () =>
                renderPolicy([
                    {
                        effect: "Allow",
                        actions: ["sts:AssumeRole"],
                        conditions: [
                            { operator: "StringEquals", key: "sts:ExternalId", values: ["one"] },
                            { operator: "StringEquals", key: "sts:ExternalId", values: ["two"] },
                        ],
                    },
                ]),
            { message: "statement: condition StringEquals sts:ExternalId is given twice" },
        );
    });

    it("refuses empty documents, empty principals and conditions without values", () => {
        assert.throws(() => renderPolicy([]), { message: "a policy document needs at least one statement" });
        assert.throws(() => renderPolicy([{ effect: "Allow", actions: ["a:b"], principals: { aws: [] } }]), {
            message: "statement: principals were given but all lists are empty",
        });
        assert.throws(
            () => renderPolicy([{ effect: "Allow", actions: ["a:b"], conditions: [{ operator: "Bool", key: "aws:SecureTransport", values: [] }] }]),
            { message: "statement: condition Bool aws:SecureTransport has no values" },
        );
    });
});
