import * as assert from "assert";
import * as path from "path";

import { runProgramMocked } from "../../gate/mockRuntime";
import { doc, only, REPO_ROOT } from "../support/mocked";

const EXAMPLE = path.join(REPO_ROOT, "examples", "vendor-access");

describe("examples/vendor-access", () => {
    it("builds the customer side of a cross-account integration from the package's exports", async () => {
        const run = await runProgramMocked({ projectDir: EXAMPLE, stack: "acme" });
        assert.strictEqual(require.resolve("assume-guard/components", { paths: [EXAMPLE] }), path.join(REPO_ROOT, "bin", "components", "index.js"));
        assert.deepStrictEqual(run.outputs, {
            roleArn: "arn:aws:iam::123456789012:role/vendor",
            externalId: "acme-3f9c1e7a",
            vendorCliProfile:
                "[profile customer-acme]\n" +
                "role_arn = arn:aws:iam::123456789012:role/vendor\n" +
                "source_profile = vendor\n" +
                "external_id = acme-3f9c1e7a\n" +
                "duration_seconds = 3600\n",
        });
        assert.deepStrictEqual(doc(only(run, "aws:iam/role:Role"), "assumeRolePolicy"), {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "TrustConditionedPrincipals",
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::210987654321:root" },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "sts:ExternalId": "acme-3f9c1e7a" } },
                },
            ],
        });
        assert.deepStrictEqual(doc(only(run, "aws:iam/rolePolicy:RolePolicy")), {
            Version: "2012-10-17",
            Statement: [
                { Sid: "ReadObjects", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-exports/vendor/*" },
                {
                    Sid: "ListBucket",
                    Effect: "Allow",
                    Action: ["s3:ListBucket", "s3:ListBucketVersions"],
                    Resource: "arn:aws:s3:::acme-exports",
                    Condition: { StringLike: { "s3:prefix": "vendor/*" } },
                },
            ],
        });
    });
});
