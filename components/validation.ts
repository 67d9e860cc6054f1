/**
 * Argument and config validation, shared by the components and the program.
 *
 * Every check is a free function that runs before any resource is registered and throws an
 * {@link InvalidArgumentError} whose message names the field, quotes the bad value and says the fix:
 * `<label>: "<value>" <what is wrong>. Fix: <how>.` CIDRs are parsed with ipaddr.js and ARNs with
 * @aws-sdk/util-arn-parser rather than hand-written patterns.
 */
import { parse as parseArn, validate as isArn } from "@aws-sdk/util-arn-parser";
import * as ipaddr from "ipaddr.js";

import { DEFAULT_NETWORK_LIMIT, describeBreadth, networkBreadth } from "../policypack/lib/network";

/** A bad argument or config value. The message is complete and meant for the person who set it. */
export class InvalidArgumentError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "InvalidArgumentError";
    }
}

function fail(label: string, value: unknown, problem: string, fix: string): never {
    throw new InvalidArgumentError(`${label}: ${JSON.stringify(value)} ${problem}. Fix: ${fix}.`);
}

/**
 * Checks a non-empty list of CIDRs: each valid, a network address with no host bits, not
 * "everything"; and together, per address family, no broader than the policy pack's default limit
 * (one IPv4 /8, one IPv6 /32), counted on their union as the pack counts it (policypack/lib/network.ts).
 */
export function checkCidrs(label: string, cidrs: readonly string[]): void {
    if (cidrs.length === 0) {
        fail(label, cidrs, "is empty", "list at least one CIDR the caller connects from, such as 203.0.113.0/24");
    }
    cidrs.forEach((cidr, i) => checkCidr(`${label}[${i}]`, cidr));
    const breadth = networkBreadth(cidrs);
    if (breadth.tooBroad.length > 0) {
        const { ipv4Prefix, ipv6Prefix } = DEFAULT_NETWORK_LIMIT;
        fail(
            label,
            cidrs,
            `together admit ${describeBreadth(breadth)}, so a condition on them binds almost nothing`,
            `list only the networks the caller really connects from, at most one /${ipv4Prefix} of IPv4 and one /${ipv6Prefix} of IPv6 addresses in all`,
        );
    }
}

/** Checks one CIDR. */
export function checkCidr(label: string, cidr: unknown): void {
    const example = "write an address and prefix length, such as 203.0.113.0/24 or 2001:db8::/32";
    if (typeof cidr !== "string" || !/^[0-9a-fA-F:.]+\/\d{1,3}$/.test(cidr)) {
        fail(label, cidr, "is not a CIDR", example);
    }
    const address = cidr.slice(0, cidr.indexOf("/"));
    if (!ipaddr.isValidCIDR(cidr) || (address.includes(".") && !address.includes(":") && !ipaddr.IPv4.isValidFourPartDecimal(address))) {
        fail(label, cidr, "is not a CIDR", example);
    }
    const [addr, prefix] = ipaddr.parseCIDR(cidr);
    if (prefix === 0) {
        fail(label, cidr, "matches every address, so the condition binds nothing", "list the real egress CIDRs");
    }
    const network =
        addr.kind() === "ipv4" ? ipaddr.IPv4.networkAddressFromCIDR(cidr) : ipaddr.IPv6.networkAddressFromCIDR(cidr);
    if (network.toString() !== addr.toString()) {
        fail(label, cidr, "has host bits set", `write the network address, ${network.toString()}/${prefix}`);
    }
}

/** Checks a 12-digit AWS account ID. */
export function checkAccountId(label: string, value: unknown): void {
    if (typeof value !== "string" || !/^\d{12}$/.test(value)) {
        fail(label, value, "is not an AWS account ID", "use the 12-digit account ID, such as 123456789012, quoted in YAML");
    }
}

/** The parts of an IAM ARN that the checks look at. */
export interface IamArn {
    readonly partition: string;
    readonly accountId: string;
    /** `root`, `user/<path/>name` or `role/<path/>name`. */
    readonly resource: string;
}

function parseIamArn(label: string, value: unknown, what: string, example: string): IamArn {
    if (typeof value !== "string" || !isArn(value)) {
        fail(label, value, `is not ${what}`, `use an ARN such as ${example}`);
    }
    let arn: ReturnType<typeof parseArn>;
    try {
        arn = parseArn(value);
    } catch {
        fail(label, value, `is not ${what}`, `use an ARN such as ${example}`);
    }
    if (!/^aws(-[a-z]+)*$/.test(arn.partition) || arn.service !== "iam" || arn.region !== "" || !/^\d{12}$/.test(arn.accountId)) {
        fail(label, value, `is not ${what}`, `use an ARN such as ${example}`);
    }
    return arn;
}

/** Checks a trusted principal: an account ID, an account root ARN, or an IAM user or role ARN. */
export function checkPrincipal(label: string, value: unknown): void {
    if (typeof value === "string" && /^\d+$/.test(value)) {
        checkAccountId(label, value);
        return;
    }
    const example = "arn:aws:iam::123456789012:user/connector, …:role/name or …:root, or a 12-digit account ID";
    const arn = parseIamArn(label, value, "an IAM user, role or account principal", example);
    if (arn.resource !== "root" && !/^(user|role)\/([\w+=,.@-]+\/)*[\w+=,.@-]+$/.test(arn.resource)) {
        fail(label, value, "is not an IAM user, role or account principal", `use an ARN such as ${example}`);
    }
}

/** Checks an IAM role ARN. */
export function checkRoleArn(label: string, value: unknown): void {
    const example = "arn:aws:iam::123456789012:role/reader";
    const arn = parseIamArn(label, value, "an IAM role ARN", example);
    if (!/^role\/([\w+=,.@-]+\/)*[\w+=,.@-]+$/.test(arn.resource)) {
        fail(label, value, "is not an IAM role ARN", `use an ARN such as ${example}`);
    }
}

/** Checks an external ID against AWS's rules: 2 to 1,224 characters of `[\w+=,.@:/-]`. */
export function checkExternalId(label: string, value: unknown): void {
    if (typeof value !== "string" || !/^[\w+=,.@:/-]{2,1224}$/.test(value)) {
        fail(label, value, "is not a valid external ID", "use 2 to 1,224 characters of letters, digits and +=,.@:/-_");
    }
}

/** Checks an integer number of seconds within AWS's bounds for the field. */
export function checkSeconds(label: string, value: unknown, min: number, max: number): void {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        fail(label, value, `is outside ${min}–${max} seconds`, `set a whole number of seconds from ${min} to ${max}`);
    }
}

/** Checks a name usable for IAM users and roles: 1 to `max` characters of `[\w+=,.@-]`. */
export function checkIamName(label: string, value: unknown, max: number): void {
    if (typeof value !== "string" || !new RegExp(`^[\\w+=,.@-]{1,${max}}$`).test(value)) {
        fail(label, value, "is not a valid IAM name", `use 1 to ${max} characters of letters, digits and +=,.@-_`);
    }
}

/** Checks an IAM path: `/` or `/segments/`. */
export function checkIamPath(label: string, value: unknown): void {
    if (typeof value !== "string" || !/^\/([\x21-\x7e]{1,510}\/)?$/.test(value) || value.includes("//")) {
        fail(label, value, "is not a valid IAM path", "use / or a path that starts and ends with /, such as /connectors/");
    }
}
