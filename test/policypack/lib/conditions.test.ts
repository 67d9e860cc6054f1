import * as assert from "assert";

import { clauseBinding, hasPolicyVariable, nonBindingReason, parseOperator } from "../../../policypack/lib/conditions";
import { assumeRole, RequestContext } from "../../support/simulate";

const ROLE = "arn:aws:iam::123456789012:role/target";
const CALLER = "arn:aws:iam::123456789012:user/alice";
const trustWith = (Condition: Record<string, unknown>) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: CALLER }, Action: "sts:AssumeRole", Condition }] });
const WITHOUT_MFA: RequestContext = { sourceIp: "198.51.100.7", mfa: null, viaAwsService: false };
const WITH_MFA: RequestContext = { sourceIp: "198.51.100.7", mfa: true, viaAwsService: false, extra: { "aws:MultiFactorAuthAge": "60" } };

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

    it("counts MFA age as MFA where a request without MFA fails it, as the evaluator decides", async () => {
        const cases: [string, string, string[]][] = [
            ["NumericLessThan", "aws:MultiFactorAuthAge", ["3600"]],
            ["NumericLessThanEquals", "aws:MultiFactorAuthAge", ["3600"]],
            ["Null", "aws:MultiFactorAuthAge", ["false"]],
            ["NumericLessThanIfExists", "aws:MultiFactorAuthAge", ["3600"]],
            ["Null", "aws:MultiFactorAuthAge", ["true"]],
            ["NumericLessThan", "aws:MultiFactorAuthAge", ["${aws:username}"]],
        ];
        const verdicts = [];
        for (const [operator, key, values] of cases.slice(0, 5)) {
            const trustPolicy = trustWith({ [operator]: { [key]: values } });
            const ask = (context: RequestContext) => assumeRole({ caller: CALLER, callerPolicies: [], roleArn: ROLE, trustPolicy, context });
            verdicts.push([await ask(WITHOUT_MFA), await ask(WITH_MFA)]);
        }
        // The evaluator: the first three refuse a caller without MFA; IfExists and Null "true" admit one.
        assert.deepStrictEqual(verdicts, [
            ["ImplicitlyDenied", "Allowed"],
            ["ImplicitlyDenied", "Allowed"],
            ["ImplicitlyDenied", "Allowed"],
            ["Allowed", "Allowed"],
            ["Allowed", "ImplicitlyDenied"],
        ]);
        assert.deepStrictEqual(
            cases.map(([operator, key, values]) => clauseBinding({ operator, key, values })),
            ["mfa", "mfa", "mfa", undefined, undefined, undefined],
        );
    });

    it("binds nothing with a policy variable in the value, where the request fills it in (escapes are literal)", () => {
        const cases: [string, string, string[]][] = [
            ["StringEquals", "sts:ExternalId", ["${aws:username}"]],
            ["StringEquals", "sts:ExternalId", ["acme-${aws:PrincipalTag/customer}"]],
            ["StringEquals", "aws:SourceVpce", ["${aws:SourceVpce}"]],
            ["StringEquals", "sts:ExternalId", ["acme-${$}1"]],
        ];
        assert.deepStrictEqual(
            cases.map(([operator, key, values]) => clauseBinding({ operator, key, values })),
            [undefined, undefined, undefined, "externalId"],
        );
        assert.deepStrictEqual(["${aws:username}", "a${*}b", "${aws:username, 'x'}", "plain"].map(hasPolicyVariable), [true, false, true, false]);
        assert.strictEqual(nonBindingReason({ operator: "StringEquals", key: "sts:ExternalId", values: ["${aws:username}"] }), " (a policy variable is filled in from the request itself)");
    });

    it("counts StringEquals aws:SourceVpc and aws:SourceVpce as network bindings", () => {
        assert.deepStrictEqual(
            [
                { operator: "StringEquals", key: "aws:SourceVpce", values: ["vpce-0a1b2c3d"] },
                { operator: "StringEquals", key: "aws:SourceVpc", values: ["vpc-0a1b2c3d"] },
                { operator: "StringLike", key: "aws:SourceVpc", values: ["vpc-*"] },
                { operator: "StringEqualsIfExists", key: "aws:SourceVpce", values: ["vpce-0a1b2c3d"] },
            ].map(c => clauseBinding(c)),
            ["sourceVpce", "sourceVpc", undefined, undefined],
        );
    });

    it("judges a source-IP clause on the union of its CIDRs against the configured limit", () => {
        const clause = (values: string[]) => ({ operator: "IpAddress", key: "aws:SourceIp", values });
        const narrow = { network: { ipv4Prefix: 24, ipv6Prefix: 48 } };
        assert.deepStrictEqual(
            [
                clauseBinding(clause(["0.0.0.0/1", "128.0.0.0/1"])),
                clauseBinding(clause(["198.51.100.0/24", "0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"])),
                clauseBinding(clause(["2001:db8:1::/48"])),
                clauseBinding(clause(["198.51.100.0/24", "203.0.113.0/24"]), narrow),
                clauseBinding(clause(["198.51.100.0/24", "2001:db8:1::/48"]), narrow),
            ],
            [undefined, undefined, "sourceIp", undefined, "sourceIp"],
        );
        assert.strictEqual(
            nonBindingReason(clause(["::/1", "8000::/1"])),
            " (the CIDRs together admit 4,294,967,296 IPv4 addresses, more than one /8 (16,777,216) and 2^128 IPv6 addresses, more than one /32 (2^96))",
        );
        assert.strictEqual(nonBindingReason(clause(["10.0.0.0/8", "office"])), ' ("office" is not an IP address or CIDR)');
    });
});

