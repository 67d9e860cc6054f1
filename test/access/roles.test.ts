/**
 * Proofs for the bypass corpus's role cases (test/support/bypass-cases-roles.ts), with the evaluator:
 * what a session of a role the user can assume can do with the policy each case gives it, beside the
 * rules the corpus expects. Self-escalation: the role can rewrite or extend its own permissions
 * (iam:PutRolePolicy, iam:AttachRolePolicy on itself) or pass any role; S3 and Secrets Manager
 * scoping: `*` and `arn:aws:s3:::*` reach every bucket and secret, a prefix reaches only its keys.
 * And the sizes the quota cases claim, counted as the pack counts them.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { policyChars } from "../../policypack/lib/quotas";
import { ACCOUNT, ROLE, T } from "../support/bypass-kit";
import { ROLE_CASES } from "../support/bypass-cases-roles";
import { REPO_ROOT } from "../support/mocked";
import { Decision, evaluate } from "../support/simulate";

const EXPECTED = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "test", "fixtures", "bypass", "expected.json"), "utf8")) as Record<string, string[]>;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/app-role/proof`;
const NO_CONTEXT = { sourceIp: "198.51.100.7", mfa: null, viaAwsService: false } as const;

function caseNamed(name: string) {
    const found = ROLE_CASES.find(c => c.name === name);
    assert.ok(found, name);
    return found;
}

/** The app role's policy in a case. */
function rolePolicy(name: string): string {
    const res = caseNamed(name).resources.find(r => r.type === T.rolePolicy);
    assert.ok(res, `${name} has no role policy`);
    return res.props.policy as string;
}

/** What a session of the app role may do under case `name`, per request. */
async function decide(name: string, requests: Record<string, [string, string, Record<string, string>?]>): Promise<Record<string, Decision>> {
    const out: Record<string, Decision> = {};
    for (const [key, [action, resource, extra]] of Object.entries(requests)) {
        out[key] = await evaluate({ principal: SESSION, action, resource, identityPolicies: [rolePolicy(name)], context: { ...NO_CONTEXT, ...(extra ? { extra } : {}) } });
    }
    return out;
}

describe("access proofs: roles a user can assume (bypass corpus r2-roles-*)", () => {
    it("Proof: PutRolePolicy on its own ARN lets the role rewrite itself, not another role (iam-role-no-self-escalation fires)", async () => {
        assert.deepStrictEqual(
            [await decide("r2-roles-put-role-policy-self", { itself: ["iam:PutRolePolicy", ROLE], other: ["iam:PutRolePolicy", `arn:aws:iam::${ACCOUNT}:role/other`] }), EXPECTED["r2-roles-put-role-policy-self"]],
            [{ itself: "Allowed", other: "ImplicitlyDenied" }, ["iam-role-no-self-escalation"]],
        );
    });

    it("Proof: AttachRolePolicy on * lets the role attach to itself; PassRole on * passes an admin role to a function it creates", async () => {
        assert.deepStrictEqual(
            [
                await decide("r2-roles-attach-role-policy-star", { attach: ["iam:AttachRolePolicy", ROLE] }),
                await decide("r2-roles-passrole-star-lambda", {
                    pass: ["iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/admin`, { "iam:PassedToService": "lambda.amazonaws.com" }],
                    create: ["lambda:CreateFunction", `arn:aws:lambda:us-east-1:${ACCOUNT}:function:x`],
                }),
                await decide("r2-roles-legit-deploy-role-passes-one-role", { pass: ["iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/admin`, { "iam:PassedToService": "lambda.amazonaws.com" }] }),
                ["r2-roles-attach-role-policy-star", "r2-roles-passrole-star-lambda", "r2-roles-legit-deploy-role-passes-one-role"].map(c => EXPECTED[c]),
            ],
            [{ attach: "Allowed" }, { pass: "Allowed", create: "Allowed" }, { pass: "ImplicitlyDenied" }, [["iam-role-no-self-escalation"], ["iam-role-no-self-escalation"], []]],
        );
    });

    it("Proof: s3:* on * and s3:GetObject on arn:aws:s3:::*/* reach any bucket; a prefix grant reaches only its keys (iam-data-permissions-scoped)", async () => {
        const anyObject = "arn:aws:s3:::payroll/2026/salaries.csv";
        assert.deepStrictEqual(
            [
                await decide("r2-roles-s3-star", { object: ["s3:GetObject", anyObject], list: ["s3:ListBucket", "arn:aws:s3:::payroll"] }),
                await decide("r2-roles-s3-getobject-all-buckets", { object: ["s3:GetObject", anyObject] }),
                await decide("r2-roles-legit-s3-prefix", {
                    prefix: ["s3:GetObject", "arn:aws:s3:::exports/vendor/2026.csv"],
                    otherPrefix: ["s3:GetObject", "arn:aws:s3:::exports/finance/2026.csv"],
                    otherBucket: ["s3:GetObject", "arn:aws:s3:::payroll/vendor/2026.csv"],
                    listPrefix: ["s3:ListBucket", "arn:aws:s3:::exports", { "s3:prefix": "vendor/" }],
                    listOther: ["s3:ListBucket", "arn:aws:s3:::exports", { "s3:prefix": "finance/" }],
                }),
                ["r2-roles-s3-star", "r2-roles-s3-getobject-all-buckets", "r2-roles-legit-s3-prefix"].map(c => EXPECTED[c]),
            ],
            [
                { object: "Allowed", list: "Allowed" },
                { object: "Allowed" },
                { prefix: "Allowed", otherPrefix: "ImplicitlyDenied", otherBucket: "ImplicitlyDenied", listPrefix: "Allowed", listOther: "ImplicitlyDenied" },
                [["iam-data-permissions-scoped"], ["iam-data-permissions-scoped"], []],
            ],
        );
    });

    it("Proof: GetSecretValue on * reads any secret; the named grant only its own", async () => {
        const other = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:db-password-XyZ123`;
        assert.deepStrictEqual(
            [
                await decide("r2-roles-secret-star", { other: ["secretsmanager:GetSecretValue", other] }),
                await decide("r2-roles-legit-named-secret-and-key", { other: ["secretsmanager:GetSecretValue", other], own: ["secretsmanager:GetSecretValue", `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:api-key-AbCdEf`] }),
                ["r2-roles-secret-star", "r2-roles-legit-named-secret-and-key"].map(c => EXPECTED[c]),
            ],
            [{ other: "Allowed" }, { other: "ImplicitlyDenied", own: "Allowed" }, [["iam-data-permissions-scoped"], []]],
        );
    });

    it("the quota cases are the sizes they claim, counted as the pack counts them", () => {
        const trustOf = (name: string) => caseNamed(name).resources.find(r => r.type === T.role)?.props.assumeRolePolicy;
        const userPolicy = caseNamed("r2-roles-user-policy-over-quota").resources.find(r => r.type === T.userPolicy)?.props.policy;
        assert.deepStrictEqual(
            [policyChars(trustOf("r2-roles-trust-over-quota")), policyChars(trustOf("r2-roles-legit-trust-near-quota")), policyChars(userPolicy)],
            [2780, 2042, 2857],
        );
    });
});
