import * as assert from "assert";

import { DATA_PLANE_ACTIONS } from "../../policypack/lib/catalogue";
import { assumeRole, Decision, evaluate, evaluateAnyResource, RequestContext } from "../support/simulate";
import { edges, emitted, EmittedStack } from "./emitted";

// Each scenario of the blog posts behind this project, proven with an independent IAM evaluator
// (@cloud-copilot/iam-simulate) on the documents the dev and prod stacks really emit.

const key = (sourceIp: string | null, extra: Partial<RequestContext> = {}): RequestContext => ({ sourceIp, mfa: null, viaAwsService: false, ...extra });
const denied = (d: Decision) => d === "ImplicitlyDenied" || d === "ExplicitlyDenied";

for (const stack of ["dev", "prod"]) {
    describe(`access proofs: the ${stack} stack`, () => {
        let s: EmittedStack;
        let office: string;
        before(async () => {
            s = await emitted(stack);
            office = edges(s.allowedCidrs[0]).inside;
        });

        describe("the user's key alone", () => {
            it("cannot list tables, scan or get items, even from an allowed address", async () => {
                const user = { principal: s.userArn, identityPolicies: [s.userPolicy], context: key(office) };
                assert.strictEqual(await evaluate({ ...user, action: "dynamodb:ListTables", resource: "*" }), "ImplicitlyDenied");
                assert.strictEqual(await evaluate({ ...user, action: "dynamodb:Scan", resource: s.tableArn }), "ImplicitlyDenied");
                assert.strictEqual(await evaluate({ ...user, action: "dynamodb:GetItem", resource: s.tableArn }), "ImplicitlyDenied");
            });

            it(`cannot perform any of the ${DATA_PLANE_ACTIONS.length} data-plane actions in the pack's catalogue, on any resource`, async () => {
                const allowed: string[] = [];
                for (const action of DATA_PLANE_ACTIONS) {
                    const d = await evaluateAnyResource({ principal: s.userArn, action, identityPolicies: [s.userPolicy], context: key(office) }, { account: s.account });
                    if (!denied(d)) {
                        allowed.push(action);
                    }
                }
                assert.deepStrictEqual(allowed, []);
            });
        });

        describe("assuming the role", () => {
            const assume = (context: RequestContext) =>
                assumeRole({ caller: s.userArn, callerPolicies: [s.userPolicy], roleArn: s.roleArn, trustPolicy: s.trustPolicy, context });

            it("works from every allowed CIDR", async () => {
                for (const cidr of s.allowedCidrs) {
                    assert.strictEqual(await assume(key(edges(cidr).inside)), "Allowed", cidr);
                }
            });

            it("is explicitly denied from an address just outside each range (\"from my PC, AssumeRole fails\")", async () => {
                for (const cidr of s.allowedCidrs) {
                    const { below, above } = edges(cidr);
                    assert.deepStrictEqual([await assume(key(below)), await assume(key(above))], ["ExplicitlyDenied", "ExplicitlyDenied"], cidr);
                }
            });

            it("is denied when the request carries no source IP", async () => {
                assert.ok(denied(await assume(key(null))));
            });
        });

        describe("a session of the role", () => {
            const session = () => `arn:aws:sts::${s.account}:assumed-role/${s.roleName}/connector`;
            const call = (action: string, resource: string) => evaluate({ principal: session(), action, resource, identityPolicies: [s.rolePolicy], context: key(office) });

            it("can Scan, Query and PutItem on its table and Query its index (\"through the role, Scan works\")", async () => {
                assert.deepStrictEqual(
                    [await call("dynamodb:Scan", s.tableArn), await call("dynamodb:Query", s.tableArn), await call("dynamodb:PutItem", s.tableArn), await call("dynamodb:Query", `${s.tableArn}/index/by-status`)],
                    ["Allowed", "Allowed", "Allowed", "Allowed"],
                );
            });

            it("is refused another table, the same table in another region or another account, and DeleteTable (\"another table is refused\")", async () => {
                const other = s.tableArn.replace(/table\/.*/, "table/payroll");
                const region = s.tableArn.replace(`:${s.region}:`, ":ap-southeast-2:");
                const account = s.tableArn.replace(`:${s.account}:`, ":999999999999:");
                assert.deepStrictEqual(
                    [await call("dynamodb:Scan", other), await call("dynamodb:Scan", region), await call("dynamodb:Scan", account), await call("dynamodb:DeleteTable", s.tableArn)],
                    ["ImplicitlyDenied", "ImplicitlyDenied", "ImplicitlyDenied", "ImplicitlyDenied"],
                );
            });
        });

        it("the Deny outside the CIDRs spares calls AWS services make on the user's behalf", async () => {
            // A stand-in grant shows what the Deny does to a call from a foreign address.
            const grant = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] });
            const decrypt = (context: RequestContext) =>
                evaluate({ principal: s.userArn, action: "s3:GetObject", resource: "arn:aws:s3:::exports/report.csv", identityPolicies: [s.userPolicy, grant], context });
            assert.strictEqual(await decrypt(key("192.0.2.10", { viaAwsService: true })), "Allowed");
            assert.strictEqual(await decrypt(key("192.0.2.10")), "ExplicitlyDenied");
        });
    });
}

describe("access proofs: the dev stack with requireMfa", () => {
    it("denies AssumeRole without MFA and allows it with MFA", async () => {
        const s = await emitted("dev", { "assume-guard:requireMfa": "true" });
        const from = edges(s.allowedCidrs[0]).inside;
        const assume = (mfa: boolean | null) =>
            assumeRole({ caller: s.userArn, callerPolicies: [s.userPolicy], roleArn: s.roleArn, trustPolicy: s.trustPolicy, context: key(from, { mfa }) });
        assert.deepStrictEqual([await assume(null), await assume(false), await assume(true)], ["ExplicitlyDenied", "ExplicitlyDenied", "Allowed"]);
    });
});
