/**
 * The one place where IAM policy JSON is rendered.
 *
 * Statements are described with typed, plural fields ({@link StatementSpec}) and rendered into the
 * wire shape AWS expects ({@link PolicyDocument}). The rendering rules follow aws-cdk's
 * `PolicyStatement`:
 * - a field with one value renders as a scalar, several as an array;
 * - keys come out in a fixed order (Sid, Effect, Principal, Action, NotAction, Resource, NotResource,
 *   Condition), conditions in the order given, so diffs and tests are deterministic;
 * - duplicate values are dropped, first occurrence wins.
 *
 * Everything here is pure: no Pulumi, no I/O. Callers resolve their `Output`s first and hand plain
 * strings in, which is what keeps documents known at preview time whenever their inputs are.
 */

/** The policy language version every document uses. */
export const POLICY_VERSION = "2012-10-17";

/** A value or a non-empty list of values, as IAM accepts them. */
export type OneOrMany<T> = T | T[];

/** An IAM condition operator, including the qualified forms (`ForAnyValue:`…, `…IfExists`). */
export type ConditionOperator = string;

/** One condition: `operator` applied to `key` with one or more `values` (ORed by IAM). */
export interface Condition {
    /** The operator, for example `IpAddress`, `StringEquals`, `Bool`. */
    readonly operator: ConditionOperator;
    /** The context key, for example `aws:SourceIp`. */
    readonly key: string;
    /** The values; IAM ORs them. Booleans and numbers are written as strings, as AWS returns them. */
    readonly values: readonly string[];
}

/** Principals of a resource-based (trust) policy statement. */
export interface Principals {
    /** AWS principals: account root ARNs, user or role ARNs, or `*`. */
    readonly aws?: readonly string[];
    /** Service principals, for example `lambda.amazonaws.com`. */
    readonly service?: readonly string[];
    /** Federated principals (OIDC or SAML providers). */
    readonly federated?: readonly string[];
}

/** A statement before rendering: every list is plural and typed. */
export interface StatementSpec {
    /** Statement id; rendered when given. */
    readonly sid?: string;
    /** Allow or Deny. */
    readonly effect: "Allow" | "Deny";
    /** Principals; only for resource-based policies such as a role's trust policy. */
    readonly principals?: Principals;
    /** Actions. Exactly one of `actions` and `notActions` must be non-empty. */
    readonly actions?: readonly string[];
    /** Actions excluded (`NotAction`). */
    readonly notActions?: readonly string[];
    /** Resources. Identity policies need `resources` or `notResources`; trust policies have neither. */
    readonly resources?: readonly string[];
    /** Resources excluded (`NotResource`). */
    readonly notResources?: readonly string[];
    /** Conditions, ANDed by IAM. An operator and key may appear only once per statement. */
    readonly conditions?: readonly Condition[];
}

/** A rendered statement. Unlike @pulumi/aws's `PolicyDocument`, condition values may be lists. */
export interface RenderedStatement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    Principal?: { AWS?: OneOrMany<string>; Service?: OneOrMany<string>; Federated?: OneOrMany<string> };
    Action?: OneOrMany<string>;
    NotAction?: OneOrMany<string>;
    Resource?: OneOrMany<string>;
    NotResource?: OneOrMany<string>;
    Condition?: Record<string, Record<string, OneOrMany<string>>>;
}

/** A rendered IAM policy document. */
export interface PolicyDocument {
    Version: typeof POLICY_VERSION;
    Statement: RenderedStatement[];
}

/** Thrown when a statement breaks an invariant of the policy language; always a programming error. */
export class InvalidStatementError extends Error {}

/** Renders statements into a policy document. */
export function renderPolicy(statements: readonly StatementSpec[]): PolicyDocument {
    if (statements.length === 0) {
        throw new InvalidStatementError("a policy document needs at least one statement");
    }
    return { Version: POLICY_VERSION, Statement: statements.map(renderStatement) };
}

/** Renders statements straight to the JSON string that IAM resources take. */
export function renderPolicyJson(statements: readonly StatementSpec[]): string {
    return JSON.stringify(renderPolicy(statements));
}

function renderStatement(spec: StatementSpec): RenderedStatement {
    const where = spec.sid ? `statement '${spec.sid}'` : "statement";
    const actions = unique(spec.actions);
    const notActions = unique(spec.notActions);
    if ((actions.length === 0) === (notActions.length === 0)) {
        throw new InvalidStatementError(`${where}: give exactly one of actions and notActions`);
    }
    const out: RenderedStatement =
        spec.sid === undefined ? { Effect: spec.effect } : { Sid: spec.sid, Effect: spec.effect };
    const principal = renderPrincipals(spec.principals, where);
    if (principal) {
        out.Principal = principal;
    }
    setField(out, "Action", actions);
    setField(out, "NotAction", notActions);
    setField(out, "Resource", unique(spec.resources));
    setField(out, "NotResource", unique(spec.notResources));
    const condition = renderConditions(spec.conditions ?? [], where);
    if (condition) {
        out.Condition = condition;
    }
    return out;
}

function renderPrincipals(p: Principals | undefined, where: string): RenderedStatement["Principal"] {
    if (!p) {
        return undefined;
    }
    const out: NonNullable<RenderedStatement["Principal"]> = {};
    setField(out, "AWS", unique(p.aws));
    setField(out, "Service", unique(p.service));
    setField(out, "Federated", unique(p.federated));
    if (Object.keys(out).length === 0) {
        throw new InvalidStatementError(`${where}: principals were given but all lists are empty`);
    }
    return out;
}

function renderConditions(conditions: readonly Condition[], where: string): RenderedStatement["Condition"] {
    if (conditions.length === 0) {
        return undefined;
    }
    const out: Record<string, Record<string, OneOrMany<string>>> = {};
    for (const c of conditions) {
        const values = unique(c.values);
        if (values.length === 0) {
            throw new InvalidStatementError(`${where}: condition ${c.operator} ${c.key} has no values`);
        }
        const block = (out[c.operator] ??= {});
        if (c.key in block) {
            // Two blocks for one operator and key would silently turn an AND into an OR.
            throw new InvalidStatementError(`${where}: condition ${c.operator} ${c.key} is given twice`);
        }
        block[c.key] = scalarOrList(values);
    }
    return out;
}

function setField<K extends string>(target: { [P in K]?: OneOrMany<string> }, key: K, values: string[]): void {
    if (values.length > 0) {
        target[key] = scalarOrList(values);
    }
}

function scalarOrList(values: string[]): OneOrMany<string> {
    return values.length === 1 ? values[0] : values;
}

function unique(values: readonly string[] | undefined): string[] {
    return [...new Set(values ?? [])];
}
