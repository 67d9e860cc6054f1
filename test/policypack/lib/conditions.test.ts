import * as assert from "assert";

import { clauseBinding, parseOperator } from "../../../policypack/lib/conditions";

describe("lib/conditions", () => {
    it("splits operators into set, base and IfExists", () => {
        assert.deepStrictEqual(
            ["StringEquals", "ForAllValues:StringLikeIfExists", "foranyvalue:IpAddress"].map(parseOperator),
            [
                { base: "stringequals", ifExists: false },
                { set: "forallvalues", base: "stringlike", ifExists: true },
                { set: "foranyvalue", base: "ipaddress", ifExists: false },
            ],
        );
    });

    it("decides which clauses bind", () => {
        const cases: [string, string, string[]][] = [
            ["IpAddress", "aws:SourceIp", ["198.51.100.0/24"]],
            ["IpAddress", "AWS:SOURCEIP", ["2001:db8::/32"]],
            ["IpAddress", "aws:SourceIp", ["0.0.0.0/0"]],
            ["IpAddress", "aws:SourceIp", ["198.51.100.0/24", "::/0"]],
            ["IpAddress", "aws:SourceIp", ["not-an-ip"]],
            ["IpAddressIfExists", "aws:SourceIp", ["198.51.100.0/24"]],
            ["StringEquals", "sts:ExternalId", ["c0ffee"]],
            ["StringEquals", "sts:ExternalId", [""]],
            ["StringEquals", "sts:ExternalId", ["**"]],
            ["StringLike", "sts:ExternalId", ["c0ffee-?"]],
            ["ForAllValues:StringEquals", "sts:ExternalId", ["c0ffee"]],
            ["ForAnyValue:StringEquals", "sts:ExternalId", ["c0ffee"]],
            ["StringNotEquals", "sts:ExternalId", ["c0ffee"]],
            ["Bool", "aws:MultiFactorAuthPresent", ["true"]],
            ["Bool", "aws:MultiFactorAuthPresent", ["true", "false"]],
            ["Null", "aws:MultiFactorAuthPresent", ["false"]],
            ["ArnLike", "aws:SourceArn", ["arn:aws:s3:::bucket-*"]],
            ["ArnLike", "aws:SourceArn", ["arn:aws:*:*:*:*"]],
            ["StringEquals", "aws:SourceAccount", ["111111111111"]],
            ["StringEquals", "aws:PrincipalOrgID", ["o-abc"]],
        ];
        assert.deepStrictEqual(
            cases.map(([operator, key, values]) => clauseBinding({ operator, key, values })),
            [
                "sourceIp", "sourceIp", undefined, undefined, undefined, undefined,
                "externalId", undefined, undefined, undefined, undefined, "externalId", undefined,
                "mfa", undefined, undefined,
                "sourceArn", undefined, "sourceAccount", "principalOrgId",
            ],
        );
    });

    it("accepts narrow CIDRs and addresses only", () => {
        const values = ["203.0.113.7", "203.0.113.0/24", "10.0.0.0/8", "0.0.0.0/0", "256.1.1.1", "1.2.3.4/33", "2001:db8::1", "2001:db8::/129", "::/0", "1.2.3.4/24/1", "10.0.0.0/7", "10.1"];
        assert.deepStrictEqual(
            values.map(v => clauseBinding({ operator: "IpAddress", key: "aws:SourceIp", values: [v] })),
            ["sourceIp", "sourceIp", "sourceIp", undefined, undefined, undefined, "sourceIp", undefined, undefined, undefined, undefined, undefined],
        );
    });
});
