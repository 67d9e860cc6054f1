/**
 * Cross-account access with an external ID, proven on the documents the vendor-access example
 * program emits (stack acme: the customer's role trusts the vendor account with a per-customer
 * external ID and reads one bucket prefix), and on documents CrossAccountRole renders for what that
 * program does not build (a trust naming one vendor role, a table granted with ScopedTable.grantRead).
 * A cross-account call needs both sides: the caller's identity Allow and the customer's trust.
 */
import * as assert from "assert";
import * as path from "path";

import { CrossAccountRole, ScopedTable } from "../../components";
import { REPO_ROOT, runComponents } from "../support/mocked";
import { assumeRole, Decision, evaluate, RequestContext } from "../support/simulate";
import { emitted, EmittedRole, emittedStack } from "./emitted";

const VENDOR = "210987654321";
const THIRD = "333333333333";
const ACME_ID = "acme-3f9c1e7a";
const VENDOR_IP: RequestContext = { sourceIp: "203.0.113.9", mfa: null, viaAwsService: false };
const withId = (externalId?: string): RequestContext => ({ ...VENDOR_IP, ...(externalId !== undefined ? { externalId } : {}) });

/** A vendor-side role session, and the identity policy its own account gives it (Allow AssumeRole on `roleArn`). */
function vendorCaller(account: string, roleArn: string, options: { allowed?: boolean; role?: string } = {}) {
    const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: roleArn }] };
    return { caller: `arn:aws:sts::${account}:assumed-role/${options.role ?? "ingest"}/run-1`, callerPolicies: options.allowed === false ? [] : [policy] };
}

/** A session of the customer's role, as the vendor holds it. */
const sessionOf = (role: EmittedRole) => role.arn.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/") + "/vendor-run";

describe("access proofs: cross-account with an external ID (examples/vendor-access, stack acme)", () => {
    let role: EmittedRole;

    before(async () => {
        const s = await emittedStack("acme", {}, path.join(REPO_ROOT, "examples", "vendor-access"));
        assert.strictEqual(s.roles.length, 1);
        role = s.roles[0];
    });

    const assume = (caller: ReturnType<typeof vendorCaller>, context: RequestContext): Promise<Decision> => assumeRole({ ...caller, roleArn: role.arn, trustPolicy: role.trust, context });

    it("Proof: the vendor assumes the role only with the right external ID and an identity Allow on its own side; a third account never", async () => {
        assert.deepStrictEqual(
            {
                rightId: await assume(vendorCaller(VENDOR, role.arn), withId(ACME_ID)),
                rightIdWithoutVendorAllow: await assume(vendorCaller(VENDOR, role.arn, { allowed: false }), withId(ACME_ID)),
                wrongId: await assume(vendorCaller(VENDOR, role.arn), withId("acme-3f9c1e7b")),
                upperCasedId: await assume(vendorCaller(VENDOR, role.arn), withId(ACME_ID.toUpperCase())),
                absentId: await assume(vendorCaller(VENDOR, role.arn), withId()),
                thirdAccountRightId: await assume(vendorCaller(THIRD, role.arn), withId(ACME_ID)),
            },
            {
                rightId: "Allowed",
                rightIdWithoutVendorAllow: "ImplicitlyDenied",
                wrongId: "ImplicitlyDenied",
                upperCasedId: "ImplicitlyDenied",
                absentId: "ImplicitlyDenied",
                thirdAccountRightId: "ImplicitlyDenied",
            },
        );
    });

    it("Proof: the vendor's session reads and lists the granted prefix, and nothing else in the bucket", async () => {
        const ask = (action: string, resource: string, extra?: Record<string, string>): Promise<Decision> =>
            evaluate({ principal: sessionOf(role), action, resource, identityPolicies: role.policies, context: { ...VENDOR_IP, ...(extra ? { extra } : {}) } });
        assert.deepStrictEqual(
            {
                objectUnderPrefix: await ask("s3:GetObject", "arn:aws:s3:::acme-exports/vendor/2026-11.csv"),
                objectElsewhere: await ask("s3:GetObject", "arn:aws:s3:::acme-exports/payroll/2026-11.csv"),
                listPrefix: await ask("s3:ListBucket", "arn:aws:s3:::acme-exports", { "s3:prefix": "vendor/" }),
                listOtherPrefix: await ask("s3:ListBucket", "arn:aws:s3:::acme-exports", { "s3:prefix": "payroll/" }),
                putObject: await ask("s3:PutObject", "arn:aws:s3:::acme-exports/vendor/x.csv"),
                otherBucket: await ask("s3:GetObject", "arn:aws:s3:::other-exports/vendor/2026-11.csv"),
            },
            { objectUnderPrefix: "Allowed", objectElsewhere: "ImplicitlyDenied", listPrefix: "Allowed", listOtherPrefix: "ImplicitlyDenied", putObject: "ImplicitlyDenied", otherBucket: "ImplicitlyDenied" },
        );
    });
});

describe("access proofs: cross-account documents CrossAccountRole renders", () => {
    async function build(args: { vendorAccountId?: string; vendorPrincipalArns?: string[] }): Promise<{ role: EmittedRole; table: string }> {
        const run = await runComponents(() => {
            const role = new CrossAccountRole("acme", { ...args, externalId: ACME_ID });
            const table = new ScopedTable("shared", { tableName: "shared-items" });
            table.grantRead(role);
            return { tableArn: table.tableArn };
        });
        const s = emitted(run.resources, run.outputs);
        return { role: s.roles[0], table: String(run.outputs["tableArn"]) };
    }

    it("Proof: trusting one vendor role admits that role only, not the vendor's other roles", async () => {
        const { role } = await build({ vendorPrincipalArns: [`arn:aws:iam::${VENDOR}:role/ingest`] });
        const q = { roleArn: role.arn, trustPolicy: role.trust, context: withId(ACME_ID) };
        assert.deepStrictEqual(
            {
                ingest: await assumeRole({ ...q, ...vendorCaller(VENDOR, role.arn) }),
                intern: await assumeRole({ ...q, ...vendorCaller(VENDOR, role.arn, { role: "intern" }) }),
            },
            { ingest: "Allowed", intern: "ImplicitlyDenied" },
        );
    });

    it("Proof: a table granted with grantRead is readable by the vendor's session, and not writable", async () => {
        const { role, table } = await build({ vendorAccountId: VENDOR });
        const ask = (action: string, resource: string): Promise<Decision> => evaluate({ principal: sessionOf(role), action, resource, identityPolicies: role.policies, context: VENDOR_IP });
        assert.deepStrictEqual(
            {
                getItem: await ask("dynamodb:GetItem", table),
                queryIndex: await ask("dynamodb:Query", `${table}/index/by-owner`),
                putItem: await ask("dynamodb:PutItem", table),
                otherTable: await ask("dynamodb:GetItem", table.replace("shared-items", "payroll")),
            },
            { getItem: "Allowed", queryIndex: "Allowed", putItem: "ImplicitlyDenied", otherTable: "ImplicitlyDenied" },
        );
    });
});
