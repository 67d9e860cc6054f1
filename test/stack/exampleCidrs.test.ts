import * as assert from "assert";

import { exampleCidrs, exampleCidrsMessage, isDocumentationCidr } from "../../stack/exampleCidrs";

describe("stack/exampleCidrs: documentation ranges left in a stack's config", () => {
    it("knows a CIDR inside RFC 5737's and RFC 3849's ranges, also IPv4-mapped, from a real network, even one that contains them", () => {
        const cases = [
            "192.0.2.0/24",
            "198.51.100.0/24",
            "198.51.100.7/32",
            "203.0.113.128/25",
            "2001:db8::/32",
            "2001:db8:1::/48",
            "::ffff:198.51.100.0/120",
            "198.51.0.0/16",
            "198.51.101.0/24",
            "52.94.76.0/22",
            "2001:db9::/32",
            "2001::/16",
            "::ffff:0:0/96",
        ];
        assert.deepStrictEqual(
            Object.fromEntries(cases.map(c => [c, isDocumentationCidr(c)])),
            {
                "192.0.2.0/24": true,
                "198.51.100.0/24": true,
                "198.51.100.7/32": true,
                "203.0.113.128/25": true,
                "2001:db8::/32": true,
                "2001:db8:1::/48": true,
                "::ffff:198.51.100.0/120": true,
                "198.51.0.0/16": false,
                "198.51.101.0/24": false,
                "52.94.76.0/22": false,
                "2001:db9::/32": false,
                "2001::/16": false,
                "::ffff:0:0/96": false,
            },
        );
    });

    it("lists them per key, and nothing for a stack of real networks", () => {
        assert.deepStrictEqual(exampleCidrs({ allowedCidrs: ["52.94.76.0/22", "203.0.113.0/24"], operatorCidrs: ["2001:db8::/48"] }), [
            { key: "allowedCidrs", cidrs: ["203.0.113.0/24"] },
            { key: "operatorCidrs", cidrs: ["2001:db8::/48"] },
        ]);
        assert.deepStrictEqual(exampleCidrs({ allowedCidrs: ["35.90.103.132/30", "44.208.168.68/30"], operatorCidrs: [] }), []);
    });

    it("says what is wrong and what to put there: a warning for a preview, the refusal of pulumi up", () => {
        const one = [{ key: "allowedCidrs" as const, cidrs: ["192.0.2.0/24"] }];
        assert.deepStrictEqual([exampleCidrsMessage("assume-guard", one, "preview"), exampleCidrsMessage("assume-guard", one, "up")], [
            "assume-guard:allowedCidrs holds 192.0.2.0/24: a documentation range (RFC 5737, RFC 3849) that no real network uses, kept in the example stack files; " +
                "pulumi up refuses this stack until it is replaced. " +
                "Fix: set the public egress CIDRs the connector (allowedCidrs) and the operator's office (operatorCidrs) call AWS from, e.g. pulumi config set --path 'assume-guard:allowedCidrs[0]' <your CIDR>.",
            "assume-guard:allowedCidrs holds 192.0.2.0/24: a documentation range (RFC 5737, RFC 3849) that no real network uses, kept in the example stack files; " +
                "pulumi up refuses to deploy roles that would trust it. " +
                "Fix: set the public egress CIDRs the connector (allowedCidrs) and the operator's office (operatorCidrs) call AWS from, e.g. pulumi config set --path 'assume-guard:allowedCidrs[0]' <your CIDR>.",
        ]);
    });
});
