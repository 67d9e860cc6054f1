import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { readAuthorizationDetails } from "../../audit/authorizationDetails";
import { InputError } from "../../audit/input";
import { runStack, REPO_ROOT } from "../support/mocked";
import { legacyAccount } from "../support/legacyAccount";

const FIXTURES = path.join(REPO_ROOT, "test", "fixtures", "audit");
const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), "utf8")) as Record<string, unknown>;
const ALICE_ARN = "arn:aws:iam::111122223333:user/alice";

/** Reads pages given as objects (named `<key>.json`). */
function read(pages: Record<string, unknown>) {
    return readAuthorizationDetails(Object.entries(pages).map(([name, json]) => ({ name: `${name}.json`, text: typeof json === "string" ? json : JSON.stringify(json) })));
}

/** The one-line refusal for `pages`. */
function refusal(pages: Record<string, unknown>): string {
    try {
        read(pages);
    } catch (e) {
        assert.ok(e instanceof InputError, `expected an InputError, got ${String(e)}`);
        return e.message;
    }
    return assert.fail("expected the input to be refused");
}

/** The engine's own message for text that is not JSON (its wording differs between Node versions). */
function jsonError(text: string): string {
    try {
        JSON.parse(text);
    } catch (e) {
        return (e as Error).message;
    }
    return assert.fail(`${text} is JSON`);
}

const alice = (extra: Record<string, unknown> = {}) => ({ UserName: "alice", Arn: ALICE_ARN, Path: "/", ...extra });

describe("audit/authorizationDetails", () => {
    describe("reads an export whole", () => {
        it("reads the AWS CLI's decoded documents and the SDK's URL-encoded ones to the same account", async () => {
            const dev = await runStack("dev");
            const [cli, sdk] = (["cli", "sdk"] as const).map(form => read({ account: legacyAccount(dev, form) }));
            assert.deepStrictEqual(sdk, cli);
            assert.deepStrictEqual(
                { id: cli.id, partition: cli.partition, users: cli.users.map(u => u.name), roles: cli.roles.length, policies: cli.policies.map(p => [p.name, p.awsManaged, p.defaultVersion]) },
                {
                    id: "123456789012",
                    partition: "aws",
                    users: ["assume-guard-dev-user", "assume-guard-dev-operator", "retool", "ci-deploy", "reporting", "contractor", "vendor-sync"],
                    roles: 5,
                    policies: [
                        ["AdministratorAccess", true, "v2"],
                        // The stack's assume-only users are granted through a group's customer managed policy.
                        ["assume-guard-dev-user-assume-only", false, "v1"],
                        ["assume-guard-dev-operator-assume-only", false, "v1"],
                        ["orders-writer", false, "v1"],
                        ["assume-only-boundary", false, "v1"],
                        ["AmazonDynamoDBFullAccess", true, "v2"],
                        ["AmazonS3FullAccess", true, "v2"],
                    ],
                },
            );
        });

        it("merges the pages of one export (every page but the last truncated, with its Marker) into what the whole file gives", () => {
            const whole = fixture("cloudsplaining-overrides-complete.json");
            const pages = {
                p1: { UserDetailList: whole.UserDetailList, GroupDetailList: whole.GroupDetailList, IsTruncated: true, Marker: "m1" },
                p2: { RoleDetailList: whole.RoleDetailList, IsTruncated: true, Marker: "m2" },
                p3: { Policies: whole.Policies, IsTruncated: false },
            };
            const rename = (a: ReturnType<typeof read>) => JSON.parse(JSON.stringify(a).replace(/"p\d\.json: /g, '"x.json: ')) as unknown;
            assert.deepStrictEqual(rename(read(pages)), { ...(rename(read({ x: whole })) as object), pages: 3 });
        });

        it("reads the default version of a managed policy only, whatever the others hold", () => {
            const account = read({
                a: {
                    UserDetailList: [alice({ AttachedManagedPolicies: [{ PolicyName: "p", PolicyArn: "arn:aws:iam::111122223333:policy/p" }] })],
                    Policies: [
                        {
                            PolicyName: "p",
                            Arn: "arn:aws:iam::111122223333:policy/p",
                            DefaultVersionId: "v2",
                            PolicyVersionList: [
                                { VersionId: "v1", IsDefaultVersion: false, Document: "%E0%A4%A" },
                                { VersionId: "v2", IsDefaultVersion: true, Document: "%7B%22Statement%22%3A%5B%5D%7D" },
                            ],
                        },
                    ],
                },
            });
            assert.deepStrictEqual(account.policies, [{ name: "p", arn: "arn:aws:iam::111122223333:policy/p", path: "/", document: '{"Statement":[]}', defaultVersion: "v2", awsManaged: false, where: "a.json: Policies[0] (p)" }]);
        });
    });

    describe("refuses an export it cannot see whole, naming the file, entity and field", () => {
        const cases: [string, Record<string, unknown>, string][] = [
            [
                "the AWS CLI documentation's own example: a page with IsTruncated true and no page after it",
                { "aws-cli-example": fixture("aws-cli-example.json") },
                'aws-cli-example.json: the export is incomplete: IsTruncated is true (Marker "EXAMPLEkakv9BCuUNFDtxWSy…"), so more pages follow, and no page given ends the set. ' +
                    "Fix: give every page (the AWS CLI pages through everything and writes one file unless --max-items or --no-paginate is set).",
            ],
            [
                "the same example with a last page: its groups hold AttachedManagedPolicies as an object, not the API's list",
                { "aws-cli-example": fixture("aws-cli-example.json"), last: { UserDetailList: [] } },
                "aws-cli-example.json: GroupDetailList[0] (Admins).AttachedManagedPolicies: is an object, not a list",
            ],
            [
                "a CLI page cut by --max-items (NextToken)",
                { a: { UserDetailList: [alice()], NextToken: "eyJNYXJrZXIiOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==" } },
                'a.json: the export is incomplete: it carries the CLI\'s NextToken "eyJNYXJrZXIiOiBudWxsLCAi…", so more pages follow, and no page given ends the set. ' +
                    "Fix: give every page (the AWS CLI pages through everything and writes one file unless --max-items or --no-paginate is set).",
            ],
            ["two last pages", { a: { UserDetailList: [alice()] }, b: { RoleDetailList: [] } }, "a.json and b.json both end an export (neither is truncated): they are two exports, not pages of one. Fix: give the pages of one export."],
            [
                "one page given twice",
                { a: { UserDetailList: [], IsTruncated: true, Marker: "m" }, b: { UserDetailList: [], IsTruncated: true, Marker: "m" }, c: { UserDetailList: [alice()] } },
                "b.json and a.json carry the same Marker: one page was given twice. Fix: give each page once.",
            ],
            [
                "an entity listed twice (IAM names are case-insensitive)",
                { a: { UserDetailList: [alice()], IsTruncated: true, Marker: "m" }, b: { UserDetailList: [{ UserName: "Alice", Arn: "arn:aws:iam::111122223333:user/Alice" }] } },
                "b.json: UserDetailList[0] (Alice): a.json: UserDetailList[0] (alice) lists it already. Fix: give each page once, and the pages of one export only.",
            ],
            [
                "two accounts",
                { a: { UserDetailList: [alice()], RoleDetailList: [{ RoleName: "r", Arn: "arn:aws:iam::999999999999:role/r", AssumeRolePolicyDocument: {} }] } },
                "a.json: RoleDetailList[0] (r).Arn: names account 999999999999 (aws), but a.json: UserDetailList[0] (alice) names 111122223333 (aws). Fix: audit one account at a time.",
            ],
            [
                "a group the file does not list (an export filtered with --filter)",
                { a: { UserDetailList: [alice({ GroupList: ["admins"] })] } },
                'a.json: UserDetailList[0] (alice).GroupList[0]: names group "admins", which GroupDetailList does not list: the export is partial (made with --filter, or a page is missing). ' +
                    "Fix: export every entity type: aws iam get-account-authorization-details > account.json",
            ],
            [
                "a customer managed policy the file does not list",
                { a: { UserDetailList: [alice({ AttachedManagedPolicies: [{ PolicyArn: "arn:aws:iam::111122223333:policy/gone" }] })] } },
                "a.json: UserDetailList[0] (alice).AttachedManagedPolicies: names arn:aws:iam::111122223333:policy/gone, a customer managed policy that Policies does not list: the export is partial " +
                    "(made with --filter, or a page is missing). Fix: export every entity type: aws iam get-account-authorization-details > account.json",
            ],
            [
                "an SDK document that is not JSON once URL-decoded",
                { a: { UserDetailList: [alice({ UserPolicyList: [{ PolicyName: "p", PolicyDocument: "%7B%22Version%22%3A%222012-10-17%22" }] })] } },
                "a.json: UserDetailList[0] (alice).UserPolicyList[0].PolicyDocument: is not valid JSON after URL-decoding",
            ],
            [
                "an SDK document whose URL encoding is broken",
                { a: { RoleDetailList: [{ RoleName: "r", Arn: "arn:aws:iam::111122223333:role/r", AssumeRolePolicyDocument: "%7B%E0%A4%A" }] } },
                "a.json: RoleDetailList[0] (r).AssumeRolePolicyDocument: is not URL-encoded JSON text (a % escape is malformed)",
            ],
            [
                "a document that is a list",
                { a: { UserDetailList: [alice({ UserPolicyList: [{ PolicyName: "p", PolicyDocument: [] }] })] } },
                "a.json: UserDetailList[0] (alice).UserPolicyList[0].PolicyDocument: is a list, not a policy document (a JSON object, or URL-encoded JSON text)",
            ],
            ["a role without a trust policy", { a: { RoleDetailList: [{ RoleName: "r", Arn: "arn:aws:iam::111122223333:role/r" }] } }, "a.json: RoleDetailList[0] (r).AssumeRolePolicyDocument: is missing, not a policy document (a JSON object, or URL-encoded JSON text)"],
            ["an ARN that is not the user's", { a: { UserDetailList: [alice({ Arn: "arn:aws:iam::111122223333:user/bob" })] } }, 'a.json: UserDetailList[0] (alice).Arn: "arn:aws:iam::111122223333:user/bob" is not the ARN of the user "alice" with path "/"'],
            ["a user without a name", { a: { UserDetailList: [{ Arn: ALICE_ARN }] } }, "a.json: UserDetailList[0].UserName: is missing, not a non-empty string"],
            [
                "a managed policy with no default version",
                { a: { Policies: [{ PolicyName: "p", Arn: "arn:aws:iam::111122223333:policy/p", PolicyVersionList: [{ VersionId: "v1", IsDefaultVersion: false, Document: {} }] }] } },
                "a.json: Policies[0] (p).PolicyVersionList: marks 0 versions as the default (IsDefaultVersion true); exactly one is",
            ],
            [
                "a DefaultVersionId that contradicts IsDefaultVersion",
                { a: { Policies: [{ PolicyName: "p", Arn: "arn:aws:iam::111122223333:policy/p", DefaultVersionId: "v3", PolicyVersionList: [{ VersionId: "v1", IsDefaultVersion: true, Document: {} }] }] } },
                'a.json: Policies[0] (p).DefaultVersionId: is "v3", but the version marked IsDefaultVersion is "v1"',
            ],
            ["a file that is not JSON", { a: "{ UserDetailList" }, `a.json: is not JSON (${jsonError("{ UserDetailList")})`],
            ["JSON that is no export", { a: { Users: [] } }, "a.json: is not get-account-authorization-details output: it has none of UserDetailList, GroupDetailList, RoleDetailList, Policies"],
            ["an export with nothing of the account", { a: { UserDetailList: [], Policies: [] } }, "the authorization details list no user, group, role or customer managed policy: there is no account to audit"],
        ];
        for (const [what, pages, message] of cases) {
            it(`Refused: ${what}`, () => {
                assert.strictEqual(refusal(pages), message);
            });
        }
    });
});
