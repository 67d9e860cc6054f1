import * as assert from "assert";
import * as path from "path";

import { runProgramMocked } from "../../gate/mockRuntime";
import { REPO_ROOT } from "../support/mocked";
import { assumeRole, Decision, evaluate, RequestContext } from "../support/simulate";

// The vendor pattern, proven on the documents the vendor-access example program emits: the
// customer's role trusts the vendor's account with a per-customer external ID, and reads one prefix.

const VENDOR = "210987654321";
const context = (externalId?: string): RequestContext => ({ sourceIp: "203.0.113.50", mfa: null, viaAwsService: false, ...(externalId ? { externalId } : {}) });

describe("access proofs: cross-account with an external ID (examples/vendor-access, stack acme)", () => {
    let trust: string;
    let read: string;
    let roleArn: string;
    before(async () => {
        const run = await runProgramMocked({ projectDir: path.join(REPO_ROOT, "examples", "vendor-access"), stack: "acme" });
        const role = run.resources.find(r => r.type === "aws:iam/role:Role");
        trust = role?.inputs["assumeRolePolicy"] as string;
        roleArn = role?.outputs["arn"] as string;
        read = run.resources.find(r => r.type === "aws:iam/rolePolicy:RolePolicy")?.inputs["policy"] as string;
    });

    /** A caller in `account` whose own account lets it assume the customer's role (the caller's side of the grant). */
    const caller = (account: string) => ({
        caller: `arn:aws:iam::${account}:role/ingest`,
        callerPolicies: [JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: roleArn }] })],
    });
    const assume = (account: string, externalId?: string): Promise<Decision> => assumeRole({ ...caller(account), roleArn, trustPolicy: trust, context: context(externalId) });

    it("allows the vendor with the right ID and an identity Allow on its side", async () => {
        assert.strictEqual(await assume(VENDOR, "acme-3f9c1e7a"), "Allowed");
    });

    it("denies the vendor with a wrong or absent ID", async () => {
        assert.deepStrictEqual([await assume(VENDOR, "acme-3f9c1e7b"), await assume(VENDOR)], ["ImplicitlyDenied", "ImplicitlyDenied"]);
    });

    it("denies the vendor without the identity Allow on its own side", async () => {
        assert.strictEqual(await assumeRole({ caller: `arn:aws:iam::${VENDOR}:role/ingest`, callerPolicies: [], roleArn, trustPolicy: trust, context: context("acme-3f9c1e7a") }), "ImplicitlyDenied");
    });

    it("denies a third account, even with the right ID", async () => {
        assert.strictEqual(await assume("333333333333", "acme-3f9c1e7a"), "ImplicitlyDenied");
    });

    it("lets a session read the prefix and list it, and nothing else in the bucket", async () => {
        const session = "arn:aws:sts::123456789012:assumed-role/vendor/ingest";
        const call = (action: string, resource: string, extra?: Record<string, string>) =>
            evaluate({ principal: session, action, resource, resourceAccount: "123456789012", identityPolicies: [read], context: { ...context(), ...(extra ? { extra } : {}) } });
        assert.deepStrictEqual(
            [
                await call("s3:GetObject", "arn:aws:s3:::acme-exports/vendor/2026-11.csv"),
                await call("s3:GetObject", "arn:aws:s3:::acme-exports/payroll/2026-11.csv"),
                await call("s3:ListBucket", "arn:aws:s3:::acme-exports", { "s3:prefix": "vendor/" }),
                await call("s3:ListBucket", "arn:aws:s3:::acme-exports", { "s3:prefix": "payroll/" }),
                await call("s3:PutObject", "arn:aws:s3:::acme-exports/vendor/x.csv"),
            ],
            ["Allowed", "ImplicitlyDenied", "Allowed", "ImplicitlyDenied", "ImplicitlyDenied"],
        );
    });
});
