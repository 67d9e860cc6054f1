/**
 * Grants that are not documents (resource model rows with `grant`: a KMS grant, a Lambda or
 * EventBridge permission, an EKS access entry) read as one-statement resource policies, so that the
 * rules judge them as they judge documents. Each principal property becomes a statement whose Sid
 * names the property; the grant's organisation, account and source properties become StringEquals
 * conditions, which narrow `*` as the same keys do in a document.
 */
import { ParsedPolicy, parsePolicy } from "./document";
import { GrantActions, GrantFields } from "./model/resourceTypes";
import { RuleResource } from "./rule";
import { UnknownValueErrorLike } from "./runtime";
import { readProp } from "./values";

/** A grant as a document, or the value that is unknown during preview. */
export type GrantDocument = { readonly kind: "parsed"; readonly parsed: ParsedPolicy } | { readonly kind: "unknown"; readonly error: UnknownValueErrorLike } | undefined;

class Unknown {
    public constructor(public readonly error: UnknownValueErrorLike) {}
}

/** The grant of `r` as a resource policy; undefined when it names no principal. */
export function grantDocument(r: RuleResource, grant: GrantFields): GrantDocument {
    try {
        const Condition = conditions(r, grant);
        const Statement = grant.principals.flatMap(p => {
            const principal = read(r, p.prop);
            if (principal === undefined || principal === null || principal === "") {
                return [];
            }
            // A principal that is not a string cannot be read: it counts as everyone (the pack fails closed).
            const Principal = typeof principal === "string" ? principalOf(principal) : "*";
            return [{ Sid: p.prop, Effect: "Allow", Principal, Action: actions(r, p.actions), Resource: "*", ...(Condition ? { Condition } : {}) }];
        });
        return Statement.length === 0 ? undefined : { kind: "parsed", parsed: parsePolicy({ Version: "2012-10-17", Statement }) };
    } catch (e) {
        if (e instanceof Unknown) {
            return { kind: "unknown", error: e.error };
        }
        throw e;
    }
}

/** A principal property as a `Principal` element: a service, an account, an ARN or `*`. */
function principalOf(p: string): Record<string, string> | string {
    if (p === "*") {
        return "*";
    }
    return /\.amazonaws\.com(\.cn)?$/.test(p) && !p.startsWith("arn:") ? { Service: p } : { AWS: p };
}

function actions(r: RuleResource, a: GrantActions): string[] {
    if ("fixed" in a) {
        return [...a.fixed];
    }
    const v = read(r, a.prop);
    const list = (Array.isArray(v) ? v : v === undefined || v === null || v === "" ? (a.default ?? []) : [v]).filter((x): x is string => typeof x === "string" && x !== "");
    // A grant with no readable action is read as allowing everything: the pack fails closed.
    return list.length === 0 ? ["*"] : list.map(x => (a.prefix && !x.includes(":") ? `${a.prefix}${x}` : x));
}

function conditions(r: RuleResource, grant: GrantFields): Record<string, Record<string, string>> | undefined {
    const out: Record<string, string> = {};
    for (const c of grant.conditions ?? []) {
        const v = read(r, c.prop);
        const value = c.nestedValue && v !== null && typeof v === "object" ? (v as Record<string, unknown>)[c.nestedValue] : v;
        if (typeof value === "string" && value !== "") {
            out[c.key] = value;
        }
    }
    return Object.keys(out).length > 0 ? { StringEquals: out } : undefined;
}

function read(r: RuleResource, prop: string): unknown {
    const v = readProp(r.props, prop);
    if (!v.known) {
        throw new Unknown(v.error);
    }
    return v.value;
}
