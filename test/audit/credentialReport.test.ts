import * as assert from "assert";

import { readCredentialReport } from "../../audit/credentialReport";
import { InputError } from "../../audit/input";
import { credentialReportCsv, credentialReportJson } from "../support/authzDetails";

const ACCOUNT = "111122223333";
const CSV = credentialReportCsv(ACCOUNT, [
    { user: "retool", account: ACCOUNT, key1: { created: "2019-06-01T00:00:00+00:00", lastUsed: "2026-11-20T14:05:00+00:00", region: "eu-west-1", service: "dynamodb" } },
    { user: "ci,deploy", account: ACCOUNT, key1: { created: "2021-02-01T00:00:00+00:00" }, key2Active: true, mfa: true },
    { user: "alice", account: ACCOUNT, password: true, mfa: true },
]);

const EXPECTED_USERS = [
    [
        "retool",
        {
            user: "retool",
            arn: "arn:aws:iam::111122223333:user/retool",
            passwordEnabled: false,
            mfaActive: false,
            keys: [
                { slot: 1, active: true, lastRotated: "2019-06-01T00:00:00+00:00", lastUsedDate: "2026-11-20T14:05:00+00:00", lastUsedRegion: "eu-west-1", lastUsedService: "dynamodb" },
                { slot: 2, active: false },
            ],
        },
    ],
    [
        "ci,deploy",
        {
            user: "ci,deploy",
            arn: "arn:aws:iam::111122223333:user/ci,deploy",
            passwordEnabled: false,
            mfaActive: true,
            keys: [
                { slot: 1, active: true, lastRotated: "2021-02-01T00:00:00+00:00" },
                { slot: 2, active: true, lastRotated: "2024-01-01T00:00:00+00:00" },
            ],
        },
    ],
    ["alice", { user: "alice", arn: "arn:aws:iam::111122223333:user/alice", passwordEnabled: true, mfaActive: true, keys: [{ slot: 1, active: false }, { slot: 2, active: false }] }],
];

function refusal(text: string): string {
    try {
        readCredentialReport("report", text);
    } catch (e) {
        assert.ok(e instanceof InputError);
        return e.message;
    }
    return assert.fail("expected the report to be refused");
}

describe("audit/credentialReport", () => {
    it("reads the CSV: keys, their dates, MFA and passwords; a user name with a comma; the root user's row kept apart", () => {
        const r = readCredentialReport("report.csv", CSV);
        assert.deepStrictEqual({ ...r, users: [...r.users] }, { account: ACCOUNT, users: EXPECTED_USERS, rootActiveKeys: 0 });
    });

    it("reads get-credential-report's JSON (base64 Content, GeneratedTime) and its base64 text alone to the same rows", () => {
        const json = readCredentialReport("report.json", credentialReportJson(CSV));
        const base64 = readCredentialReport("report.txt", `${Buffer.from(CSV).toString("base64")}\n`);
        assert.deepStrictEqual([json.generatedTime, [...json.users], [...base64.users], base64.generatedTime], ["2026-11-24T09:00:00Z", EXPECTED_USERS, EXPECTED_USERS, undefined]);
    });

    it("counts the root user's active keys", () => {
        const csv = CSV.replace(/(<root_account>,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,)false/, "$1true");
        assert.strictEqual(readCredentialReport("r", csv).rootActiveKeys, 1);
    });

    it("reads an older report with fewer columns by their names", () => {
        const csv = "user,arn,access_key_1_active,access_key_2_active\nbob,arn:aws:iam::111122223333:user/bob,TRUE,FALSE\n";
        assert.deepStrictEqual([...readCredentialReport("r", csv).users], [["bob", { user: "bob", arn: "arn:aws:iam::111122223333:user/bob", keys: [{ slot: 1, active: true }, { slot: 2, active: false }] }]]);
    });

    describe("refuses what it cannot read, naming the line and column", () => {
        const cases: [string, string, string][] = [
            ["a missing column", "user,arn,access_key_1_active\n", 'report: the credential report has no column access_key_2_active; its header is "user,arn,access_key_1_active"'],
            ["a row of the wrong width", "user,arn,access_key_1_active,access_key_2_active\nbob,arn:aws:iam::111122223333:user/bob,true\n", "report: line 2: 3 fields, but the header has 4"],
            ["a flag that is not true or false", "user,arn,access_key_1_active,access_key_2_active\nbob,arn:aws:iam::111122223333:user/bob,yes,false\n", 'report: line 2: access_key_1_active is "yes", not true or false'],
            [
                "rows of two accounts",
                "user,arn,access_key_1_active,access_key_2_active\nbob,arn:aws:iam::111122223333:user/bob,true,false\neve,arn:aws:iam::999999999999:user/eve,true,false\n",
                "report: line 3: arn names account 999999999999, the rows before it 111122223333",
            ],
            ["something else", "hello", "report: is not a credential report: expected its CSV (header user,arn,…), the CSV in base64, or get-credential-report's JSON"],
            ["JSON without Content", '{"ReportFormat": "text/csv"}', "report: Content is missing; expected the output of aws iam get-credential-report"],
        ];
        for (const [what, text, message] of cases) {
            it(`Refused: ${what}`, () => assert.strictEqual(refusal(text), message));
        }
    });
});
