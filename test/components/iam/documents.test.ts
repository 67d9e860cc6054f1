import * as assert from "assert";

import { assumeOnlyUserPolicy, bucketReadPolicy, tableGrantPolicy, trustPolicy } from "../../../components/iam/documents";

const ROLE = "arn:aws:iam::123456789012:role/reader";
const USER = "arn:aws:iam::123456789012:user/connector";
const TABLE = "arn:aws:dynamodb:eu-west-1:123456789012:table/items";

describe("components/iam/documents", () => {
    describe("assumeOnlyUserPolicy", () => {
        it("allows only sts:AssumeRole on the named roles", () => {
            assert.deepStrictEqual(JSON.parse(assumeOnlyUserPolicy({ roleArns: [ROLE] })), {
                Version: "2012-10-17",
                Statement: [{ Sid: "AssumeGuardedRoles", Effect: "Allow", Action: "sts:AssumeRole", Resource: ROLE }],
            });
        });

        it("adds sts:TagSession, the network Deny with its ViaAWSService exception, and the MFA Deny when asked", () => {
            assert.deepStrictEqual(
                JSON.parse(
                    assumeOnlyUserPolicy({
                        roleArns: [ROLE, "arn:aws:iam::123456789012:role/writer"],
                        allowTagSession: true,
                        allowedSourceCidrs: ["198.51.100.0/24", "2001:db8::/32"],
                        requireMfa: true,
                    }),
                ),
                {
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "AssumeGuardedRoles",
                            Effect: "Allow",
                            Action: ["sts:AssumeRole", "sts:TagSession"],
                            Resource: [ROLE, "arn:aws:iam::123456789012:role/writer"],
                        },
                        {
                            Sid: "DenyOutsideAllowedNetworks",
                            Effect: "Deny",
                            Action: "*",
                            Resource: "*",
                            Condition: {
                                NotIpAddress: { "aws:SourceIp": ["198.51.100.0/24", "2001:db8::/32"] },
                                Bool: { "aws:ViaAWSService": "false" },
                            },
                        },
                        {
                            Sid: "DenyAssumeRoleWithoutMfa",
                            Effect: "Deny",
                            Action: "sts:AssumeRole",
                            Resource: "*",
                            Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
                        },
                    ],
                },
            );
        });

        it("refuses no roles and wildcard roles", () => {
            const message = "an assume-only user needs explicit role ARNs, never none or `*`";
            assert.throws(() => assumeOnlyUserPolicy({ roleArns: [] }), { message });
            assert.throws(() => assumeOnlyUserPolicy({ roleArns: ["arn:aws:iam::123456789012:role/*"] }), { message });
        });
    });

    describe("trustPolicy", () => {
        it("binds every condition asked for, with positive operators only", () => {
            assert.deepStrictEqual(
                JSON.parse(
                    trustPolicy({
                        principalArns: [USER, "arn:aws:iam::210987654321:root"],
                        sourceCidrs: ["198.51.100.0/24"],
                        externalIds: ["customer-42"],
                        requireMfa: true,
                        maxMfaAgeSeconds: 3600,
                        allowTagSession: true,
                    }),
                ),
                {
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "TrustConditionedPrincipals",
                            Effect: "Allow",
                            Principal: { AWS: [USER, "arn:aws:iam::210987654321:root"] },
                            Action: ["sts:AssumeRole", "sts:TagSession"],
                            Condition: {
                                IpAddress: { "aws:SourceIp": "198.51.100.0/24" },
                                StringEquals: { "sts:ExternalId": "customer-42" },
                                Bool: { "aws:MultiFactorAuthPresent": "true" },
                                NumericLessThan: { "aws:MultiFactorAuthAge": "3600" },
                            },
                        },
                    ],
                },
            );
        });

        it("renders an MFA-only trust without an age limit", () => {
            assert.deepStrictEqual(JSON.parse(trustPolicy({ principalArns: [USER], requireMfa: true })).Statement[0].Condition, {
                Bool: { "aws:MultiFactorAuthPresent": "true" },
            });
        });

        it("refuses a trust that binds no condition", () => {
            assert.throws(() => trustPolicy({ principalArns: [USER], sourceCidrs: [], externalIds: [] }), {
                message: "a trust policy for AWS principals must bind at least one condition",
            });
        });
    });

    describe("tableGrantPolicy", () => {
        it("names the table and its indexes, never *", () => {
            assert.deepStrictEqual(JSON.parse(tableGrantPolicy({ tableArn: TABLE, actions: ["dynamodb:GetItem", "dynamodb:Query"] })), {
                Version: "2012-10-17",
                Statement: [
                    { Sid: "TableData", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:Query"], Resource: [TABLE, `${TABLE}/index/*`] },
                ],
            });
        });

        it("adds streams on <table>/stream/* and ListTables on * only when asked", () => {
            assert.deepStrictEqual(
                JSON.parse(tableGrantPolicy({ tableArn: TABLE, actions: ["dynamodb:GetItem"], streams: true, listTables: true })).Statement.slice(1),
                [
                    {
                        Sid: "TableStream",
                        Effect: "Allow",
                        Action: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"],
                        Resource: `${TABLE}/stream/*`,
                    },
                    { Sid: "ListTables", Effect: "Allow", Action: "dynamodb:ListTables", Resource: "*" },
                ],
            );
        });
    });

    describe("bucketReadPolicy", () => {
        it("reads objects and lists keys under the prefix only", () => {
            assert.deepStrictEqual(JSON.parse(bucketReadPolicy({ bucketArn: "arn:aws:s3:::exports", prefix: "customer-42/" })), {
                Version: "2012-10-17",
                Statement: [
                    { Sid: "ReadObjects", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::exports/customer-42/*" },
                    {
                        Sid: "ListBucket",
                        Effect: "Allow",
                        Action: ["s3:ListBucket", "s3:ListBucketVersions"],
                        Resource: "arn:aws:s3:::exports",
                        Condition: { StringLike: { "s3:prefix": "customer-42/*" } },
                    },
                ],
            });
        });

        it("covers the whole bucket without a prefix condition when no prefix is given", () => {
            assert.deepStrictEqual(JSON.parse(bucketReadPolicy({ bucketArn: "arn:aws:s3:::exports" })).Statement, [
                { Sid: "ReadObjects", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::exports/*" },
                { Sid: "ListBucket", Effect: "Allow", Action: ["s3:ListBucket", "s3:ListBucketVersions"], Resource: "arn:aws:s3:::exports" },
            ]);
        });
    });
});
