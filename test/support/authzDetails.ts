/**
 * Files in the shapes AWS writes them, for tests: a mocked run of a Pulumi program turned into the
 * output of `aws iam get-account-authorization-details` (what the account would show once the stack
 * is deployed), and credential reports.
 */
import * as fs from "fs";
import * as path from "path";

import { MockedRun } from "../../gate/mockRuntime";

type Json = Record<string, unknown>;

/** The two forms of documents: decoded (AWS CLI) or URL-encoded JSON text (raw API, JavaScript SDK). */
export type DocumentForm = "cli" | "sdk";

const VENDORED = path.join(__dirname, "..", "..", "policypack", "data", "aws-managed-policies.json");
const CREATED = "2026-01-05T10:00:00Z";

/** A document in the given form. */
export function documentIn(doc: unknown, form: DocumentForm): unknown {
    const obj = typeof doc === "string" ? JSON.parse(doc) : doc;
    return form === "cli" ? obj : encodeURIComponent(JSON.stringify(obj));
}

/** The authorization details of what a mocked run creates (IAM users, roles, policies, groups and their links). */
export function authorizationDetailsOf(run: MockedRun, form: DocumentForm = "cli"): Json {
    const of = (type: string) => run.resources.filter(r => r.type === type).map(r => ({ ...r.inputs, ...r.outputs }) as Json);
    const name = (r: Json) => r.name as string;
    const inline = (type: string, key: string, owner: string) =>
        of(type)
            .filter(p => p[key] === owner)
            .map(p => ({ PolicyName: p.name as string, PolicyDocument: documentIn(p.policy, form) }));
    const attached = (type: string, key: string, owner: string, extra: unknown[] = []) =>
        [...of(type).filter(a => a[key] === owner).map(a => a.policyArn as string), ...(extra as string[])].map(arn => ({ PolicyName: arn.slice(arn.lastIndexOf("/") + 1), PolicyArn: arn }));
    const groupsOf = (user: string) => [
        ...of("aws:iam/userGroupMembership:UserGroupMembership").filter(m => m.user === user).flatMap(m => m.groups as string[]),
        ...of("aws:iam/groupMembership:GroupMembership").filter(m => (m.users as string[]).includes(user)).map(m => m.group as string),
    ];
    const users = of("aws:iam/user:User").map(u => ({
        Path: (u.path as string) ?? "/",
        UserName: name(u),
        UserId: u.uniqueId,
        Arn: u.arn,
        CreateDate: CREATED,
        GroupList: groupsOf(name(u)),
        UserPolicyList: inline("aws:iam/userPolicy:UserPolicy", "user", name(u)),
        AttachedManagedPolicies: attached("aws:iam/userPolicyAttachment:UserPolicyAttachment", "user", name(u)),
        Tags: [],
    }));
    const roles = of("aws:iam/role:Role").map(r => ({
        Path: (r.path as string) ?? "/",
        RoleName: name(r),
        RoleId: r.uniqueId,
        Arn: r.arn,
        CreateDate: CREATED,
        AssumeRolePolicyDocument: documentIn(r.assumeRolePolicy, form),
        InstanceProfileList: [],
        RolePolicyList: inline("aws:iam/rolePolicy:RolePolicy", "role", name(r)),
        AttachedManagedPolicies: attached("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "role", name(r), (r.managedPolicyArns as unknown[]) ?? []),
        Tags: [],
        RoleLastUsed: {},
    }));
    const groups = of("aws:iam/group:Group").map(g => ({
        Path: (g.path as string) ?? "/",
        GroupName: name(g),
        GroupId: g.uniqueId,
        Arn: g.arn,
        CreateDate: CREATED,
        GroupPolicyList: inline("aws:iam/groupPolicy:GroupPolicy", "group", name(g)),
        AttachedManagedPolicies: attached("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "group", name(g)),
    }));
    const entities = [...users, ...groups, ...roles];
    const awsManaged = [...new Set(entities.flatMap(e => e.AttachedManagedPolicies.map(a => a.PolicyArn)).filter(a => a.includes(":iam::aws:policy/")))].sort();
    const customer = of("aws:iam/policy:Policy").map(p =>
        customerPolicyDetail(
            {
                name: name(p),
                policyId: `ANPA${name(p).toUpperCase().replace(/[^A-Z0-9]/g, "").slice(0, 17)}`,
                arn: p.arn as string,
                path: (p.path as string) ?? "/",
                document: p.policy,
                attachments: entities.filter(e => e.AttachedManagedPolicies.some(a => a.PolicyArn === p.arn)).length,
                created: CREATED,
            },
            form,
        ),
    );
    return { UserDetailList: users, GroupDetailList: groups, RoleDetailList: roles, Policies: [...awsManaged.map(arn => managedPolicyDetail(arn, form)), ...customer], IsTruncated: false };
}

/** A customer managed policy as the file lists it: its document as the only, default version. */
export interface CustomerPolicy {
    readonly name: string;
    readonly policyId: string;
    readonly arn: string;
    readonly path: string;
    readonly document: unknown;
    readonly attachments: number;
    readonly created: string;
}

/** A customer managed policy's entry in `Policies`. */
export function customerPolicyDetail(p: CustomerPolicy, form: DocumentForm): Json {
    return {
        PolicyName: p.name,
        PolicyId: p.policyId,
        Arn: p.arn,
        Path: p.path,
        DefaultVersionId: "v1",
        AttachmentCount: p.attachments,
        IsAttachable: true,
        PolicyVersionList: [{ Document: documentIn(p.document, form), VersionId: "v1", IsDefaultVersion: true, CreateDate: p.created }],
    };
}

/** An AWS managed policy as the file lists it: its vendored document as the default version, after an older one. */
export function managedPolicyDetail(arn: string, form: DocumentForm = "cli"): Json {
    const vendored = (JSON.parse(fs.readFileSync(VENDORED, "utf8")) as { policies: Record<string, unknown> }).policies[arn];
    if (vendored === undefined) {
        throw new Error(`${arn} is not vendored`);
    }
    const policyName = arn.slice(arn.lastIndexOf("/") + 1);
    const older = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
    return {
        PolicyName: policyName,
        PolicyId: `ANPA${policyName.toUpperCase().replace(/[^A-Z0-9]/g, "").slice(0, 17)}`,
        Arn: arn,
        Path: "/",
        DefaultVersionId: "v2",
        AttachmentCount: 1,
        IsAttachable: true,
        PolicyVersionList: [
            { Document: documentIn(older, form), VersionId: "v1", IsDefaultVersion: false, CreateDate: CREATED },
            { Document: documentIn(vendored, form), VersionId: "v2", IsDefaultVersion: true, CreateDate: CREATED },
        ],
    };
}

/** One user's row of a credential report: key 1 active (or not), created and last used as given. */
export interface ReportRow {
    readonly user: string;
    readonly account: string;
    readonly key1?: { readonly created: string; readonly lastUsed?: string; readonly region?: string; readonly service?: string };
    readonly key2Active?: boolean;
    readonly mfa?: boolean;
    readonly password?: boolean;
}

const HEADER =
    "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active," +
    "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service," +
    "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service," +
    "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

/** A credential report as CSV, with the root account's row first (no key). */
export function credentialReportCsv(account: string, rows: readonly ReportRow[]): string {
    const root = `<root_account>,arn:aws:iam::${account}:root,2019-01-01T00:00:00+00:00,not_supported,2026-11-20T08:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`;
    const line = (r: ReportRow) => {
        const k = r.key1;
        const key1 = k ? ["true", k.created, k.lastUsed ?? "N/A", k.region ?? "N/A", k.service ?? "N/A"] : ["false", "N/A", "N/A", "N/A", "N/A"];
        const key2 = r.key2Active ? ["true", "2024-01-01T00:00:00+00:00", "N/A", "N/A", "N/A"] : ["false", "N/A", "N/A", "N/A", "N/A"];
        const password = r.password ? ["true", "2026-11-01T00:00:00+00:00", "2025-01-01T00:00:00+00:00", "N/A"] : ["false", "N/A", "N/A", "N/A"];
        return [r.user, `arn:aws:iam::${r.account}:user/${r.user}`, "2019-03-01T00:00:00+00:00", ...password, String(r.mfa ?? false), ...key1, ...key2, "false", "N/A", "false", "N/A"].join(",");
    };
    return [HEADER, root, ...rows.map(line)].join("\n") + "\n";
}

/** `aws iam get-credential-report` output: the CSV base64-encoded in `Content`. */
export function credentialReportJson(csv: string, generatedTime = "2026-11-24T09:00:00Z"): string {
    return JSON.stringify({ Content: Buffer.from(csv).toString("base64"), ReportFormat: "text/csv", GeneratedTime: generatedTime }, null, 4) + "\n";
}
