/**
 * audit/locations: a finding about an account's entity points at the line (and column) of the
 * export that names it, `"UserName": "alice"` and the like, found in the text as AWS writes it.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { entityLocations } from "../../audit/locations";
import { SourceLocation } from "../../gate/report/model";
import { REPO_ROOT } from "../support/mocked";

const OVERRIDES = path.join(REPO_ROOT, "test", "fixtures", "audit", "cloudsplaining-overrides-complete.json");

function located(text: string, file = "account.json"): Record<string, SourceLocation> {
    const into = new Map<string, SourceLocation>();
    entityLocations(file, text, into);
    return Object.fromEntries(into);
}

describe("audit/locations", () => {
    it("Real input (cloudsplaining overrides file, the AWS CLI's layout): each user, group, role and managed policy at its own name field", () => {
        assert.deepStrictEqual(located(fs.readFileSync(OVERRIDES, "utf8"), "test/fixtures/audit/cloudsplaining-overrides-complete.json"), {
            "user:BlakeBortles": { file: "test/fixtures/audit/cloudsplaining-overrides-complete.json", line: 5, column: 7 },
            "group:GOATGroup": { file: "test/fixtures/audit/cloudsplaining-overrides-complete.json", line: 19, column: 7 },
            "role:GOATRole": { file: "test/fixtures/audit/cloudsplaining-overrides-complete.json", line: 39, column: 7 },
            "role:MyOtherRole": { file: "test/fixtures/audit/cloudsplaining-overrides-complete.json", line: 90, column: 7 },
            // Not lines 30, 77 and 26: those are a group's and a role's attachments, written before the Policies list.
            "policy:NotYourPolicy": { file: "test/fixtures/audit/cloudsplaining-overrides-complete.json", line: 133, column: 7 },
            "policy:PolicyForTestingOverrides": { file: "test/fixtures/audit/cloudsplaining-overrides-complete.json", line: 167, column: 7 },
            "policy:AdministratorAccess": { file: "test/fixtures/audit/cloudsplaining-overrides-complete.json", line: 212, column: 7 },
        });
    });

    it("A file written on one line (the SDK's JSON): line 1, each entity at its own column", () => {
        const text = JSON.stringify({
            UserDetailList: [{ UserName: "a", UserPolicyList: [{ PolicyName: "p" }] }],
            RoleDetailList: [{ InstanceProfileList: [{ Roles: [{ RoleName: "r" }] }] }, { RoleName: "r2" }],
            Policies: [{ PolicyName: "p" }],
        });
        assert.deepStrictEqual(located(text), {
            "user:a": { file: "account.json", line: 1, column: text.indexOf('"UserName"') + 1 },
            "role:r": { file: "account.json", line: 1, column: text.indexOf('"RoleName":"r"') + 1 },
            "role:r2": { file: "account.json", line: 1, column: text.indexOf('"RoleName":"r2"') + 1 },
            "policy:p": { file: "account.json", line: 1, column: text.lastIndexOf('"PolicyName"') + 1 },
        });
    });

    it("A role's own entry comes first, its instance profiles' copies of its name after; an escaped name is read unescaped", () => {
        const text = '{\n  "RoleDetailList": [\n    {\n      "RoleName": "web\\u002dserver",\n      "InstanceProfileList": [{ "Roles": [{ "RoleName": "web-server" }] }]\n    }\n  ]\n}\n';
        assert.deepStrictEqual(located(text), { "role:web-server": { file: "account.json", line: 4, column: 7 } });
    });

    it("No Policies list: no managed policy is placed (a PolicyName elsewhere names an inline or attached policy)", () => {
        assert.deepStrictEqual(located('{"GroupDetailList": [{"GroupName": "g", "GroupPolicyList": [{"PolicyName": "p"}]}]}'), {
            "group:g": { file: "account.json", line: 1, column: 23 },
        });
    });
});
