import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { audit } from "../../audit/audit";
import { pathText } from "../../audit/render/text";
import { AuditReport } from "../../audit/report";
import { credentialReportJson } from "../support/authzDetails";
import { legacyAccount, legacyCredentialReport } from "../support/legacyAccount";
import { runStack, tempDir } from "../support/mocked";

const A = "111122223333";
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const user = (name: string, statements: unknown[]) => ({ UserName: name, Arn: `arn:aws:iam::${A}:user/${name}`, UserPolicyList: [{ PolicyName: "p", PolicyDocument: doc(...statements) }] });
const role = (name: string, trust: unknown, statements: unknown[]) => ({ RoleName: name, Arn: `arn:aws:iam::${A}:role/${name}`, AssumeRolePolicyDocument: trust, RolePolicyList: [{ PolicyName: "p", PolicyDocument: doc(...statements) }] });
const trusting = (principal: string, condition?: unknown) => doc({ Effect: "Allow", Principal: { AWS: principal }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) });

async function auditOf(account: unknown, report?: string): Promise<AuditReport> {
    const dir = tempDir("audit-blast-");
    fs.writeFileSync(path.join(dir, "account.json"), JSON.stringify(account));
    if (report !== undefined) {
        fs.writeFileSync(path.join(dir, "report.json"), report);
    }
    return audit({ authorizationDetails: [path.join(dir, "account.json")], ...(report !== undefined ? { credentialReport: path.join(dir, "report.json") } : {}) });
}

/** Each holder as `user`, its keys, its counts, and each path as `route: resource: n actions`. */
const shown = (r: AuditReport) =>
    r.blastRadius.holders.map(h => ({
        user: h.user,
        keys: h.keys.map(k => `${k.slot}: ${k.ageDays} days, last ${k.lastUsedService ?? "never"}`),
        actions: h.actions,
        unconditioned: h.unconditioned,
        paths: h.paths.map(p => `${pathText(p)}: ${p.resource}: ${p.actions.length}`),
    }));

describe("audit/blastRadius: what each key reaches, through which roles, under which conditions", () => {
    it("ranks the keys of a real-shaped account by what a leaked key reaches with no condition, then by all it reaches, with each hop's conditions", async () => {
        const r = await auditOf(legacyAccount(await runStack("dev")), credentialReportJson(legacyCredentialReport()));
        const table = (name: string) => `arn:aws:dynamodb:eu-west-1:123456789012:table/${name}`;
        assert.strictEqual(r.blastRadius.basis, "users with an active key (credential report)");
        assert.deepStrictEqual(shown(r), [
            { user: "retool", keys: ["1: 2733 days, last dynamodb"], actions: 37, unconditioned: 37, paths: ["direct: *: 37"] },
            {
                user: "ci-deploy",
                keys: ["1: 2122 days, last s3", "2: 1058 days, last never"],
                actions: 5,
                unconditioned: 2,
                paths: [`direct [from 203.0.113.0/24]: ${table("orders")}: 3`, `direct [from 203.0.113.0/24]: ${table("orders")}/index/*: 3`, "direct: arn:aws:s3:::acme-artifacts/*: 2"],
            },
            {
                user: "assume-guard-dev-user",
                keys: ["1: 54 days, last sts"],
                actions: 13,
                unconditioned: 0,
                paths: [`role assume-guard-dev-connector [from 198.51.100.0/24]: ${table("assume-guard-dev-items")}: 13`, `role assume-guard-dev-connector [from 198.51.100.0/24]: ${table("assume-guard-dev-items")}/index/*: 13`],
            },
            {
                user: "reporting",
                keys: ["1: 1545 days, last sts"],
                actions: 3,
                unconditioned: 0,
                paths: ["role analytics [MFA]: arn:aws:s3:::acme-reports/*: 1", `role analytics [MFA] → role warehouse [from 203.0.113.0/24]: ${table("warehouse")}: 2`],
            },
            { user: "vendor-sync", keys: ["1: 602 days, last sts"], actions: 1, unconditioned: 0, paths: ["role vendor-sync-reader [from 198.51.100.0/24; external ID acme-7f3k]: arn:aws:s3:::acme-exports/vendor/*: 1"] },
        ]);
    });

    it("without a credential report takes every user to hold a key, and says so; a boundary is not subtracted (it can only narrow)", async () => {
        const r = await auditOf(legacyAccount(await runStack("dev")));
        assert.deepStrictEqual(
            [r.blastRadius.basis, r.blastRadius.holders.map(h => [h.user, h.actions, h.unconditioned, h.keys.length])],
            [
                "every user (no credential report: each is taken to hold an active key)",
                [
                    ["contractor", 55, 55, 0],
                    ["retool", 37, 37, 0],
                    ["ci-deploy", 5, 2, 0],
                    ["assume-guard-dev-operator", 137, 0, 0],
                    ["assume-guard-dev-user", 13, 0, 0],
                    ["reporting", 3, 0, 0],
                    ["vendor-sync", 1, 0, 0],
                ],
            ],
        );
    });

    it("subtracts a Deny without conditions on *, keeps a conditioned Deny (it may not apply), and reads NotResource as everything but", async () => {
        const r = await auditOf({
            UserDetailList: [
                user("u", [
                    { Effect: "Allow", Action: ["s3:GetObject", "dynamodb:GetItem", "sqs:ReceiveMessage"], Resource: "*" },
                    { Effect: "Deny", Action: "s3:*", Resource: "*" },
                    { Effect: "Deny", Action: "dynamodb:*", Resource: "*", Condition: { NotIpAddress: { "aws:SourceIp": "203.0.113.0/24" } } },
                    { Effect: "Allow", Action: "kms:Decrypt", NotResource: "arn:aws:kms:*:*:key/secret" },
                ]),
            ],
        });
        assert.deepStrictEqual(shown(r)[0].paths, ["direct: *: 2", "direct: all but arn:aws:kms:*:*:key/secret: 1"]);
        assert.deepStrictEqual(r.blastRadius.holders[0].paths[0].actions, ["dynamodb:GetItem", "sqs:ReceiveMessage"]);
    });

    it("follows a trust that names the user, without an Allow of its own (a same-account resource policy), and stops at a loop of roles", async () => {
        const a = `arn:aws:iam::${A}:role/a`;
        const b = `arn:aws:iam::${A}:role/b`;
        const r = await auditOf({
            UserDetailList: [user("u", [{ Effect: "Allow", Action: "iam:GetUser", Resource: "*" }])],
            RoleDetailList: [
                role("a", trusting(`arn:aws:iam::${A}:user/u`, { StringEquals: { "sts:ExternalId": "x-1" } }), [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: b }]),
                role("b", trusting(a), [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: a }, { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }]),
            ],
        });
        assert.deepStrictEqual(shown(r), [{ user: "u", keys: [], actions: 1, unconditioned: 0, paths: ["role a [external ID x-1] → role b [no condition] [MFA]: *: 1"] }]);
    });

    it("names the roles a key may assume in other accounts, whose reach the file cannot show", async () => {
        const r = await auditOf({
            UserDetailList: [user("u", [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: ["arn:aws:iam::999999999999:role/partner-reader", `arn:aws:iam::${A}:role/a`] }])],
            RoleDetailList: [role("a", trusting(`arn:aws:iam::${A}:root`), [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }])],
        });
        assert.deepStrictEqual(
            r.blastRadius.holders.map(h => [h.user, h.actions, h.outside]),
            [["u", 0, ["*", "arn:aws:iam::999999999999:role/partner-reader"]]],
        );
    });

    it("does not follow a role trusting only the account when the user has no Allow to assume it", async () => {
        const r = await auditOf({
            UserDetailList: [user("u", [{ Effect: "Allow", Action: "iam:GetUser", Resource: "*" }])],
            RoleDetailList: [role("a", trusting(`arn:aws:iam::${A}:root`), [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }])],
        });
        assert.deepStrictEqual(shown(r), [{ user: "u", keys: [], actions: 0, unconditioned: 0, paths: [] }]);
    });
});
