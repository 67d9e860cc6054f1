/**
 * Network breadth: how many addresses a set of CIDRs admits, per address family, counted exactly
 * on the merged union (BigInt, so IPv6 is exact too). A condition's values are ORed, so a clause is
 * as broad as the union of its CIDRs: `0.0.0.0/1` and `128.0.0.0/1` together are all of IPv4.
 *
 * IPv4-mapped IPv6 ranges (`::ffff:0:0/96` and its subnets) are counted as the IPv4 addresses they
 * map, so the IPv4 limit cannot be stepped around by writing IPv4 as IPv6. The CIDR parsing is
 * ipaddr.js's; a value it does not accept is reported as invalid, never counted as narrow.
 */
import * as ipaddr from "ipaddr.js";

/** An address family. */
export type Family = "IPv4" | "IPv6";

/** The widest union a clause may admit, per family, as a prefix length: "no more addresses than one /8". */
export interface NetworkLimit {
    readonly ipv4Prefix: number;
    readonly ipv6Prefix: number;
}

/** The pack's default: no more addresses than one IPv4 /8 or one IPv6 /32. */
export const DEFAULT_NETWORK_LIMIT: NetworkLimit = { ipv4Prefix: 8, ipv6Prefix: 32 };

const BITS: Readonly<Record<Family, number>> = { IPv4: 32, IPv6: 128 };

/** A range of addresses, inclusive. */
interface Range {
    readonly family: Family;
    readonly first: bigint;
    readonly last: bigint;
}

/** What a set of CIDRs admits. `invalid` lists the values that are not addresses or CIDRs. */
export interface Breadth {
    readonly invalid: readonly string[];
    readonly counts: Readonly<Record<Family, bigint>>;
    /** The families whose union exceeds the limit, with their counts. */
    readonly tooBroad: readonly { readonly family: Family; readonly count: bigint; readonly max: bigint; readonly prefix: number }[];
}

function toBigInt(bytes: readonly number[]): bigint {
    return bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
}

const MAPPED_FIRST = 0xffff00000000n;
const MAPPED_LAST = 0xffffffffffffn;

/** Ranges parsed so far, by text: conditions repeat the same few networks across documents. */
const rangeCache = new Map<string, Range | undefined>();
const RANGE_CACHE_LIMIT = 4096;

/** Parses an address (`203.0.113.7`) or CIDR (`203.0.113.0/24`); host bits are masked as IAM does. */
export function parseRange(value: string): Range | undefined {
    if (rangeCache.has(value)) {
        return rangeCache.get(value);
    }
    const range = parseRangeText(value);
    if (rangeCache.size >= RANGE_CACHE_LIMIT) {
        rangeCache.clear();
    }
    rangeCache.set(value, range);
    return range;
}

function parseRangeText(value: string): Range | undefined {
    const slash = value.indexOf("/");
    const address = slash < 0 ? value : value.slice(0, slash);
    // ipaddr.js also reads "10.1" and "0x0a.0.0.1"; IAM wants four dotted decimals.
    if (!address.includes(":") && !ipaddr.IPv4.isValidFourPartDecimal(address)) {
        return undefined;
    }
    let addr: ipaddr.IPv4 | ipaddr.IPv6;
    let prefix: number;
    try {
        if (slash < 0) {
            addr = ipaddr.parse(value);
            prefix = addr.kind() === "ipv4" ? 32 : 128;
        } else {
            if (!/^\d{1,3}$/.test(value.slice(slash + 1))) {
                return undefined;
            }
            // The family's own parser: ipaddr.parseCIDR tries IPv6 first, and the exception it throws for every IPv4 range was most of the parse's time.
            [addr, prefix] = address.includes(":") ? ipaddr.IPv6.parseCIDR(value) : ipaddr.IPv4.parseCIDR(value);
        }
    } catch {
        return undefined;
    }
    const family: Family = addr.kind() === "ipv4" ? "IPv4" : "IPv6";
    const hostBits = BigInt(BITS[family] - prefix);
    const first = (toBigInt(addr.toByteArray()) >> hostBits) << hostBits;
    return { family, first, last: first + (1n << hostBits) - 1n };
}

/** The IPv4 addresses an IPv6 range maps (its overlap with ::ffff:0:0/96), if any. */
function mappedIpv4(r: Range): Range | undefined {
    if (r.family !== "IPv6" || r.last < MAPPED_FIRST || r.first > MAPPED_LAST) {
        return undefined;
    }
    const first = r.first > MAPPED_FIRST ? r.first : MAPPED_FIRST;
    const last = r.last < MAPPED_LAST ? r.last : MAPPED_LAST;
    return { family: "IPv4", first: first - MAPPED_FIRST, last: last - MAPPED_FIRST };
}

/** The number of addresses in the union of `ranges` (one family). */
function unionSize(ranges: Range[]): bigint {
    const sorted = [...ranges].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
    let total = 0n;
    let start = -1n;
    let end = -2n;
    for (const r of sorted) {
        if (r.first > end + 1n) {
            total += end - start + 1n;
            start = r.first;
            end = r.last;
        } else if (r.last > end) {
            end = r.last;
        }
    }
    return total + (end - start + 1n);
}

/** How broad the union of `values` is, against `limit`. */
export function networkBreadth(values: readonly string[], limit: NetworkLimit = DEFAULT_NETWORK_LIMIT): Breadth {
    const invalid: string[] = [];
    const byFamily: Record<Family, Range[]> = { IPv4: [], IPv6: [] };
    for (const v of values) {
        const r = parseRange(v);
        if (!r) {
            invalid.push(v);
            continue;
        }
        byFamily[r.family].push(r);
        const mapped = mappedIpv4(r);
        if (mapped) {
            byFamily.IPv4.push(mapped);
        }
    }
    const counts = { IPv4: unionSize(byFamily.IPv4), IPv6: unionSize(byFamily.IPv6) };
    const prefixes: Record<Family, number> = { IPv4: limit.ipv4Prefix, IPv6: limit.ipv6Prefix };
    const tooBroad = (["IPv4", "IPv6"] as const).flatMap(family => {
        const max = 1n << BigInt(BITS[family] - prefixes[family]);
        return counts[family] > max ? [{ family, count: counts[family], max, prefix: prefixes[family] }] : [];
    });
    return { invalid, counts, tooBroad };
}

/** `16,777,216` below 2^32; `2^96` or `about 2^97` above it (IPv6 counts are unreadable in full). */
export function formatCount(n: bigint): string {
    if (n <= 1n << 32n) {
        return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    }
    const bits = n.toString(2).length - 1;
    return n === 1n << BigInt(bits) ? `2^${bits}` : `about 2^${bits}`;
}

/** `4,294,967,296 IPv4 addresses, more than one /8 (16,777,216)`: how messages describe a breadth problem. */
export function describeBreadth(b: Breadth): string {
    return b.tooBroad.map(t => `${formatCount(t.count)} ${t.family} addresses, more than one /${t.prefix} (${formatCount(t.max)})`).join(" and ");
}
