/**
 * Proofs on the documents CrossAccountRole renders (the program itself trusts no other account): a
 * vendor account assumes the customer's role only with the customer's external ID and an identity
 * Allow on its own side; a third account never does; the session then reads only what was granted.
 */
import * as assert from "assert";

import { CrossAccountRole, ScopedTable } from "../../components";
import { runComponents } from "../support/mocked";
import { assumeRole, Decision, evaluate, RequestContext } from "../support/simulate";
import { emitted, EmittedRole, named } from "./emitted";

const VENDOR = "210987654321";
const THIRD = "333333333333";
const EXTERNAL_ID = "acme-7f3a9c";
const VENDOR_IP: RequestContext = { sourceIp: "203.0.113.9", mfa: null, viaAwsService: false };

/** A vendor-side role session, and the identity policy the vendor gives it (Allow AssumeRole on `roleArn`). */
function vendorCaller(account: string, roleArn: string, allowed = true) {
    const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: roleArn }] };
    return { caller: `arn:aws:sts::${account}:assumed-role/ingest/run-1`, callerPolicies: allowed ? [policy] : [] };
}

async function build(args: { vendorAccountId?: string; vendorPrincipalArns?: string[] }): Promise<{ role: EmittedRole; table: string }> {
    const run = await runComponents(() => {
        const role = new CrossAccountRole("acme", { ...args, externalId: EXTERNAL_ID, bucketAccess: { bucket: "customer-exports", prefix: "acme/" } });
        const table = new ScopedTable("shared", { tableName: "shared-items" });
        table.grantRead(role);
        return { tableArn: table.tableArn };
    });
    const s = emitted(run.resources, run.outputs);
    return { role: named(s.roles, "acme"), table: String(run.outputs["tableArn"]) };
}

describe("access proofs: cross-account access with an external ID", () => {
    it("Proof: the vendor account assumes the role only with the right external ID and its own identity Allow; a third account never", async () => {
        const { role } = await build({ vendorAccountId: VENDOR });
        const q = { roleArn: role.arn, trustPolicy: role.trust };
        const seen: Record<string, Decision> = {
            rightId: await assumeRole({ ...q, ...vendorCaller(VENDOR, role.arn), context: { ...VENDOR_IP, externalId: EXTERNAL_ID } }),
            rightIdNoVendorAllow: await assumeRole({ ...q, ...vendorCaller(VENDOR, role.arn, false), context: { ...VENDOR_IP, externalId: EXTERNAL_ID } }),
            wrongId: await assumeRole({ ...q, ...vendorCaller(VENDOR, role.arn), context: { ...VENDOR_IP, externalId: "acme-7f3a9d" } }),
            caseChangedId: await assumeRole({ ...q, ...vendorCaller(VENDOR, role.arn), context: { ...VENDOR_IP, externalId: EXTERNAL_ID.toUpperCase() } }),
            absentId: await assumeRole({ ...q, ...vendorCaller(VENDOR, role.arn), context: VENDOR_IP }),
            thirdAccountRightId: await assumeRole({ ...q, ...vendorCaller(THIRD, role.arn), context: { ...VENDOR_IP, externalId: EXTERNAL_ID } }),
        };
        assert.deepStrictEqual(seen, {
            rightId: "Allowed",
            rightIdNoVendorAllow: "ImplicitlyDenied",
            wrongId: "ImplicitlyDenied",
            caseChangedId: "ImplicitlyDenied",
            absentId: "ImplicitlyDenied",
            thirdAccountRightId: "ImplicitlyDenied",
        });
    });

    it("Proof: trusting one vendor role admits that role only, not the vendor's other roles", async () => {
        const { role } = await build({ vendorPrincipalArns: [`arn:aws:iam::${VENDOR}:role/ingest`] });
        const other = { ...vendorCaller(VENDOR, role.arn), caller: `arn:aws:sts::${VENDOR}:assumed-role/intern/run-1` };
        const context = { ...VENDOR_IP, externalId: EXTERNAL_ID };
        assert.deepStrictEqual(
            {
                ingest: await assumeRole({ roleArn: role.arn, trustPolicy: role.trust, ...vendorCaller(VENDOR, role.arn), context }),
                intern: await assumeRole({ roleArn: role.arn, trustPolicy: role.trust, ...other, context }),
            },
            { ingest: "Allowed", intern: "ImplicitlyDenied" },
        );
    });

    it("Proof: the vendor's session reads the granted table and bucket prefix, and nothing else", async () => {
        const { role, table } = await build({ vendorAccountId: VENDOR });
        const session = role.arn.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/") + "/vendor-run";
        const ask = (action: string, resource: string, extra?: Record<string, string>): Promise<Decision> =>
            evaluate({ principal: session, action, resource, identityPolicies: role.policies, context: { ...VENDOR_IP, ...(extra ? { extra } : {}) } });
        assert.deepStrictEqual(
            {
                getItem: await ask("dynamodb:GetItem", table),
                queryIndex: await ask("dynamodb:Query", `${table}/index/by-owner`),
                putItem: await ask("dynamodb:PutItem", table),
                objectUnderPrefix: await ask("s3:GetObject", "arn:aws:s3:::customer-exports/acme/2026/export.csv"),
                objectElsewhere: await ask("s3:GetObject", "arn:aws:s3:::customer-exports/globex/export.csv"),
                listPrefix: await ask("s3:ListBucket", "arn:aws:s3:::customer-exports", { "s3:prefix": "acme/2026/" }),
                listOtherPrefix: await ask("s3:ListBucket", "arn:aws:s3:::customer-exports", { "s3:prefix": "globex/" }),
                putObject: await ask("s3:PutObject", "arn:aws:s3:::customer-exports/acme/new.csv"),
            },
            {
                getItem: "Allowed",
                queryIndex: "Allowed",
                putItem: "ImplicitlyDenied",
                objectUnderPrefix: "Allowed",
                objectElsewhere: "ImplicitlyDenied",
                listPrefix: "Allowed",
                listOtherPrefix: "ImplicitlyDenied",
                putObject: "ImplicitlyDenied",
            },
        );
    });
});
