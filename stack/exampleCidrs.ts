/**
 * Documentation address ranges left in a stack's config. The example stack files (Pulumi.dev.yaml)
 * list them so that previews and the gate run as shipped; a real deployment must replace them, so
 * the program warns in every preview and refuses `pulumi up` (index.ts) until they are.
 *
 * The ranges: RFC 5737 (TEST-NET-1, -2 and -3, "for use in documentation") and RFC 3849 (the IPv6
 * documentation prefix). A CIDR inside one of them, also written as an IPv4-mapped IPv6 range, is an
 * example; a wider CIDR that merely contains one is a real network.
 */
import * as ipaddr from "ipaddr.js";

import type { StackConfig } from "./config";

/** The documentation ranges. */
export const DOCUMENTATION_RANGES: readonly string[] = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32"];

/** The config keys holding CIDRs, in the order messages name them. */
const KEYS = ["allowedCidrs", "operatorCidrs"] as const;

/** The documentation CIDRs of one config key. */
export interface ExampleCidrs {
    readonly key: (typeof KEYS)[number];
    readonly cidrs: readonly string[];
}

/** The config's CIDRs that lie inside a documentation range, per key (keys without any left out). */
export function exampleCidrs(cfg: Pick<StackConfig, (typeof KEYS)[number]>): ExampleCidrs[] {
    return KEYS.map(key => ({ key, cidrs: cfg[key].filter(isDocumentationCidr) })).filter(e => e.cidrs.length > 0);
}

/** True when every address of `cidr` is in a documentation range. */
export function isDocumentationCidr(cidr: string): boolean {
    let [addr, prefix] = ipaddr.parseCIDR(cidr);
    if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress() && prefix >= 96) {
        [addr, prefix] = [(addr as ipaddr.IPv6).toIPv4Address(), prefix - 96];
    }
    return DOCUMENTATION_RANGES.some(range => {
        const [net, bits] = ipaddr.parseCIDR(range);
        return net.kind() === addr.kind() && prefix >= bits && addr.match(net, bits);
    });
}

/**
 * What the program says about them: a warning in a preview, the reason it refuses `pulumi up`. Names
 * each key and CIDR, and what to put there.
 */
export function exampleCidrsMessage(project: string, found: readonly ExampleCidrs[], phase: "preview" | "up"): string {
    const held = found.map(e => `${project}:${e.key} holds ${e.cidrs.join(", ")}`).join(" and ");
    const many = found.length > 1 || found[0].cidrs.length > 1;
    const what = `${held}: ${many ? "documentation ranges" : "a documentation range"} (RFC 5737, RFC 3849) that no real network uses, kept in the example stack files`;
    const next = phase === "preview" ? `pulumi up refuses this stack until ${many ? "they are" : "it is"} replaced` : `pulumi up refuses to deploy roles that would trust ${many ? "them" : "it"}`;
    const fix =
        `set the public egress CIDRs the connector (allowedCidrs) and the operator's office (operatorCidrs) call AWS from, ` +
        `e.g. pulumi config set --path '${project}:${found[0].key}[0]' <your CIDR>`;
    return `${what}; ${next}. Fix: ${fix}.`;
}
