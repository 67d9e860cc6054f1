import * as assert from "assert";

import {
    checkAccountId,
    checkCidr,
    checkCidrs,
    checkExternalId,
    checkIamName,
    checkIamPath,
    checkPrincipal,
    checkRoleArn,
    checkSeconds,
    InvalidArgumentError,
} from "../../components/validation";

function messageOf(check: () => void): string {
    try {
        check();
    } catch (e) {
        assert.ok(e instanceof InvalidArgumentError, `expected InvalidArgumentError, got ${e}`);
        return e.message;
    }
    return assert.fail("expected the check to refuse the value");
}

describe("components/validation", () => {
    describe("CIDRs", () => {
        it("accepts IPv4 and IPv6 networks", () => {
            checkCidrs("f", ["198.51.100.0/24", "203.0.113.7/32", "2001:db8::/32"]);
        });

        it("refuses an empty list", () => {
            assert.strictEqual(
                messageOf(() => checkCidrs("f", [])),
                "f: [] is empty. Fix: list at least one CIDR the caller connects from, such as 203.0.113.0/24.",
            );
        });

        it("refuses a prefix out of range, a bare address, three-part and padded addresses", () => {
            const fix = "Fix: write an address and prefix length, such as 203.0.113.0/24 or 2001:db8::/32.";
            for (const bad of ["10.0.0.0/33", "10.0.0.1", "10.0.0/8", " 10.0.0.0/8", "10.0.0.0/8 ", "office"]) {
                assert.strictEqual(messageOf(() => checkCidr("f[0]", bad)), `f[0]: ${JSON.stringify(bad)} is not a CIDR. ${fix}`);
            }
        });

        it("refuses host bits and names the network address", () => {
            assert.strictEqual(
                messageOf(() => checkCidrs("f", ["198.51.100.0/24", "10.1.2.3/16"])),
                'f[1]: "10.1.2.3/16" has host bits set. Fix: write the network address, 10.1.0.0/16.',
            );
        });

        it("refuses CIDRs whose union is broader than one IPv4 /8 or one IPv6 /32, naming the field, the count, the limit and the fix", () => {
            const fix = "Fix: list only the networks the caller really connects from, at most one /8 of IPv4 and one /32 of IPv6 addresses in all.";
            const cases: [string[], string][] = [
                [["0.0.0.0/1", "128.0.0.0/1"], "4,294,967,296 IPv4 addresses, more than one /8 (16,777,216)"],
                // ::/1 holds ::ffff:0:0/96, every IPv4 address written as IPv6.
                [["::/1", "8000::/1"], "4,294,967,296 IPv4 addresses, more than one /8 (16,777,216) and 2^128 IPv6 addresses, more than one /32 (2^96)"],
                [["2000::/3"], "2^125 IPv6 addresses, more than one /32 (2^96)"],
                [["198.51.100.0/24", "0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"], "4,294,967,296 IPv4 addresses, more than one /8 (16,777,216)"],
                [["10.0.0.0/8", "11.0.0.0/32"], "16,777,217 IPv4 addresses, more than one /8 (16,777,216)"],
                [["::ffff:0:0/96"], "4,294,967,296 IPv4 addresses, more than one /8 (16,777,216)"],
                [["10.0.0.0/7", "2001:db8::/31"], "33,554,432 IPv4 addresses, more than one /8 (16,777,216) and 2^97 IPv6 addresses, more than one /32 (2^96)"],
            ];
            for (const [cidrs, count] of cases) {
                assert.strictEqual(
                    messageOf(() => checkCidrs("GuardedRole 'vendor': sourceCidrs", cidrs)),
                    `GuardedRole 'vendor': sourceCidrs: ${JSON.stringify(cidrs)} together admit ${count}, so a condition on them binds almost nothing. ${fix}`,
                );
            }
        });

        it("accepts an office /24 with /28s, a /9 and an IPv6 /48 (overlaps counted once)", () => {
            checkCidrs("f", ["198.51.100.0/24", "198.51.100.16/28", "203.0.113.0/28", "10.0.0.0/9", "10.0.0.0/10", "2001:db8:1234::/48"]);
            checkCidrs("f", ["10.0.0.0/8", "10.0.0.0/9", "2001:db8::/32"]);
        });

        it("refuses a CIDR that matches every address", () => {
            assert.strictEqual(
                messageOf(() => checkCidr("f", "0.0.0.0/0")),
                'f: "0.0.0.0/0" matches every address, so the condition binds nothing. Fix: list the real egress CIDRs.',
            );
            assert.strictEqual(
                messageOf(() => checkCidr("f", "::/0")),
                'f: "::/0" matches every address, so the condition binds nothing. Fix: list the real egress CIDRs.',
            );
        });
    });

    describe("ARNs and account IDs", () => {
        it("accepts user, role, root ARNs and account IDs as principals", () => {
            for (const ok of [
                "arn:aws:iam::123456789012:user/connector",
                "arn:aws:iam::123456789012:role/team/reader",
                "arn:aws-us-gov:iam::123456789012:root",
                "123456789012",
            ]) {
                checkPrincipal("p", ok);
            }
        });

        it("refuses wildcards, other services, malformed ARNs and short account IDs", () => {
            const fix = "Fix: use an ARN such as arn:aws:iam::123456789012:user/connector, …:role/name or …:root, or a 12-digit account ID.";
            for (const bad of ["*", "arn:aws:s3:::bucket", "arn:aws:iam::12345:user/x", "arn:aws:iam::123456789012:group/g", "arn:aws:iam::123456789012:user/*"]) {
                assert.strictEqual(messageOf(() => checkPrincipal("p", bad)), `p: ${JSON.stringify(bad)} is not an IAM user, role or account principal. ${fix}`);
            }
            assert.strictEqual(
                messageOf(() => checkPrincipal("p", "12345")),
                'p: "12345" is not an AWS account ID. Fix: use the 12-digit account ID, such as 123456789012, quoted in YAML.',
            );
        });

        it("accepts only role ARNs as roles", () => {
            checkRoleArn("r", "arn:aws:iam::123456789012:role/reader");
            assert.strictEqual(
                messageOf(() => checkRoleArn("r", "arn:aws:iam::123456789012:user/reader")),
                'r: "arn:aws:iam::123456789012:user/reader" is not an IAM role ARN. Fix: use an ARN such as arn:aws:iam::123456789012:role/reader.',
            );
        });

        it("refuses a non-numeric account ID", () => {
            assert.strictEqual(
                messageOf(() => checkAccountId("a", "12345678901x")),
                'a: "12345678901x" is not an AWS account ID. Fix: use the 12-digit account ID, such as 123456789012, quoted in YAML.',
            );
        });
    });

    describe("external IDs", () => {
        it("accepts 2 to 1,224 characters of AWS's set", () => {
            checkExternalId("e", "ab");
            checkExternalId("e", "customer-42/prod:us=1,a.b@c+d_e");
            checkExternalId("e", "x".repeat(1224));
        });

        it("refuses too short, too long and characters outside the set", () => {
            const fix = "Fix: use 2 to 1,224 characters of letters, digits and +=,.@:/-_.";
            for (const bad of ["a", "x".repeat(1225), "has space", "semi;colon", "*"]) {
                assert.strictEqual(messageOf(() => checkExternalId("e", bad)), `e: ${JSON.stringify(bad)} is not a valid external ID. ${fix}`);
            }
        });
    });

    describe("durations, names and paths", () => {
        it("bounds session durations", () => {
            checkSeconds("d", 3600, 3600, 43200);
            checkSeconds("d", 43200, 3600, 43200);
            for (const bad of [3599, 43201, 3600.5]) {
                assert.strictEqual(
                    messageOf(() => checkSeconds("d", bad, 3600, 43200)),
                    `d: ${bad} is outside 3600–43200 seconds. Fix: set a whole number of seconds from 3600 to 43200.`,
                );
            }
        });

        it("checks IAM names and paths", () => {
            checkIamName("n", "assume-guard-dev-user", 64);
            checkIamPath("p", "/");
            checkIamPath("p", "/connectors/retool/");
            assert.strictEqual(
                messageOf(() => checkIamName("n", "has space", 64)),
                'n: "has space" is not a valid IAM name. Fix: use 1 to 64 characters of letters, digits and +=,.@-_.',
            );
            assert.strictEqual(
                messageOf(() => checkIamPath("p", "connectors")),
                'p: "connectors" is not a valid IAM path. Fix: use / or a path that starts and ends with /, such as /connectors/.',
            );
        });
    });
});
