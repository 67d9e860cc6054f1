import * as assert from "assert";

import { checkVendorNotOwnAccount, CrossAccountRole, CrossAccountRoleArgs, ScopedTable } from "../../components";
import { doc, only, refusal, runComponents } from "../support/mocked";

const VENDOR = "210987654321";

describe("components/CrossAccountRole", () => {
    it("trusts the vendor account with the customer's external ID and reads one bucket prefix", async () => {
        const run = await runComponents(() => {
            const role = new CrossAccountRole("acme", {
                vendorAccountId: VENDOR,
                externalId: "acme-7f3a9c",
                bucketAccess: { bucket: "customer-exports", prefix: "acme/" },
            });
            return { roleArn: role.roleArn, externalId: role.externalId };
        });
        const component = only(run, "assume-guard:iam:CrossAccountRole", "acme");
        assert.strictEqual(only(run, "assume-guard:iam:GuardedRole", "acme").parent, component.urn);
        assert.deepStrictEqual(doc(only(run, "aws:iam/role:Role", "acme-role"), "assumeRolePolicy"), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "TrustConditionedPrincipals",
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::210987654321:root" },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "sts:ExternalId": "acme-7f3a9c" } },
                },
            ],
        });
        const read = only(run, "aws:iam/rolePolicy:RolePolicy", "acme-bucket-read");
        assert.deepStrictEqual([read.parent, read.inputs["role"], read.inputs["name"]], [component.urn, "acme", "customer-exports-read"]);
        assert.deepStrictEqual(doc(read), {
            Version: "2012-10-17",
            Statement: [
                { Sid: "ReadObjects", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::customer-exports/acme/*" },
                {
                    Sid: "ListBucket",
                    Effect: "Allow",
                    Action: ["s3:ListBucket", "s3:ListBucketVersions"],
                    Resource: "arn:aws:s3:::customer-exports",
                    Condition: { StringLike: { "s3:prefix": "acme/*" } },
                },
            ],
        });
        assert.deepStrictEqual(run.outputs, { roleArn: "arn:aws:iam::123456789012:role/acme", externalId: "acme-7f3a9c" });
    });

    it("generates a per-customer external ID when the vendor gave none, and trusts specific vendor roles", async () => {
        const run = await runComponents(() => {
            const role = new CrossAccountRole("acme", { vendorPrincipalArns: ["arn:aws:iam::210987654321:role/ingest"] });
            return { externalId: role.externalId };
        });
        assert.deepStrictEqual(only(run, "random:index/randomString:RandomString", "acme-external-id").inputs, {
            length: 32,
            special: false,
            upper: false,
        });
        const generated = run.outputs["externalId"] as string;
        assert.match(generated, /^[A-Z2-7]{32}$/);
        assert.deepStrictEqual((doc(only(run, "aws:iam/role:Role"), "assumeRolePolicy") as { Statement: unknown[] }).Statement, [
            {
                Sid: "TrustConditionedPrincipals",
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::210987654321:role/ingest" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "sts:ExternalId": generated } },
            },
        ]);
    });

    it("lets a table be read through ScopedTable.grantRead", async () => {
        const run = await runComponents(() => {
            const role = new CrossAccountRole("acme", { vendorAccountId: VENDOR, externalId: "acme-7f3a9c" });
            new ScopedTable("shared", { tableName: "shared-items" }).grantRead(role);
        });
        const grant = only(run, "aws:iam/rolePolicy:RolePolicy", "shared-read-acme");
        assert.deepStrictEqual([grant.inputs["role"], (doc(grant) as { Statement: { Resource: unknown }[] }).Statement[0].Resource], [
            "acme",
            ["arn:aws:dynamodb:eu-west-1:123456789012:table/shared-items", "arn:aws:dynamodb:eu-west-1:123456789012:table/shared-items/index/*"],
        ]);
    });

    it("refuses the stack's own account unless asked", async () => {
        const message =
            'CrossAccountRole \'acme\': "arn:aws:iam::123456789012:role/ingest" is in this stack\'s own account 123456789012. ' +
            "Fix: use GuardedRole for principals of your own account, or set allowSameAccount: true if this is deliberate.";
        assert.throws(() => checkVendorNotOwnAccount("acme", ["arn:aws:iam::123456789012:role/ingest"], "123456789012", false), { message });
        assert.throws(() => checkVendorNotOwnAccount("acme", ["123456789012"], "123456789012", false), {
            message: message.replace('"arn:aws:iam::123456789012:role/ingest"', '"123456789012"'),
        });
        checkVendorNotOwnAccount("acme", ["123456789012"], "123456789012", true);
        checkVendorNotOwnAccount("acme", ["210987654321"], "123456789012", false);
        const allowed = await runComponents(() => new CrossAccountRole("acme", { vendorAccountId: "123456789012", externalId: "acme-7f3a9c", allowSameAccount: true }));
        assert.strictEqual(only(allowed, "aws:iam/role:Role").name, "acme-role");
    });

    describe("refuses bad arguments before registering anything", () => {
        const cases: [string, CrossAccountRoleArgs, string][] = [
            [
                "a wildcard external ID",
                { vendorAccountId: VENDOR, externalId: "*" },
                "CrossAccountRole 'acme': externalId: \"*\" is not a valid external ID. Fix: use 2 to 1,224 characters of letters, digits and +=,.@:/-_.",
            ],
            [
                "an empty external ID",
                { vendorAccountId: VENDOR, externalId: "" },
                "CrossAccountRole 'acme': externalId: \"\" is not a valid external ID. Fix: use 2 to 1,224 characters of letters, digits and +=,.@:/-_.",
            ],
            [
                "no vendor",
                { externalId: "acme-7f3a9c" },
                "CrossAccountRole 'acme': give exactly one of vendorAccountId and vendorPrincipalArns. Fix: set the vendor's account ID, or list its role ARNs.",
            ],
            [
                "a malformed vendor account",
                { vendorAccountId: "21098765432" },
                "CrossAccountRole 'acme': vendorAccountId: \"21098765432\" is not an AWS account ID. Fix: use the 12-digit account ID, such as 123456789012, quoted in YAML.",
            ],
            [
                "a wildcard bucket prefix",
                { vendorAccountId: VENDOR, bucketAccess: { bucket: "exports", prefix: "*" } },
                "CrossAccountRole 'acme': bucketAccess.prefix \"*\" contains a wildcard. Fix: give a literal key prefix such as exports/customer-42/.",
            ],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                assert.strictEqual(await refusal(() => new CrossAccountRole("acme", args)), message);
            });
        }
    });
});
