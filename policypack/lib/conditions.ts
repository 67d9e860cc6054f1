/**
 * Condition analysis: which of a statement's conditions really bind the caller.
 *
 * A clause binds only when a request lacking the expected value is refused. So these bind nothing:
 * - `…IfExists` operators (a request without the key passes);
 * - negated operators (`StringNotEquals`, `NotIpAddress`, …: a request without the key passes);
 * - `ForAllValues:` (vacuously true for a missing or empty key);
 * - an empty value, a value that is only `*`, a `*`/`?` pattern under a `…Like` operator, and the
 *   whole-internet CIDRs `0.0.0.0/0` and `::/0` (or any other `/0`). One such value in a clause
 *   admits everyone, because a clause matches when any of its values matches.
 * `ForAnyValue:` is accepted: a missing key makes it false.
 * Conditions in one statement are ANDed, so any one binding clause binds the statement.
 */
import { ConditionClause, Statement } from "./document";

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

/** Per condition key: the base operators that can bind it, and the binding it gives. */
const KEYS: Readonly<Record<string, { readonly binding: Binding; readonly operators: ReadonlySet<string> }>> = {
    "aws:sourceip": { binding: "sourceIp", operators: new Set(["ipaddress"]) },
    "sts:externalid": { binding: "externalId", operators: STRING_EQUAL },
    "aws:multifactorauthpresent": { binding: "mfa", operators: new Set(["bool"]) },
    "aws:principalorgid": { binding: "principalOrgId", operators: STRING_EQUAL },
    "aws:sourcevpc": { binding: "sourceVpc", operators: STRING_EQUAL },
    "aws:sourcevpce": { binding: "sourceVpce", operators: STRING_EQUAL },
    "aws:sourcearn": { binding: "sourceArn", operators: ARN_OR_STRING },
    "aws:sourceaccount": { binding: "sourceAccount", operators: STRING_EQUAL },
    "aws:sourceorgid": { binding: "sourceOrgId", operators: STRING_EQUAL },
};

/** The binding a clause gives, or undefined when it binds nothing. */
export function clauseBinding(clause: ConditionClause): Binding | undefined {
    const spec = KEYS[clause.key.toLowerCase()];
    const op = parseOperator(clause.operator);
    if (!spec || op.ifExists || op.set === "forallvalues" || !spec.operators.has(op.base) || clause.values.length === 0) {
        return undefined;
    }
    const like = op.base.endsWith("like");
    const ok = clause.values.every(v => {
        if (v === "" || /^\*+$/.test(v)) {
            return false;
        }
        switch (spec.binding) {
            case "sourceIp":
                return isNarrowCidr(v);
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
export function statementBindings(s: Statement): Set<Binding> {
    const out = new Set<Binding>();
    for (const c of s.conditions) {
        const b = clauseBinding(c);
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

/** True for an IPv4 or IPv6 address or CIDR that is not a `/0`. */
export function isNarrowCidr(value: string): boolean {
    const [address, prefix, ...rest] = value.split("/");
    if (rest.length > 0 || (prefix !== undefined && !/^\d{1,3}$/.test(prefix))) {
        return false;
    }
    const bits = prefix === undefined ? undefined : Number(prefix);
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) {
        return address.split(".").every(o => Number(o) <= 255) && (bits === undefined || (bits >= 1 && bits <= 32));
    }
    if (/^[0-9a-f:.]+$/i.test(address) && address.includes(":")) {
        return bits === undefined || (bits >= 1 && bits <= 128);
    }
    return false;
}
