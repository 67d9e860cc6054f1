import * as assert from "assert";

import { anyResourcePatterns, assumeRole, evaluate, evaluateAnyResource, EvaluatorError, RequestContext } from "./simulate";
import { assumeWithToken } from "./simulateToken";

const ALICE = "arn:aws:iam::111111111111:user/alice";
const ROLE = "arn:aws:iam::111111111111:role/reader";
const TABLE = "arn:aws:dynamodb:eu-west-1:111111111111:table/items";
const OFFICE: RequestContext = { sourceIp: "198.51.100.7", mfa: null, viaAwsService: false };
const doc = (...statements: Record<string, unknown>[]) => ({ Version: "2012-10-17", Statement: statements });
const ASSUME_READER = doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: ROLE });
const TRUST_FROM_OFFICE = doc({
    Effect: "Allow",
    Principal: { AWS: ALICE },
    Action: "sts:AssumeRole",
    Condition: { IpAddress: { "aws:SourceIp": "198.51.100.0/24" } },
});

async function rejection(p: Promise<unknown>): Promise<EvaluatorError> {
    try {
        await p;
    } catch (e) {
        assert.ok(e instanceof EvaluatorError, `expected an EvaluatorError, got ${String(e)}`);
        return e;
    }
    assert.fail("expected the wrapper to throw");
}

describe("support/simulate", () => {
    describe("evaluate", () => {
        it("Allowed: an identity Allow on the table's ARN", async () => {
            const d = await evaluate({ principal: ALICE, action: "dynamodb:GetItem", resource: TABLE, identityPolicies: [doc({ Effect: "Allow", Action: "dynamodb:GetItem", Resource: TABLE })], context: OFFICE });
            assert.strictEqual(d, "Allowed");
        });

        it("ImplicitlyDenied: no statement grants the action", async () => {
            const d = await evaluate({ principal: ALICE, action: "dynamodb:Scan", resource: TABLE, identityPolicies: [doc({ Effect: "Allow", Action: "dynamodb:GetItem", Resource: TABLE })], context: OFFICE });
            assert.strictEqual(d, "ImplicitlyDenied");
        });

        it("ExplicitlyDenied: a Deny outside the CIDR, from a foreign address", async () => {
            const policy = JSON.stringify(
                doc(
                    { Effect: "Allow", Action: "dynamodb:*", Resource: "*" },
                    { Effect: "Deny", Action: "*", Resource: "*", Condition: { NotIpAddress: { "aws:SourceIp": "198.51.100.0/24" } } },
                ),
            );
            const d = await evaluate({ principal: ALICE, action: "dynamodb:GetItem", resource: TABLE, identityPolicies: [policy], context: { ...OFFICE, sourceIp: "203.0.113.9" } });
            assert.strictEqual(d, "ExplicitlyDenied");
        });

        it("session policy: narrows a role session", async () => {
            const session = "arn:aws:sts::111111111111:assumed-role/reader/s1";
            const base = { principal: session, action: "dynamodb:PutItem", resource: TABLE, identityPolicies: [doc({ Effect: "Allow", Action: "dynamodb:*", Resource: "*" })], context: OFFICE };
            assert.strictEqual(await evaluate(base), "Allowed");
            assert.strictEqual(await evaluate({ ...base, sessionPolicy: doc({ Effect: "Allow", Action: "dynamodb:GetItem", Resource: "*" }) }), "ImplicitlyDenied");
        });

        it("permissions boundary: caps what the identity policy grants", async () => {
            const base = { principal: ALICE, action: "dynamodb:PutItem", resource: TABLE, identityPolicies: [doc({ Effect: "Allow", Action: "dynamodb:*", Resource: "*" })], context: OFFICE };
            assert.strictEqual(await evaluate({ ...base, permissionBoundaries: [doc({ Effect: "Allow", Action: "dynamodb:GetItem", Resource: "*" })] }), "ImplicitlyDenied");
        });

        it("Discovery: allows what an unknown context key could allow; Strict does not", async () => {
            const base = {
                principal: ALICE,
                action: "dynamodb:GetItem",
                resource: TABLE,
                identityPolicies: [doc({ Effect: "Allow", Action: "dynamodb:*", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/team": "data" } } })],
                context: OFFICE,
            };
            assert.strictEqual(await evaluate(base), "ImplicitlyDenied");
            assert.strictEqual(await evaluate({ ...base, mode: "Discovery" }), "Allowed");
        });

        it("refuses sts:AssumeRole without the role's trust policy", async () => {
            const e = await rejection(evaluate({ principal: ALICE, action: "sts:AssumeRole", resource: ROLE, identityPolicies: [ASSUME_READER], context: OFFICE }));
            assert.strictEqual(e.message, "sts:AssumeRole needs the role's trust policy: without one the evaluator treats the role as trusting everyone in its account");
        });

        it("refuses a bare * resource for an action that has resource types", async () => {
            const e = await rejection(evaluate({ principal: ALICE, action: "dynamodb:GetItem", resource: "*", identityPolicies: [], context: OFFICE }));
            assert.strictEqual(e.message, 'dynamodb:GetItem on a bare "*": ask for typed ARN patterns (anyResourcePatterns) instead');
        });

        it("turns an invalid policy into a thrown policy-validation error", async () => {
            const e = await rejection(evaluate({ principal: ALICE, action: "dynamodb:GetItem", resource: TABLE, identityPolicies: [doc({ Effect: "Allw", Action: "dynamodb:GetItem", Resource: TABLE })], context: OFFICE }));
            assert.strictEqual(e.isPolicyValidation, true);
            assert.deepStrictEqual(e.details, { identityPolicyErrors: { "identity-1": [{ path: "Statement[0].Effect", message: 'Effect must be present and exactly "Allow" or "Deny"' }] }, message: "policy.errors" });
        });

        it("turns an unknown action into a thrown error", async () => {
            const e = await rejection(evaluate({ principal: ALICE, action: "dynamodb:GetEverything", resource: TABLE, identityPolicies: [], context: OFFICE }));
            assert.strictEqual(e.isPolicyValidation, false);
            assert.deepStrictEqual(e.details, { message: "invalid.action" });
        });

        it("refuses a context key the evaluator would drop for the action", async () => {
            const e = await rejection(evaluate({ principal: ALICE, action: "dynamodb:GetItem", resource: TABLE, identityPolicies: [], context: { ...OFFICE, externalId: "x-1" } }));
            assert.strictEqual(e.message, "the evaluator ignored context keys sts:ExternalId for dynamodb:GetItem: the query would not test what it states");
        });
    });

    describe("anyResourcePatterns", () => {
        it("builds typed patterns from the action's resource types", async () => {
            assert.deepStrictEqual(await anyResourcePatterns("dynamodb:GetItem"), ["arn:aws:dynamodb:*:*:table/*"]);
            assert.deepStrictEqual(await anyResourcePatterns("s3:GetObject"), ["arn:aws:s3:*:*:accesspoint/*/object/*", "arn:aws:s3:::*/*"]);
            assert.deepStrictEqual(await anyResourcePatterns("dynamodb:ListTables"), ["*"]);
            assert.deepStrictEqual(await anyResourcePatterns("dynamodb:Query", { region: "eu-west-1", account: "111111111111" }), [
                "arn:aws:dynamodb:eu-west-1:111111111111:table/*/index/*",
                "arn:aws:dynamodb:eu-west-1:111111111111:table/*",
            ]);
        });

        it("refuses a pattern or an unknown action", async () => {
            assert.strictEqual((await rejection(anyResourcePatterns("dynamodb:Get*"))).message, '"dynamodb:Get*" is not a concrete service:Action');
            assert.strictEqual((await rejection(anyResourcePatterns("dynamodb:Nope"))).message, "dynamodb:Nope is not an action the IAM dataset knows");
        });
    });

    describe("evaluateAnyResource", () => {
        it("Allowed when one table anywhere is reachable", async () => {
            const d = await evaluateAnyResource({ principal: ALICE, action: "dynamodb:Scan", identityPolicies: [doc({ Effect: "Allow", Action: "dynamodb:Sc?n", Resource: TABLE })], context: OFFICE });
            assert.strictEqual(d, "Allowed");
        });

        it("ImplicitlyDenied when the grant is on another service's resources", async () => {
            const d = await evaluateAnyResource({ principal: ALICE, action: "dynamodb:Scan", identityPolicies: [doc({ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::bucket/*" })], context: OFFICE });
            assert.strictEqual(d, "ImplicitlyDenied");
        });
    });

    describe("assumeRole", () => {
        it("Allowed from the office CIDR with the caller's Allow", async () => {
            assert.strictEqual(await assumeRole({ caller: ALICE, callerPolicies: [ASSUME_READER], roleArn: ROLE, trustPolicy: TRUST_FROM_OFFICE, context: OFFICE }), "Allowed");
        });

        it("ImplicitlyDenied from outside the CIDR and without a source IP", async () => {
            const q = { caller: ALICE, callerPolicies: [ASSUME_READER], roleArn: ROLE, trustPolicy: TRUST_FROM_OFFICE };
            assert.strictEqual(await assumeRole({ ...q, context: { ...OFFICE, sourceIp: "198.51.101.1" } }), "ImplicitlyDenied");
            assert.strictEqual(await assumeRole({ ...q, context: { ...OFFICE, sourceIp: null } }), "ImplicitlyDenied");
        });
    });

    describe("assumeWithToken", () => {
        const GITHUB = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com";
        const GH = "token.actions.githubusercontent.com";
        const trust = (Condition: Record<string, unknown>, Principal: unknown = { Federated: GITHUB }) => doc({ Effect: "Allow", Principal, Action: "sts:AssumeRoleWithWebIdentity", Condition });
        const token = (sub: string, trustPolicy: Record<string, unknown>, provider = GITHUB) =>
            assumeWithToken({ provider, action: "sts:AssumeRoleWithWebIdentity", roleArn: ROLE, trustPolicy, claims: { [`${GH}:aud`]: "sts.amazonaws.com", [`${GH}:sub`]: sub } });

        it("decides on the claims of providers registered in IAM, which the checked path drops", async () => {
            const pinned = trust({ StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${GH}:sub`]: "repo:octo-org/octo-repo:*" } });
            const anyRepo = trust({ StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${GH}:sub`]: "repo:*" } });
            assert.deepStrictEqual(
                [
                    await token("repo:octo-org/octo-repo:ref:refs/heads/main", pinned),
                    await token("repo:attacker/evil:ref:refs/heads/main", pinned),
                    await token("repo:attacker/evil:ref:refs/heads/main", anyRepo),
                    await token("repo:attacker/evil:ref:refs/heads/main", trust({ StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" } }, "*"), "accounts.google.com"),
                ],
                ["Allowed", "ImplicitlyDenied", "Allowed", "Allowed"],
            );
        });

        it("judges two spellings of one claim key in one block both, as the evaluator does for the keys it knows", async () => {
            const twice = trust({ StringLike: { [`${GH}:sub`]: "repo:octo-org/octo-repo:*", "Token.Actions.GithubUserContent.com:SUB": ["repo:octo-org/octo-repo:*", "*"] } });
            assert.deepStrictEqual(
                [await token("repo:attacker/evil:ref:refs/heads/main", twice), await token("repo:octo-org/octo-repo:ref:refs/heads/main", twice)],
                ["ImplicitlyDenied", "Allowed"],
            );
            const known = doc({ Effect: "Allow", Principal: { AWS: ALICE }, Action: "sts:AssumeRole", Condition: { IpAddress: { "aws:SourceIp": "198.51.100.0/24", "AWS:SOURCEIP": ["198.51.100.0/24", "0.0.0.0/1", "128.0.0.0/1"] } } });
            const from = (sourceIp: string) => assumeRole({ caller: ALICE, callerPolicies: [], roleArn: ROLE, trustPolicy: known, context: { ...OFFICE, sourceIp } });
            assert.deepStrictEqual([await from("192.0.2.1"), await from("198.51.100.7")], ["ImplicitlyDenied", "Allowed"]);
        });

        it("rejects a trust policy IAM would refuse", async () => {
            const e = await rejection(token("repo:a/b:x", trust({ StringEquals: { [`${GH}:aud`]: "sts.amazonaws.com" } }, { Federated: GITHUB, Bogus: "x" })));
            assert.strictEqual(e.isPolicyValidation, true);
        });
    });
});
