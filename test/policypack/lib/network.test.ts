import * as assert from "assert";

import { formatCount, networkBreadth, parseRange } from "../../../policypack/lib/network";

/** The counts and the families over the limit, as plain strings. */
function breadth(values: string[], limit?: { ipv4Prefix: number; ipv6Prefix: number }) {
    const b = networkBreadth(values, limit);
    return { invalid: b.invalid, IPv4: b.counts.IPv4.toString(), IPv6: b.counts.IPv6.toString(), tooBroad: b.tooBroad.map(t => t.family) };
}

describe("lib/network", () => {
    it("parses addresses and CIDRs into ranges, masking host bits", () => {
        assert.deepStrictEqual(
            ["203.0.113.7", "203.0.113.9/24", "2001:db8::/127", "::/0"].map(parseRange),
            [
                { family: "IPv4", first: 0xcb007107n, last: 0xcb007107n },
                { family: "IPv4", first: 0xcb007100n, last: 0xcb0071ffn },
                { family: "IPv6", first: 0x20010db8n << 96n, last: (0x20010db8n << 96n) + 1n },
                { family: "IPv6", first: 0n, last: (1n << 128n) - 1n },
            ],
        );
    });

    it("refuses what is not four dotted decimals or a valid IPv6 address and prefix", () => {
        assert.deepStrictEqual(
            ["10.1", "0x0a.0.0.1", "256.0.0.1", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/8/1", "2001:db8::/129", "office", ""].map(parseRange),
            Array(9).fill(undefined),
        );
    });

    it("counts the merged union exactly, per family", () => {
        assert.deepStrictEqual(breadth(["0.0.0.0/1", "128.0.0.0/1"]), { invalid: [], IPv4: "4294967296", IPv6: "0", tooBroad: ["IPv4"] });
        assert.deepStrictEqual(breadth(["::/1", "8000::/1"]), { invalid: [], IPv4: "4294967296", IPv6: (1n << 128n).toString(), tooBroad: ["IPv4", "IPv6"] });
        assert.deepStrictEqual(breadth(["2000::/3"]), { invalid: [], IPv4: "0", IPv6: (1n << 125n).toString(), tooBroad: ["IPv6"] });
        assert.deepStrictEqual(breadth(["198.51.100.0/24", "198.51.100.16/28", "198.51.100.7", "203.0.113.0/28"]), { invalid: [], IPv4: "272", IPv6: "0", tooBroad: [] });
        assert.deepStrictEqual(breadth(["10.0.0.0/8"]), { invalid: [], IPv4: "16777216", IPv6: "0", tooBroad: [] });
        assert.deepStrictEqual(breadth(["10.0.0.0/8", "12.0.0.0/32"]), { invalid: [], IPv4: "16777217", IPv6: "0", tooBroad: ["IPv4"] });
        assert.deepStrictEqual(breadth(["2001:db8::/32", "2001:db8:1::/48"]), { invalid: [], IPv4: "0", IPv6: (1n << 96n).toString(), tooBroad: [] });
        assert.deepStrictEqual(breadth(["office", "10.0.0.0/24"]), { invalid: ["office"], IPv4: "256", IPv6: "0", tooBroad: [] });
    });

    it("counts IPv4-mapped IPv6 ranges as the IPv4 addresses they map", () => {
        assert.deepStrictEqual(breadth(["::ffff:0:0/96"]), { invalid: [], IPv4: "4294967296", IPv6: "4294967296", tooBroad: ["IPv4"] });
        assert.deepStrictEqual(breadth(["::ffff:198.51.100.0/120"]), { invalid: [], IPv4: "256", IPv6: "256", tooBroad: [] });
        assert.deepStrictEqual(breadth(["::/80"]), { invalid: [], IPv4: "4294967296", IPv6: (1n << 48n).toString(), tooBroad: ["IPv4"] });
    });

    it("judges against the configured limit", () => {
        assert.deepStrictEqual(breadth(["198.51.100.0/24", "203.0.113.0/24"], { ipv4Prefix: 24, ipv6Prefix: 64 }).tooBroad, ["IPv4"]);
        assert.deepStrictEqual(breadth(["0.0.0.0/1"], { ipv4Prefix: 1, ipv6Prefix: 1 }).tooBroad, []);
    });

    it("writes counts in full up to 2^32 and as powers of two beyond", () => {
        assert.deepStrictEqual([0n, 272n, 16777216n, 1n << 32n, 1n << 96n, (1n << 97n) + 5n].map(formatCount), ["0", "272", "16,777,216", "4,294,967,296", "2^96", "about 2^97"]);
    });
});
