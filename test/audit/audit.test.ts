/**
 * The audit on real input: public authorization-details files nobody here wrote (cloudsplaining's
 * test files, BSD-3-Clause; see test/fixtures/audit/SOURCES.md), files generated from this program's
 * own stacks, and a real-shaped vulnerable account (test/support/legacyAccount.ts). Findings are the
 * pack's own, named as the gate names them.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { audit } from "../../audit/audit";
import { AuditReport } from "../../audit/report";
import { authorizationDetailsOf } from "../support/authzDetails";
import { legacyAccount } from "../support/legacyAccount";
import { REPO_ROOT, runStack, tempDir } from "../support/mocked";

const FIXTURES = path.join(REPO_ROOT, "test", "fixtures", "audit");

/** Writes `json` to a temporary file and audits it. */
async function auditOf(json: unknown, policyConfig?: unknown): Promise<AuditReport> {
    const dir = tempDir("audit-");
    const file = path.join(dir, "account.json");
    fs.writeFileSync(file, JSON.stringify(json));
    const configFile = path.join(dir, "config.json");
    if (policyConfig !== undefined) {
        fs.writeFileSync(configFile, JSON.stringify(policyConfig));
    }
    return audit({ authorizationDetails: [file], ...(policyConfig !== undefined ? { policyConfigFile: configFile } : {}) });
}

const triples = (r: AuditReport) => r.findings.map(f => [f.level, f.rule, f.resource]);
const flagged = (r: AuditReport) => r.users.filter(u => u.flagged).map(u => u.name);
const BOTH_USER_RULES = ["iam-user-assume-only", "iam-user-no-direct-data-access"];
const MFA_RULE = "iam-user-no-mfa-self-management";
const GROUPS_RULE = "iam-user-permissions-through-groups";

describe("audit: real and real-shaped accounts, judged by the pack's own rules", () => {
    it("Real input (cloudsplaining example-authz-details): each user, flagged on every path, an admin group's among them", async () => {
        const r = await audit({ authorizationDetails: [path.join(FIXTURES, "cloudsplaining-example-authz-details.json")] });
        const paths = (user: string, through: string[]) => BOTH_USER_RULES.flatMap(rule => through.map(resource => ["mandatory", rule, resource.replace("%", user)]));
        const sorted = (xs: string[][]) => [...xs].sort((a, b) => a.join().localeCompare(b.join()));
        assert.deepStrictEqual(sorted(triples(r).filter(t => t[0] === "mandatory")), sorted([
            ...paths("biden", ["aws:iam/user:User %", "aws:iam/user:User %", "aws:iam/userPolicy:UserPolicy %:InsecureUserPolicy", "aws:iam/userPolicyAttachment:UserPolicyAttachment %/AWSLambdaFullAccess"]),
            ...paths("obama", ["aws:iam/user:User %", "aws:iam/userPolicyAttachment:UserPolicyAttachment %/AdministratorAccess"]),
            ...paths("userwithlotsofpermissions", ["aws:iam/user:User %", "aws:iam/userPolicy:UserPolicy %:InsecureUserPolicy"]),
            // AdministratorAccess lets the key enrol a device of its own: once directly, once through the admin group.
            ["mandatory", MFA_RULE, "aws:iam/user:User obama"],
            ["mandatory", MFA_RULE, "aws:iam/user:User obama"],
            ["mandatory", MFA_RULE, "aws:iam/user:User userwithlotsofpermissions"],
        ]));
        assert.deepStrictEqual(triples(r).filter(t => t[0] === "advisory"), [
            ["advisory", "iam-role-service-trust-confused-deputy", "aws:iam/role:Role MyOtherRole"],
            ["advisory", "iam-role-service-trust-confused-deputy", "aws:iam/role:Role MyRole"],
            ["advisory", GROUPS_RULE, "aws:iam/userPolicy:UserPolicy biden:InsecureUserPolicy"],
            ["advisory", GROUPS_RULE, "aws:iam/userPolicy:UserPolicy userwithlotsofpermissions:InsecureUserPolicy"],
            ["advisory", GROUPS_RULE, "aws:iam/userPolicyAttachment:UserPolicyAttachment biden/AWSLambdaFullAccess"],
            ["advisory", GROUPS_RULE, "aws:iam/userPolicyAttachment:UserPolicyAttachment obama/AdministratorAccess"],
        ]);
        const rulesOf = (admin: boolean) => [...BOTH_USER_RULES, ...(admin ? [MFA_RULE] : []), GROUPS_RULE].sort();
        assert.deepStrictEqual(
            { users: r.users, counts: r.counts, migrations: r.migrations.map(m => m.user), holders: r.blastRadius.holders.map(h => [h.user, h.actions, h.unconditioned]) },
            {
                users: [["obama", true], ["userwithlotsofpermissions", true], ["biden", false]].map(([name, admin]) => ({ name, flagged: true, rules: rulesOf(admin as boolean) })),
                counts: { users: 3, groups: 2, roles: 3, customerPolicies: 2, awsManaged: { fromFile: 1, vendored: 2, unknown: 0 } },
                migrations: ["obama", "userwithlotsofpermissions", "biden"],
                holders: [["obama", 137, 137], ["userwithlotsofpermissions", 137, 137], ["biden", 82, 82]],
            },
        );
        // AWSLambdaFullAccess is deprecated and not vendored: the file's own copy decides what it grants.
        assert.strictEqual(
            r.findings.find(f => f.rule === "iam-user-no-direct-data-access" && f.resource.endsWith("biden/AWSLambdaFullAccess"))?.message,
            "IAM user 'biden' can perform data-plane actions through AWS managed policy AWSLambdaFullAccess attached by UserPolicyAttachment 'biden/AWSLambdaFullAccess': " +
                'statement 1 allows Action "dynamodb:*", "kinesis:PutRecord", "logs:*" and 2 more, reaching dynamodb:GetItem, dynamodb:PutItem, dynamodb:UpdateItem and 79 more. ' +
                "A leaked access key of this user reaches the data directly, with no role, source-IP, external-ID or MFA condition in between." +
                " Fix: let the user call only sts:AssumeRole on a guarded role, and grant the data access to that role.",
        );
    });

    it("Real input (cloudsplaining overrides file): the user through its group, the admin role by its trust, the service roles advised", async () => {
        const r = await audit({ authorizationDetails: [path.join(FIXTURES, "cloudsplaining-overrides-complete.json")] });
        const urn = (type: string, name: string) => `urn:pulumi:audit::aws-account-012345678901::${type}::${name}`;
        // Each finding points at the line of the file naming its entity (the test runs in this repository).
        const at = (line: number) => ({ location: { file: "test/fixtures/audit/cloudsplaining-overrides-complete.json", line, column: 7 } });
        const user = { urn: urn("aws:iam/user:User", "BlakeBortles"), resource: "aws:iam/user:User BlakeBortles", level: "mandatory", ...at(5) };
        const assumeFix = "reduce the user's Allow statements to sts:AssumeRole on explicit role ARNs (conditions go on the roles' trust)";
        const assumeWhy = "Anything beyond sts:AssumeRole on named roles is usable with a leaked key alone, without the role's conditions";
        const via = (what: string, name: string) => `${what} attached by GroupPolicyAttachment 'GOATGroup/${name}', of group 'GOATGroup' joined through UserGroupMembership 'BlakeBortles'`;
        /** A finding's parts, and the message the engine shows: `<what>. <why>. Fix: <fix>.` */
        const parts = (what: string, why: string, fix: string) => ({ what, why, fix, message: `${what}. ${why}. Fix: ${fix}.` });
        const deputy = (role: string, line: number) => ({
            rule: "iam-role-service-trust-confused-deputy",
            level: "advisory",
            urn: urn("aws:iam/role:Role", role),
            resource: `aws:iam/role:Role ${role}`,
            ...parts(
                `Role '${role}' trusts AWS services without binding the calling resource: statement 1 admits ssm.amazonaws.com`,
                "Without aws:SourceArn or aws:SourceAccount, the service can be made to assume the role for another customer's resource (the confused deputy)",
                "add StringEquals aws:SourceAccount (or ArnLike aws:SourceArn) naming your own account or resource to those statements",
            ),
            ...at(line),
        });
        assert.deepStrictEqual(r.findings, [
            {
                rule: "iam-data-permissions-scoped",
                level: "mandatory",
                urn: urn("aws:iam/role:Role", "GOATRole"),
                resource: "aws:iam/role:Role GOATRole",
                ...parts(
                    "Role 'GOATRole' holds full access through AWS managed policy AdministratorAccess attached by RolePolicyAttachment 'GOATRole/AdministratorAccess' " +
                        '(statement 1 allows Action "*" on "*"), and its trust does not require both MFA and a network condition: statement 1 binds nothing',
                    "Full access is acceptable only for an operator role that requires MFA and a known network",
                    'add Bool aws:MultiFactorAuthPresent "true" and IpAddress aws:SourceIp to every Allow statement of the role\'s trust policy, or grant table-scoped permissions instead',
                ),
                ...at(39),
            },
            {
                rule: "iam-user-assume-only",
                ...user,
                ...parts(`IAM user 'BlakeBortles' is allowed more than assuming named roles through ${via("AWS managed policy AdministratorAccess", "AdministratorAccess")}: statement 1 allows "*"`, assumeWhy, assumeFix),
            },
            {
                rule: "iam-user-assume-only",
                ...user,
                ...parts(`IAM user 'BlakeBortles' is allowed more than assuming named roles through ${via("Policy 'NotYourPolicy'", "NotYourPolicy")}: statement 1 ("VisualEditor0") allows "ecr:*"`, assumeWhy, assumeFix),
            },
            {
                rule: "iam-user-no-direct-data-access",
                ...user,
                ...parts(
                    `IAM user 'BlakeBortles' can perform data-plane actions through ${via("AWS managed policy AdministratorAccess", "AdministratorAccess")}: statement 1 allows Action "*", reaching dynamodb:GetItem, dynamodb:PutItem, dynamodb:UpdateItem and 134 more`,
                    "A leaked access key of this user reaches the data directly, with no role, source-IP, external-ID or MFA condition in between",
                    "let the user call only sts:AssumeRole on a guarded role, and grant the data access to that role",
                ),
            },
            {
                rule: "iam-user-no-mfa-self-management",
                ...user,
                ...parts(
                    `IAM user 'BlakeBortles' may manage its own MFA devices through ${via("AWS managed policy AdministratorAccess", "AdministratorAccess")}: ` +
                        'statement 1 allows iam:CreateVirtualMFADevice, iam:EnableMFADevice, iam:DeactivateMFADevice, iam:DeleteVirtualMFADevice on "*"',
                    "A leaked access key could enrol the attacker's own MFA device on the user (IAM allows up to 8 per user) and then meet every MFA condition, the operator's admin role included, or remove the owner's device",
                    "remove MFA-device management from the user's policies, and have an administrator enrol the device (once, or through an MfaEnrolmentRole that requires MFA and the operator's network)",
                ),
            },
            deputy("GOATRole", 39),
            deputy("MyOtherRole", 90),
        ]);
    });

    it("Generated from this program's stacks: dev's and prod's assume-only users with conditioned roles get no finding and no migration", async () => {
        const [dev, prod] = await Promise.all([auditOf(authorizationDetailsOf(await runStack("dev"))), auditOf(authorizationDetailsOf(await runStack("prod")))]);
        assert.deepStrictEqual(
            [dev, prod].map(r => ({ findings: triples(r), flagged: flagged(r), migrations: r.migrations.length, holders: r.blastRadius.holders.map(h => [h.user, h.actions, h.unconditioned]) })),
            [
                {
                    findings: [["advisory", "iam-role-full-access-review", "aws:iam/role:Role assume-guard-dev-operator-admin"]],
                    flagged: [],
                    migrations: 0,
                    holders: [["assume-guard-dev-operator", 137, 0], ["assume-guard-dev-user", 13, 0]],
                },
                { findings: [], flagged: [], migrations: 0, holders: [["assume-guard-prod-user", 13, 0]] },
            ],
        );
    });

    it("A real-shaped vulnerable account: every user that can do more than assume roles gets a mandatory finding and a migration; the assume-only ones get none", async () => {
        const r = await auditOf(legacyAccount(await runStack("dev")));
        assert.deepStrictEqual(triples(r), [
            ["mandatory", "iam-user-assume-only", "aws:iam/user:User ci-deploy"],
            ["mandatory", "iam-user-assume-only", "aws:iam/user:User ci-deploy"],
            ["mandatory", "iam-user-assume-only", "aws:iam/userPolicy:UserPolicy reporting:assume-any"],
            ["mandatory", "iam-user-assume-only", "aws:iam/userPolicyAttachment:UserPolicyAttachment contractor/AmazonS3FullAccess"],
            ["mandatory", "iam-user-assume-only", "aws:iam/userPolicyAttachment:UserPolicyAttachment retool/AmazonDynamoDBFullAccess"],
            ["mandatory", "iam-user-no-direct-data-access", "aws:iam/user:User ci-deploy"],
            ["mandatory", "iam-user-no-direct-data-access", "aws:iam/user:User ci-deploy"],
            ["mandatory", "iam-user-no-direct-data-access", "aws:iam/userPolicyAttachment:UserPolicyAttachment contractor/AmazonS3FullAccess"],
            ["mandatory", "iam-user-no-direct-data-access", "aws:iam/userPolicyAttachment:UserPolicyAttachment retool/AmazonDynamoDBFullAccess"],
            ["advisory", "iam-role-full-access-review", "aws:iam/role:Role assume-guard-dev-operator-admin"],
            // The stack's users are granted through groups; the legacy users hold policies of their own.
            ["advisory", GROUPS_RULE, "aws:iam/userPolicy:UserPolicy reporting:assume-any"],
            ["advisory", GROUPS_RULE, "aws:iam/userPolicy:UserPolicy vendor-sync:assume-reader"],
            ["advisory", GROUPS_RULE, "aws:iam/userPolicyAttachment:UserPolicyAttachment ci-deploy/orders-writer"],
            ["advisory", GROUPS_RULE, "aws:iam/userPolicyAttachment:UserPolicyAttachment contractor/AmazonS3FullAccess"],
            ["advisory", GROUPS_RULE, "aws:iam/userPolicyAttachment:UserPolicyAttachment retool/AmazonDynamoDBFullAccess"],
        ]);
        const both = [...BOTH_USER_RULES, GROUPS_RULE].join(" ");
        assert.deepStrictEqual(
            { users: r.users.map(u => [u.name, u.flagged, u.rules.join(" ")]), migrations: r.migrations.map(m => m.user) },
            {
                users: [
                    ["assume-guard-dev-user", false, ""],
                    ["assume-guard-dev-operator", false, ""],
                    ["retool", true, both],
                    ["ci-deploy", true, both],
                    ["reporting", true, `iam-user-assume-only ${GROUPS_RULE}`],
                    ["contractor", true, both],
                    ["vendor-sync", false, GROUPS_RULE],
                ],
                migrations: ["retool", "ci-deploy", "reporting", "contractor"],
            },
        );
    });

    it("An account's own copy of an AWS managed policy decides over the vendored document", async () => {
        const doc = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] };
        const r = await auditOf({
            UserDetailList: [{ UserName: "u", Arn: "arn:aws:iam::111122223333:user/u", AttachedManagedPolicies: [{ PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }] }],
            Policies: [{ PolicyName: "AdministratorAccess", Arn: "arn:aws:iam::aws:policy/AdministratorAccess", PolicyVersionList: [{ VersionId: "v1", IsDefaultVersion: true, Document: doc }] }],
        });
        assert.deepStrictEqual(
            r.findings.map(f => f.message),
            [
                "IAM user 'u' is allowed more than assuming named roles through AWS managed policy AdministratorAccess attached by UserPolicyAttachment 'u/AdministratorAccess': " +
                    'statement 1 allows "s3:GetObject". Anything beyond sts:AssumeRole on named roles is usable with a leaked key alone, without the role\'s conditions.' +
                    " Fix: reduce the user's Allow statements to sts:AssumeRole on explicit role ARNs (conditions go on the roles' trust).",
                "IAM user 'u' can perform data-plane actions through AWS managed policy AdministratorAccess attached by UserPolicyAttachment 'u/AdministratorAccess': " +
                    'statement 1 allows Action "s3:GetObject", reaching s3:GetObject. A leaked access key of this user reaches the data directly, with no role, source-IP, external-ID or MFA condition in between.' +
                    " Fix: let the user call only sts:AssumeRole on a guarded role, and grant the data access to that role.",
                "IAM user 'u' holds a policy of its own, attached by UserPolicyAttachment 'u/AdministratorAccess'. A policy on one user is reviewed, and forgotten, user by user; " +
                    "AWS Security Hub IAM.2 and CIS 1.15 expect users to receive permissions only through groups. " +
                    'Fix: attach the policy to a group and make the user a member (AssumeOnlyUser does so by default, grantVia "group").',
            ],
        );
    });

    it("A document that is JSON but not IAM is the pack's violation (fail closed), not an input error", async () => {
        const r = await auditOf({ UserDetailList: [{ UserName: "u", Arn: "arn:aws:iam::111122223333:user/u", UserPolicyList: [{ PolicyName: "p", PolicyDocument: { Version: "2012-10-17" } }] }] });
        assert.deepStrictEqual(
            r.findings.map(f => [f.rule, f.resource, f.message]),
            [
                // The user rules fail closed on what they cannot read; the MFA rule names the user, the others the policy.
                ...[...BOTH_USER_RULES, MFA_RULE].map(rule => [
                    rule,
                    rule === MFA_RULE ? "aws:iam/user:User u" : "aws:iam/userPolicy:UserPolicy u:p",
                    "IAM user 'u' receives a policy document that cannot be parsed through inline UserPolicy 'u:p': the document has no Statement. What it grants cannot be checked, so the pack fails closed. " +
                        "Fix: give UserPolicy 'u:p' valid IAM policy JSON.",
                ]),
                [
                    GROUPS_RULE,
                    "aws:iam/userPolicy:UserPolicy u:p",
                    "IAM user 'u' holds a policy of its own, held inline in UserPolicy 'u:p'. A policy on one user is reviewed, and forgotten, user by user; " +
                        "AWS Security Hub IAM.2 and CIS 1.15 expect users to receive permissions only through groups. " +
                        'Fix: attach the policy to a group and make the user a member (AssumeOnlyUser does so by default, grantVia "group").',
                ],
            ],
        );
    });

    it("The file's account is an own account for the rules' ownAccounts (a fact, not a guess), kept when --policy-config names others", async () => {
        const trust = (principal: string) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: principal }, Action: "sts:AssumeRole", Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }] });
        const role = (name: string, principal: string) => ({ RoleName: name, Arn: `arn:aws:iam::111122223333:role/${name}`, AssumeRolePolicyDocument: trust(principal) });
        const account = { RoleDetailList: [role("own", "arn:aws:iam::111122223333:root"), role("partner", "arn:aws:iam::444455556666:root")] };
        const judged = async (config?: unknown) => (await auditOf(account, config)).findings.map(f => [f.rule, f.resource]);
        assert.deepStrictEqual(
            [await judged(), await judged({ "iam-role-cross-account-external-id": { ownAccounts: ["444455556666"] } })],
            [[["iam-role-cross-account-external-id", "aws:iam/role:Role partner"]], []],
        );
    });
});
