/**
 * The ARN module on ARN shapes as AWS documents them (IAM User Guide, "IAM identifiers" and
 * "Amazon Resource Names"; S3 User Guide, access points and Multi-Region Access Points; the
 * Service Authorization Reference's resource types for DynamoDB, KMS, SQS, Secrets Manager, Lambda).
 */
import * as assert from "assert";

import {
    accountOfArn,
    accountOfQueueUrl,
    accountsIn,
    arnKind,
    arnLike,
    isConcreteRoleArn,
    parseArn,
    stringLike,
    tableArn,
} from "../../../policypack/lib/arn";

describe("lib/arn", () => {
    it("classifies the documented shapes of IAM, STS, S3, DynamoDB and other ARNs", () => {
        const shapes: Record<string, string | undefined> = {
            "arn:aws:iam::123456789012:root": "iam-root",
            "arn:aws:iam::123456789012:user/JohnDoe": "iam-user",
            "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/JaneDoe": "iam-user",
            "arn:aws:iam::123456789012:group/Developers": "iam-group",
            "arn:aws:iam::123456789012:role/application_abc/component_xyz/RDSAccess": "iam-role",
            "arn:aws:iam::123456789012:role/aws-service-role/access-analyzer.amazonaws.com/AWSServiceRoleForAccessAnalyzer": "iam-service-linked-role",
            "arn:aws:iam::123456789012:policy/UsersManageOwnCredentials": "iam-policy",
            "arn:aws:iam::aws:policy/ReadOnlyAccess": "iam-aws-managed-policy",
            "arn:aws:iam::123456789012:instance-profile/Webserver": "iam-other",
            "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E15MNIMTCFKK4C": "cloudfront-origin-access-identity",
            "arn:aws:sts::123456789012:federated-user/John": "sts-federated-user",
            "arn:aws:sts::123456789012:assumed-role/Accounting-Role/Mary": "sts-assumed-role",
            "arn:aws:s3:::amzn-s3-demo-bucket": "s3-bucket",
            "arn:aws:s3:::amzn-s3-demo-bucket/photos/2026/cat.jpg": "s3-object",
            "arn:aws:s3:us-west-2:123456789012:accesspoint/my-access-point": "s3-access-point",
            "arn:aws:s3::123456789012:accesspoint/mfzwi23gnjvgw.mrap": "s3-multi-region-access-point",
            "arn:aws:s3-object-lambda:us-east-1:123456789012:accesspoint/my-object-lambda-ap": "s3-object-lambda-access-point",
            "arn:aws:dynamodb:us-east-1:123456789012:table/Books": "dynamodb-table",
            "arn:aws:dynamodb:us-east-1:123456789012:table/Books/index/*": "dynamodb-index",
            "arn:aws:dynamodb:us-east-1:123456789012:table/Books/stream/2015-05-11T21:21:33.291": "dynamodb-stream",
            "arn:aws:dynamodb:us-east-1:123456789012:table/Books/backup/01489602797149-73d8d5bc": "dynamodb-table-part",
            "arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab": "other",
            "arn:aws-cn:s3:::amzn-s3-demo-bucket": "s3-bucket",
            "arn:aws-us-gov:iam::123456789012:user/JohnDoe": "iam-user",
            "arn:aws:iam:123456789012:user/missing-field": undefined,
            "123456789012": undefined,
            "*": undefined,
        };
        assert.deepStrictEqual(Object.fromEntries(Object.keys(shapes).map(s => [s, arnKind(s)])), shapes);
    });

    it("splits an ARN into partition, service, region, account, resource type, path and name", () => {
        assert.deepStrictEqual(parseArn("arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/JaneDoe"), {
            raw: "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/JaneDoe",
            partition: "aws",
            service: "iam",
            region: "",
            account: "123456789012",
            resource: "user/division_abc/subdivision_xyz/JaneDoe",
            resourceType: "user",
            path: "/division_abc/subdivision_xyz/",
            name: "JaneDoe",
            wildcard: false,
        });
        assert.deepStrictEqual(parseArn("arn:aws:secretsmanager:us-west-2:123456789012:secret:MyTestSecret-a1b2c3"), {
            raw: "arn:aws:secretsmanager:us-west-2:123456789012:secret:MyTestSecret-a1b2c3",
            partition: "aws",
            service: "secretsmanager",
            region: "us-west-2",
            account: "123456789012",
            resource: "secret:MyTestSecret-a1b2c3",
            resourceType: "secret",
            path: "/",
            name: "MyTestSecret-a1b2c3",
            wildcard: false,
        });
        assert.strictEqual(parseArn("arn:aws:lambda:us-west-2:123456789012:function:my-function:*")?.wildcard, true);
    });

    it("reads accounts from ARNs, account IDs and SQS queue URLs, and none from S3 buckets, AWS managed policies or wildcards", () => {
        assert.deepStrictEqual(
            [
                accountOfArn("arn:aws:sqs:us-east-2:444455556666:queue1"),
                accountOfArn("arn:aws:s3:::amzn-s3-demo-bucket"),
                accountOfArn("arn:aws:iam::aws:policy/ReadOnlyAccess"),
                accountOfArn("arn:aws:iam::*:root"),
                accountOfQueueUrl("https://sqs.us-east-2.amazonaws.com/444455556666/queue1"),
                accountOfQueueUrl("https://queue.amazonaws.com/444455556666/queue1"),
                accountOfQueueUrl("https://example.com/444455556666/queue1"),
            ],
            ["444455556666", undefined, undefined, undefined, "444455556666", "444455556666", undefined],
        );
        assert.deepStrictEqual(accountsIn(["210987654321", "arn:aws:iam::123456789012:role/r", "arn:aws:s3:::b", "arn:aws:iam::210987654321:root"]), ["210987654321", "123456789012"]);
    });

    it("matches ArnLike field by field and StringLike over the whole string", () => {
        assert.deepStrictEqual(
            [
                arnLike("arn:aws:iam::123456789012:user/*", "arn:aws:iam::123456789012:user/division/JaneDoe"),
                arnLike("arn:aws:iam::*:role/*", "arn:aws:iam::123456789012:user/JaneDoe"),
                arnLike("arn:aws:iam::12345678901?:*", "arn:aws:iam::123456789012:user/JaneDoe"),
                arnLike("arn:*:iam::123456789012:user/JaneDoe", "arn:aws-cn:iam::123456789012:user/JaneDoe"),
                arnLike("arn:aws:iam::123456789012:user/jane*", "arn:aws:iam::123456789012:user/JaneDoe"),
                stringLike("*:user/*", "arn:aws:iam::123456789012:user/JaneDoe"),
                stringLike("o-abc*", "o-abc123"),
            ],
            [true, false, true, true, false, true, true],
        );
    });

    it("accepts as a concrete role ARN only one role written out, with no wildcard or policy variable", () => {
        assert.deepStrictEqual(
            [
                "arn:aws:iam::123456789012:role/S3Access",
                "arn:aws:iam::123456789012:role/application_abc/component_xyz/RDSAccess",
                "arn:aws-us-gov:iam::123456789012:role/S3Access",
                "arn:aws:iam::123456789012:role/app-*",
                "arn:aws:iam::*:role/S3Access",
                "arn:aws:iam::123456789012:role/${aws:RequestTag/target}",
                "arn:aws:iam::123456789012:role/${aws:username}/x",
                "arn:aws:iam::123456789012:user/S3Access",
                "arn:aws:iam::acct:role/S3Access",
            ].map(isConcreteRoleArn),
            [true, true, true, false, false, false, false, false, false],
        );
    });

    it("splits DynamoDB table ARNs into the table and its index, stream or backup", () => {
        assert.deepStrictEqual(
            [
                "arn:aws:dynamodb:us-east-1:123456789012:table/Books",
                "arn:aws:dynamodb:us-east-1:123456789012:table/Books/index/by-author",
                "arn:aws:dynamodb:us-east-1:123456789012:table/Books/index",
                "arn:aws:dynamodb:us-east-1:123456789012:global-table/Books",
            ].map(s => {
                const t = tableArn(s);
                return t && { table: t.table, part: t.part, partName: t.partName };
            }),
            [{ table: "Books", part: undefined, partName: undefined }, { table: "Books", part: "index", partName: "by-author" }, undefined, undefined],
        );
    });
});
