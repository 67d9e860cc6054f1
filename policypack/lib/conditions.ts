/**
 * Condition analysis: which of a statement's conditions really bind the caller.
 *
 * A clause binds only when a request lacking the expected value is refused. So these bind nothing:
 * - `…IfExists` operators (a request without the key passes);
 * - negated operators (`StringNotEquals`, `NotIpAddress`, …: a request without the key passes);
 * - `ForAllValues:` (vacuously true for a missing or empty key);
 * - an empty value, a value that is only `*`, a `*`/`?` pattern under a `…Like` operator, and a
 *   policy variable (`${aws:username}`: IAM substitutes it from the request, so the caller supplies
 *   both sides). One such value in a clause admits everyone, because a clause matches when any of
 *   its values matches;
 * - source-IP CIDRs whose union (per address family) admits more addresses than the configured
 *   limit (lib/network.ts; one IPv4 /8 or one IPv6 /32 by default), or any value that is not an
 *   address or CIDR.
 * `ForAnyValue:` is accepted: a missing key makes it false.
 * MFA is bound by `Bool aws:MultiFactorAuthPresent "true"`, and by any positive numeric operator on
 * `aws:MultiFactorAuthAge` or `Null aws:MultiFactorAuthAge "false"`: AWS puts that key in a request
 * only when the caller authenticated with MFA (`NumericLessThanIfExists` passes without it).
 * Conditions in one statement are ANDed, so any one binding clause binds the statement.
 */
import { numberSetting, SettingValues } from "./config";
import { ConditionClause, Statement } from "./document";
import { DEFAULT_NETWORK_LIMIT, describeBreadth, NetworkLimit, networkBreadth } from "./network";

/** A kind of binding the pack understands. */
export type Binding =
    | "sourceIp"
    | "externalId"
    | "mfa"
    | "principalOrgId"
    | "sourceVpc"
    | "sourceVpce"
    | "sourceArn"
    | "sourceAccount"
    | "sourceOrgId";

/** An operator split into its parts: `ForAnyValue:StringEqualsIfExists` → set, base, ifExists. */
export interface Operator {
    readonly set?: "forallvalues" | "foranyvalue";
    /** Lower-cased base operator: `stringequals`, `ipaddress`, `bool`, … */
    readonly base: string;
    readonly ifExists: boolean;
}

/** Splits an operator name (case-insensitively). */
export function parseOperator(operator: string): Operator {
    let rest = operator.toLowerCase();
    let set: Operator["set"];
    for (const prefix of ["forallvalues:", "foranyvalue:"] as const) {
        if (rest.startsWith(prefix)) {
            set = prefix === "forallvalues:" ? "forallvalues" : "foranyvalue";
            rest = rest.slice(prefix.length);
        }
    }
    const ifExists = rest.endsWith("ifexists");
    return { ...(set ? { set } : {}), base: ifExists ? rest.slice(0, -"ifexists".length) : rest, ifExists };
}

const STRING_EQUAL = new Set(["stringequals", "stringequalsignorecase", "stringlike"]);
const ARN_OR_STRING = new Set(["arnequals", "arnlike", ...STRING_EQUAL]);
/** Every positive numeric operator is false when its key is absent, and aws:MultiFactorAuthAge is absent without MFA. */
const NUMERIC = new Set(["numericequals", "numericlessthan", "numericlessthanequals", "numericgreaterthan", "numericgreaterthanequals"]);

/** What a clause is judged with: the widest network a source-IP clause may admit. */
export interface BindingOptions {
    readonly network: NetworkLimit;
}

/** The pack's defaults. */
export const DEFAULT_BINDING_OPTIONS: BindingOptions = { network: DEFAULT_NETWORK_LIMIT };

/** The settings of a source-IP condition's breadth, shared by the rules that judge it (declared once: schema and reader). */
export const NETWORK_SETTINGS = {
    widestIpv4Prefix: numberSetting(
        { type: "integer", minimum: 1, maximum: 32 },
        "The IPv4 CIDRs of one aws:SourceIp condition may together admit no more addresses than one network of this prefix length (8: one /8), counted exactly on their union; IPv4-mapped IPv6 ranges count as IPv4.",
        DEFAULT_NETWORK_LIMIT.ipv4Prefix,
    ),
    widestIpv6Prefix: numberSetting(
        { type: "integer", minimum: 1, maximum: 128 },
        "The IPv6 CIDRs of one aws:SourceIp condition may together admit no more addresses than one network of this prefix length (32: one /32), counted exactly on their union.",
        DEFAULT_NETWORK_LIMIT.ipv6Prefix,
    ),
};

/** The binding options of {@link NETWORK_SETTINGS}' typed values (a value out of range has already become the default). */
export function bindingOptions(s: SettingValues<typeof NETWORK_SETTINGS>): BindingOptions {
    return { network: { ipv4Prefix: s.widestIpv4Prefix, ipv6Prefix: s.widestIpv6Prefix } };
}

/** Per condition key: the base operators that can bind it, and the binding it gives. */
const KEYS: Readonly<Record<string, { readonly binding: Binding; readonly operators: ReadonlySet<string> }>> = {
    "aws:sourceip": { binding: "sourceIp", operators: new Set(["ipaddress"]) },
    "sts:externalid": { binding: "externalId", operators: STRING_EQUAL },
    "aws:multifactorauthpresent": { binding: "mfa", operators: new Set(["bool"]) },
    "aws:multifactorauthage": { binding: "mfa", operators: new Set([...NUMERIC, "null"]) },
    "aws:principalorgid": { binding: "principalOrgId", operators: STRING_EQUAL },
    "aws:sourcevpc": { binding: "sourceVpc", operators: STRING_EQUAL },
    "aws:sourcevpce": { binding: "sourceVpce", operators: STRING_EQUAL },
    "aws:sourcearn": { binding: "sourceArn", operators: ARN_OR_STRING },
    "aws:sourceaccount": { binding: "sourceAccount", operators: STRING_EQUAL },
    "aws:sourceorgid": { binding: "sourceOrgId", operators: STRING_EQUAL },
};

/**
 * True when a value holds a policy variable (`${aws:username}`), which IAM replaces from the
 * request before comparing: the caller's own request then supplies the value it is compared with.
 * `${*}`, `${?}` and `${$}` are escapes for literal characters, not variables.
 */
export function hasPolicyVariable(value: string): boolean {
    return value.replace(/\$\{[*?$]\}/g, "").includes("${");
}

/** A value that matches anything or nothing in particular: empty, only `*`, or a policy variable. */
export function isVacuousValue(value: string): boolean {
    return value === "" || /^\*+$/.test(value) || hasPolicyVariable(value);
}

/** True when a positive, non-IfExists, non-ForAllValues operator: a request without the key fails it. */
export function requiresKey(op: Operator): boolean {
    return !op.ifExists && op.set !== "forallvalues" && !op.base.includes("not");
}

/** The binding a clause gives, or undefined when it binds nothing. */
export function clauseBinding(clause: ConditionClause, options: BindingOptions = DEFAULT_BINDING_OPTIONS): Binding | undefined {
    const key = clause.key.toLowerCase();
    const spec = KEYS[key];
    const op = parseOperator(clause.operator);
    if (!spec || !requiresKey(op) || !spec.operators.has(op.base) || clause.values.length === 0) {
        return undefined;
    }
    if (spec.binding === "sourceIp") {
        const breadth = networkBreadth(clause.values, options.network);
        return breadth.invalid.length === 0 && breadth.tooBroad.length === 0 ? spec.binding : undefined;
    }
    const like = op.base.endsWith("like");
    const ok = clause.values.every(v => {
        if (isVacuousValue(v)) {
            return false;
        }
        if (key === "aws:multifactorauthage") {
            return op.base === "null" ? v.toLowerCase() === "false" : /^\d+(\.\d+)?$/.test(v);
        }
        switch (spec.binding) {
            case "mfa":
                return v.toLowerCase() === "true";
            case "sourceArn": {
                // Under ArnLike, a fixed partition and service and something fixed after them.
                const m = /^arn:[^:*?]+:[^:*?]+:(.*)$/.exec(v);
                return !like || (m !== null && /[^*?:]/.test(m[1]));
            }
            default:
                return !like || !/[*?]/.test(v);
        }
    });
    return ok ? spec.binding : undefined;
}

/** The bindings of a statement's conditions. */
export function statementBindings(s: Statement, options: BindingOptions = DEFAULT_BINDING_OPTIONS): Set<Binding> {
    const out = new Set<Binding>();
    for (const c of s.conditions) {
        const b = clauseBinding(c, options);
        if (b) {
            out.add(b);
        }
    }
    return out;
}

/** The external IDs a statement requires (values of its binding `sts:ExternalId` clauses). */
export function requiredExternalIds(s: Statement): string[] {
    return s.conditions.filter(c => clauseBinding(c) === "externalId").flatMap(c => c.values);
}

/** Why a clause binds nothing, for messages: ` (IfExists passes when the key is absent)`, or "". */
export function nonBindingReason(clause: ConditionClause, options: BindingOptions = DEFAULT_BINDING_OPTIONS): string {
    const op = parseOperator(clause.operator);
    if (op.ifExists) {
        return " (IfExists passes when the key is absent)";
    }
    if (op.set === "forallvalues") {
        return " (ForAllValues passes when the key is absent)";
    }
    if (op.base.includes("not")) {
        return " (a negated operator passes when the key is absent)";
    }
    if (clause.values.some(hasPolicyVariable)) {
        return " (a policy variable is filled in from the request itself)";
    }
    if (clause.values.some(v => v === "" || /^\*+$/.test(v))) {
        return " (an empty or wildcard value matches anything)";
    }
    if (clause.key.toLowerCase() === "aws:sourceip" && op.base === "ipaddress") {
        const breadth = networkBreadth(clause.values, options.network);
        if (breadth.invalid.length > 0) {
            return ` (${breadth.invalid.map(v => JSON.stringify(v)).join(", ")} is not an IP address or CIDR)`;
        }
        if (breadth.tooBroad.length > 0) {
            return ` (the CIDRs together admit ${describeBreadth(breadth)})`;
        }
    }
    return "";
}
