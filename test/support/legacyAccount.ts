/**
 * A real-shaped vulnerable account, for tests: what the dev stack deploys (an assume-only user with a
 * conditioned role, and the operator pattern) next to the kinds of users the stack exists to replace,
 * each modelled on a seed of this project:
 * - `retool`: a connector's long-lived key with AmazonDynamoDBFullAccess, last used in eu-west-1;
 * - `ci-deploy`: a CI key with two active keys, reaching a bucket through its group and one table
 *   through a customer managed policy that only works from 203.0.113.0/24;
 * - `reporting`: may assume any role of the account (`role/*`): `analytics` (trusts the account with
 *   MFA, reads reports) and through it `warehouse` (trusts `analytics` from 203.0.113.0/24, scans a table);
 * - `contractor`: AmazonS3FullAccess under a permissions boundary that allows only sts:AssumeRole;
 * - `vendor-sync`: done right by hand: only sts:AssumeRole on one role, which trusts it from
 *   198.51.100.0/24 with an external ID and reads one prefix.
 */
import { MockedRun } from "../../gate/mockRuntime";
import { authorizationDetailsOf, credentialReportCsv, customerPolicyDetail, documentIn, DocumentForm, managedPolicyDetail, ReportRow } from "./authzDetails";

export const LEGACY_ACCOUNT = "123456789012";
const A = LEGACY_ACCOUNT;
type Json = Record<string, unknown>;

const doc = (...statements: Json[]) => ({ Version: "2012-10-17", Statement: statements });
const arn = (kind: string, name: string) => `arn:aws:iam::${A}:${kind}/${name}`;
const managed = (name: string) => ({ PolicyName: name, PolicyArn: `arn:aws:iam::aws:policy/${name}` });

function user(name: string, o: { groups?: string[]; inline?: [string, Json][]; attached?: { PolicyName: string; PolicyArn: string }[]; boundary?: string }, form: DocumentForm): Json {
    return {
        Path: "/",
        UserName: name,
        UserId: `AIDA${name.toUpperCase().replace(/[^A-Z]/g, "")}EXAMPLE`,
        Arn: arn("user", name),
        CreateDate: "2019-03-01T00:00:00Z",
        GroupList: o.groups ?? [],
        UserPolicyList: (o.inline ?? []).map(([n, d]) => ({ PolicyName: n, PolicyDocument: documentIn(d, form) })),
        AttachedManagedPolicies: o.attached ?? [],
        ...(o.boundary ? { PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: o.boundary } } : {}),
        Tags: [],
    };
}

function role(name: string, trust: Json, inline: [string, Json][], form: DocumentForm): Json {
    return {
        Path: "/",
        RoleName: name,
        RoleId: `AROA${name.toUpperCase().replace(/[^A-Z]/g, "")}EXAMPLE`,
        Arn: arn("role", name),
        CreateDate: "2020-05-01T00:00:00Z",
        AssumeRolePolicyDocument: documentIn(trust, form),
        InstanceProfileList: [],
        RolePolicyList: inline.map(([n, d]) => ({ PolicyName: n, PolicyDocument: documentIn(d, form) })),
        AttachedManagedPolicies: [],
        Tags: [],
        RoleLastUsed: {},
    };
}

function customer(name: string, document: Json, form: DocumentForm): Json {
    const policyId = `ANPA${name.toUpperCase().replace(/[^A-Z]/g, "")}EXAMPLE`;
    return customerPolicyDetail({ name, policyId, arn: arn("policy", name), path: "/", document, attachments: 1, created: "2021-01-01T00:00:00Z" }, form);
}

/** The account's authorization details: the dev stack's run (from `runStack("dev")`) plus the legacy entities. */
export function legacyAccount(dev: MockedRun, form: DocumentForm = "cli"): Json {
    const stack = authorizationDetailsOf(dev, form) as { UserDetailList: Json[]; GroupDetailList: Json[]; RoleDetailList: Json[]; Policies: Json[] };
    const table = (name: string) => `arn:aws:dynamodb:eu-west-1:${A}:table/${name}`;
    const users = [
        user("retool", { attached: [managed("AmazonDynamoDBFullAccess")] }, form),
        user("ci-deploy", { groups: ["deployers"], attached: [{ PolicyName: "orders-writer", PolicyArn: `arn:aws:iam::${A}:policy/orders-writer` }] }, form),
        user("reporting", { inline: [["assume-any", doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:aws:iam::${A}:role/*` })]] }, form),
        user("contractor", { attached: [managed("AmazonS3FullAccess")], boundary: `arn:aws:iam::${A}:policy/assume-only-boundary` }, form),
        user("vendor-sync", { inline: [["assume-reader", doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: arn("role", "vendor-sync-reader") })]] }, form),
    ];
    const groups = [
        {
            Path: "/",
            GroupName: "deployers",
            GroupId: "AGPADEPLOYERSEXAMPLE",
            Arn: arn("group", "deployers"),
            CreateDate: "2019-03-01T00:00:00Z",
            GroupPolicyList: [{ PolicyName: "artifacts", PolicyDocument: documentIn(doc({ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::acme-artifacts/*" }), form) }],
            AttachedManagedPolicies: [],
        },
    ];
    const roles = [
        role(
            "analytics",
            doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }),
            [["reports", doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-reports/*" }, { Effect: "Allow", Action: "sts:AssumeRole", Resource: arn("role", "warehouse") })]],
            form,
        ),
        role(
            "warehouse",
            doc({ Effect: "Allow", Principal: { AWS: arn("role", "analytics") }, Action: "sts:AssumeRole", Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }),
            [["scan", doc({ Effect: "Allow", Action: ["dynamodb:Query", "dynamodb:Scan"], Resource: table("warehouse") })]],
            form,
        ),
        role(
            "vendor-sync-reader",
            doc({ Effect: "Allow", Principal: { AWS: arn("user", "vendor-sync") }, Action: "sts:AssumeRole", Condition: { IpAddress: { "aws:SourceIp": "198.51.100.0/24" }, StringEquals: { "sts:ExternalId": "acme-7f3k" } } }),
            [["exports", doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-exports/vendor/*" })]],
            form,
        ),
    ];
    const policies = [
        customer(
            "orders-writer",
            doc({ Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"], Resource: [table("orders"), `${table("orders")}/index/*`], Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }),
            form,
        ),
        customer("assume-only-boundary", doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }), form),
        managedPolicyDetail("arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess", form),
        managedPolicyDetail("arn:aws:iam::aws:policy/AmazonS3FullAccess", form),
    ];
    return {
        UserDetailList: [...stack.UserDetailList, ...users],
        GroupDetailList: [...stack.GroupDetailList, ...groups],
        RoleDetailList: [...stack.RoleDetailList, ...roles],
        Policies: [...stack.Policies, ...policies],
        IsTruncated: false,
    };
}

/** The account's credential report: who holds which key, as the audit's ranking reads it. */
export const LEGACY_KEYS: readonly ReportRow[] = [
    { user: "assume-guard-dev-user", account: A, key1: { created: "2026-10-01T00:00:00+00:00", lastUsed: "2026-11-23T10:00:00+00:00", region: "eu-west-1", service: "sts" } },
    { user: "assume-guard-dev-operator", account: A, password: true, mfa: true },
    { user: "retool", account: A, key1: { created: "2019-06-01T00:00:00+00:00", lastUsed: "2026-11-20T14:05:00+00:00", region: "eu-west-1", service: "dynamodb" } },
    { user: "ci-deploy", account: A, key1: { created: "2021-02-01T00:00:00+00:00", lastUsed: "2026-11-22T03:00:00+00:00", region: "eu-west-1", service: "s3" }, key2Active: true },
    { user: "reporting", account: A, key1: { created: "2022-09-01T00:00:00+00:00", lastUsed: "2026-11-01T07:00:00+00:00", region: "us-east-1", service: "sts" } },
    { user: "contractor", account: A, password: true },
    { user: "vendor-sync", account: A, key1: { created: "2025-04-01T00:00:00+00:00", lastUsed: "2026-11-23T06:00:00+00:00", region: "eu-west-1", service: "sts" } },
];

/** The credential report as CSV. */
export const legacyCredentialReport = (): string => credentialReportCsv(A, LEGACY_KEYS);
