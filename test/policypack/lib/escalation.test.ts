import * as assert from "assert";

import { parsePolicy } from "../../../policypack/lib/document";
import { mayMatch, selfEscalations } from "../../../policypack/lib/escalation";

const ROLE = "arn:aws:iam::111111111111:role/app-role";
/** The role in a first preview: its partition and account not known yet. */
const PREVIEW_ROLE = "arn:*:iam::*:role/app-role";

function held(...statements: Record<string, unknown>[]) {
    const parsed = parsePolicy({ Version: "2012-10-17", Statement: statements });
    assert.ok(parsed.ok);
    return parsed.document.statements.map(statement => ({ statement, via: "p" }));
}

/** The sources of the ways `statements` allow, for the role (and an attached policy). */
const ways = (role: string, ...statements: Record<string, unknown>[]) =>
    selfEscalations(held(...statements), { role, attachedPolicies: ["arn:aws:iam::111111111111:policy/attached"] }).map(w => w.slice(w.indexOf("[") + 1, w.indexOf("]")));

describe("lib/escalation", () => {
    it("matches resource patterns field by field, case-insensitively, a `*` field standing for one not known yet", () => {
        assert.deepStrictEqual(
            [
                mayMatch("*", ROLE),
                mayMatch(ROLE, ROLE),
                mayMatch("arn:aws:iam::111111111111:role/APP-*", ROLE),
                mayMatch("arn:aws:iam::222222222222:role/app-role", ROLE),
                mayMatch("arn:aws:iam::222222222222:role/app-role", PREVIEW_ROLE),
                mayMatch("arn:aws-cn:iam::222222222222:role/app-role", PREVIEW_ROLE),
                mayMatch("arn:aws:iam::222222222222:role/other", PREVIEW_ROLE),
                mayMatch("arn:aws:s3:::app-role", PREVIEW_ROLE),
            ],
            [true, true, true, false, true, true, false, false],
        );
    });

    it("reads NotResource as everything but what it certainly names", () => {
        const putRole = (notResource: string, role: string) => ways(role, { Effect: "Allow", Action: "iam:PutRolePolicy", NotResource: notResource });
        assert.deepStrictEqual(
            [putRole(ROLE, ROLE), putRole("arn:aws:iam::111111111111:role/other", ROLE), putRole(ROLE, PREVIEW_ROLE), putRole("arn:*:iam::*:role/app-role", PREVIEW_ROLE)],
            [[], ["Rhino #12"], ["Rhino #12"], []],
        );
    });

    it("counts PassRole only on a wildcard that can match another role, and only with an action that runs it", () => {
        const pass = (resource: string, also: string) => ways(ROLE, { Effect: "Allow", Action: "iam:PassRole", Resource: resource }, { Effect: "Allow", Action: also, Resource: "*" });
        assert.deepStrictEqual(
            [
                pass("*", "ec2:RunInstances"),
                pass("arn:aws:iam::*:role/*", "cloudformation:CreateStack"),
                pass("arn:aws:iam::111111111111:role/lambda-*", "lambda:CreateFunction"),
                pass("arn:aws:iam::111111111111:role/lambda-exec", "lambda:CreateFunction"),
                pass("arn:aws:iam::111111111111:user/*", "lambda:CreateFunction"),
                pass("*", "s3:GetObject"),
            ].map(w => w.length),
            [1, 1, 1, 0, 0, 0],
        );
    });

    it("does not count Deny statements, and judges policy versions on the attached policies", () => {
        assert.deepStrictEqual(
            [
                ways(ROLE, { Effect: "Deny", Action: "iam:*", Resource: "*" }),
                ways(ROLE, { Effect: "Allow", Action: "iam:SetDefaultPolicyVersion", Resource: "arn:aws:iam::111111111111:policy/attached" }),
                ways(ROLE, { Effect: "Allow", Action: "iam:SetDefaultPolicyVersion", Resource: "arn:aws:iam::111111111111:policy/other" }),
            ],
            [[], ["Rhino #1, #2"], []],
        );
    });
});
