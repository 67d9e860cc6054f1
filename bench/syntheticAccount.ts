/**
 * A synthetic AWS account as `aws iam get-account-authorization-details` writes it (the CLI's form,
 * indented by four spaces), deterministic, in the proportions of real accounts:
 * - users in groups, half with an inline policy (assume-only, a bucket prefix, a table from one
 *   network), most with one or two managed policies attached, a few with a permissions boundary, tags;
 * - roles trusted by services (EC2 ones with their instance profile, which repeats the role), by the
 *   account with MFA, by named users from a network, by another account with an external ID, and
 *   service-linked roles; an inline policy and managed policies each; tags and last use;
 * - customer managed policies of one to five versions (the default last), and copies of real AWS
 *   managed policies (their vendored documents) of two versions each.
 */
import * as fs from "fs";
import * as path from "path";

const ACCOUNT = "123456789012";
const REGIONS = ["us-east-1", "eu-west-1", "us-west-2", "ap-southeast-2"];
const SERVICES = ["lambda.amazonaws.com", "ec2.amazonaws.com", "ecs-tasks.amazonaws.com", "states.amazonaws.com"];
const VENDORED = path.join(__dirname, "..", "policypack", "data", "aws-managed-policies.json");

type Json = Record<string, unknown>;

/** How many of each. */
export interface AccountSize {
    readonly users: number;
    readonly roles: number;
    /** Managed policies listed: about one in twenty are copies of AWS managed ones. */
    readonly policies: number;
}

const doc = (...Statement: Json[]) => ({ Version: "2012-10-17", Statement });
const arn = (kind: string, name: string, p = "/") => `arn:aws:iam::${ACCOUNT}:${kind}${p}${name}`;
const id = (prefix: string, i: number) => `${prefix}${(i * 2654435761).toString(36).toUpperCase().padStart(13, "X")}EXAMPLE`.slice(0, 21);
const date = (i: number) => new Date(Date.UTC(2018, 0, 1) + (i % 2900) * 86400000).toISOString().replace(".000Z", "Z");
const tags = (i: number) => Array.from({ length: i % 4 }, (_, k) => ({ Key: ["team", "cost-center", "owner"][k], Value: `value-${(i + k) % 37}` }));
const table = (i: number) => `arn:aws:dynamodb:${REGIONS[i % 4]}:${ACCOUNT}:table/table-${i % 400}`;

/** The account's authorization details. */
export function syntheticAccount(size: AccountSize): Json {
    const vendored = (JSON.parse(fs.readFileSync(VENDORED, "utf8")) as { policies: Record<string, unknown> }).policies;
    const awsArns = Object.keys(vendored);
    const awsCount = Math.max(1, Math.round(size.policies / 20));
    const aws = Array.from({ length: awsCount }, (_, k) => awsArns[(k * 37) % awsArns.length]);
    const customer = Array.from({ length: size.policies - awsCount }, (_, k) => `policy-${k}`);
    const groups = Math.max(1, Math.round(size.users / 100));
    const attach = (i: number, n: number) =>
        Array.from({ length: n }, (_, k) => (k % 3 === 2 ? aws[(i + k) % aws.length] : arn("policy", customer[(i * 7 + k) % customer.length]))).map(a => ({ PolicyName: a.slice(a.lastIndexOf("/") + 1), PolicyArn: a }));
    const users = Array.from({ length: size.users }, (_, i) => {
        const name = `user-${i}`;
        const p = i % 5 === 0 ? "/engineering/" : "/";
        const inline = [
            doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: [arn("role", `role-${i % size.roles}`)] }),
            doc({ Sid: "Reports", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: [`arn:aws:s3:::bucket-${i % 300}`, `arn:aws:s3:::bucket-${i % 300}/reports/*`] }),
            doc({ Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:Query"], Resource: [table(i), `${table(i)}/index/*`], Condition: { IpAddress: { "aws:SourceIp": [`203.0.${i % 250}.0/24`] } } }),
        ];
        return {
            Path: p,
            UserName: name,
            UserId: id("AIDA", i),
            Arn: arn("user", name, p),
            CreateDate: date(i),
            GroupList: [`group-${i % groups}`, ...(i % 3 === 0 ? [`group-${(i + 1) % groups}`] : [])].filter((g, k, all) => all.indexOf(g) === k),
            UserPolicyList: i % 2 === 0 ? [{ PolicyName: `inline-${i % 3}`, PolicyDocument: inline[i % 3] }] : [],
            AttachedManagedPolicies: attach(i, i % 3),
            ...(i % 20 === 7 ? { PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: arn("policy", customer[0]) } } : {}),
            Tags: tags(i),
        };
    });
    const groupList = Array.from({ length: groups }, (_, g) => ({
        Path: "/",
        GroupName: `group-${g}`,
        GroupId: id("AGPA", g),
        Arn: arn("group", `group-${g}`),
        CreateDate: date(g),
        GroupPolicyList: [{ PolicyName: "team", PolicyDocument: doc({ Effect: "Allow", Action: ["iam:GetUser", "iam:ListMFADevices", "iam:ChangePassword"], Resource: arn("user", "${aws:username}") }) }],
        AttachedManagedPolicies: attach(g, 1 + (g % 2)),
    }));
    const roles = Array.from({ length: size.roles }, (_, i) => role(i, size, attach));
    const policies = [
        ...customer.map((name, k) => ({
            PolicyName: name,
            PolicyId: id("ANPA", k),
            Arn: arn("policy", name),
            Path: "/",
            DefaultVersionId: `v${1 + (k % 5)}`,
            AttachmentCount: 1 + (k % 9),
            PermissionsBoundaryUsageCount: 0,
            IsAttachable: true,
            Description: `Access for workload ${k % 211}`,
            CreateDate: date(k),
            UpdateDate: date(k + 30),
            PolicyVersionList: Array.from({ length: 1 + (k % 5) }, (_, v) => ({
                Document: doc(
                    { Sid: "Data", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"], Resource: [table(k + v), `${table(k + v)}/index/*`] },
                    { Sid: "Objects", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `arn:aws:s3:::bucket-${k % 300}/${name}/*` },
                    { Sid: "Logs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `arn:aws:logs:${REGIONS[k % 4]}:${ACCOUNT}:log-group:/app/${name}:*` },
                ),
                VersionId: `v${v + 1}`,
                IsDefaultVersion: v === k % 5,
                CreateDate: date(k + v),
            })),
        })),
        ...aws.map((a, k) => ({
            PolicyName: a.slice(a.lastIndexOf("/") + 1),
            PolicyId: id("ANPA", 100000 + k),
            Arn: a,
            Path: a.slice("arn:aws:iam::aws:policy".length, a.lastIndexOf("/") + 1),
            DefaultVersionId: "v2",
            AttachmentCount: 10,
            IsAttachable: true,
            CreateDate: date(k),
            UpdateDate: date(k + 400),
            PolicyVersionList: [
                { Document: vendored[a], VersionId: "v2", IsDefaultVersion: true, CreateDate: date(k + 400) },
                { Document: vendored[a], VersionId: "v1", IsDefaultVersion: false, CreateDate: date(k) },
            ],
        })),
    ];
    return { UserDetailList: users, GroupDetailList: groupList, RoleDetailList: roles, Policies: policies, IsTruncated: false };
}

function role(i: number, size: AccountSize, attach: (i: number, n: number) => Json[]): Json {
    const kind = i % 20;
    const linked = kind === 19;
    const p = linked ? `/aws-service-role/${SERVICES[i % 4]}/` : kind < 4 ? "/service-role/" : "/";
    const name = linked ? `AWSServiceRoleFor${i}` : `role-${i}`;
    const trust =
        kind < 12 || linked
            ? doc({ Effect: "Allow", Principal: { Service: SERVICES[i % 4] }, Action: "sts:AssumeRole", ...(linked ? {} : { Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } }) })
            : kind < 15
              ? doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } })
              : kind < 18
                ? doc({ Effect: "Allow", Principal: { AWS: [arn("user", `user-${i % size.users}`)] }, Action: "sts:AssumeRole", Condition: { IpAddress: { "aws:SourceIp": `198.51.${i % 250}.0/24` } } })
                : doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::210987654321:root" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": `ext-${i}` } } });
    const base = { Path: p, RoleName: name, RoleId: id("AROA", i), Arn: arn("role", name, p), CreateDate: date(i), AssumeRolePolicyDocument: trust };
    const profile = SERVICES[i % 4] === "ec2.amazonaws.com" && kind < 12 ? [{ Path: "/", InstanceProfileName: name, InstanceProfileId: id("AIPA", i), Arn: arn("instance-profile", name), CreateDate: date(i), Roles: [base] }] : [];
    return {
        ...base,
        InstanceProfileList: profile,
        RolePolicyList: [{ PolicyName: "data", PolicyDocument: doc({ Effect: "Allow", Action: ["dynamodb:Query", "dynamodb:GetItem"], Resource: [table(i), `${table(i)}/index/*`] }, { Effect: "Allow", Action: "sqs:SendMessage", Resource: `arn:aws:sqs:${REGIONS[i % 4]}:${ACCOUNT}:queue-${i % 90}` }) }],
        AttachedManagedPolicies: attach(i + 1, 1 + (i % 3)),
        Tags: tags(i),
        RoleLastUsed: i % 4 === 0 ? {} : { LastUsedDate: date(i + 100), Region: REGIONS[i % 4] },
    };
}
