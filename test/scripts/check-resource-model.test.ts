import * as assert from "assert";

import { EXCLUDED } from "../../policypack/lib/model/excluded";
import { RESOURCE_MODEL } from "../../policypack/lib/model/resourceTypes";
import { report } from "../../scripts/check-resource-model";
import { awsPackageDir, checkModel, ScannedType, scanProvider } from "../../scripts/resource-model-scan";

describe("scripts/check-resource-model", () => {
    let scanned: ScannedType[];

    before(() => {
        scanned = scanProvider(awsPackageDir());
    });

    it("finds every policy- and principal-bearing property of the installed @pulumi/aws modelled or excluded with a reason", () => {
        const check = checkModel(scanned);
        assert.deepStrictEqual(
            { uncovered: check.uncovered, missingTypes: check.missingTypes, missingProps: check.missingProps, staleExclusions: check.staleExclusions },
            { uncovered: [], missingTypes: [], missingProps: [], staleExclusions: [] },
        );
        assert.ok(check.scanned > 1000 && check.hits.length > 300, `${check.scanned} types, ${check.hits.length} candidate properties`);
    });

    it("reads nested input properties and outputs: a multi-Region access point's details.policy, a bucket's arn", () => {
        const mrap = scanned.find(t => t.type === "aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy");
        const bucket = scanned.find(t => t.type === "aws:s3/bucket:Bucket");
        assert.deepStrictEqual([mrap?.args.includes("details.policy"), bucket?.outputs.includes("arn"), bucket?.args.includes("arn")], [true, true, false]);
    });

    it("fails a provider upgrade that adds a policy-bearing type until a row or an exclusion covers it", () => {
        const upgraded = [...scanned, { type: "aws:newsvc/vault:Vault", args: ["name", "accessPolicy", "grantPrincipals"], outputs: ["arn"] }];
        assert.deepStrictEqual(checkModel(upgraded).uncovered, [
            { type: "aws:newsvc/vault:Vault", prop: "accessPolicy" },
            { type: "aws:newsvc/vault:Vault", prop: "grantPrincipals" },
        ]);
    });

    it("fails a row whose type or property the provider lacks, and an exclusion that matches nothing", () => {
        const model = [
            ...RESOURCE_MODEL.map(m => (m.type === "aws:sqs/queuePolicy:QueuePolicy" ? { ...m, arnFields: [{ prop: "queueArn", form: "arn" as const }] } : m)),
            { ...RESOURCE_MODEL[0], type: "aws:gone/thing:Thing" },
        ];
        const excluded = [...EXCLUDED, { types: ["aws:gone/other:Other"], reason: "gone" }];
        const check = checkModel(scanned, model, excluded);
        assert.deepStrictEqual(
            { missingTypes: check.missingTypes, missingProps: check.missingProps, staleExclusions: check.staleExclusions },
            {
                missingTypes: ["aws:gone/thing:Thing"],
                missingProps: [{ type: "aws:sqs/queuePolicy:QueuePolicy", prop: "queueArn" }],
                staleExclusions: ["aws:gone/other:Other: any property"],
            },
        );
    });

    it("reports the table's size by kind, and each problem with the fix it needs", () => {
        const check = { scanned: 2, hits: [{ type: "aws:x/y:Y", prop: "policy" }], uncovered: [{ type: "aws:x/y:Y", prop: "policy" }], missingTypes: [], missingProps: [], staleExclusions: ["aws:z/z:Z: any property"] };
        assert.deepStrictEqual(report(check, "@pulumi/aws 9.9.9"), {
            ok: false,
            lines: [
                "@pulumi/aws 9.9.9: 2 resource types, 1 policy- or principal-bearing properties",
                "model: 94 types (3 principals, 1 customer policies, 3 inline identity policies, 7 attachments, 2 memberships, 71 resource policies, 7 grants without a document)",
                "not in the model and not excluded: aws:x/y:Y policy",
                "an exclusion that matches nothing: aws:z/z:Z: any property",
            ],
        });
    });
});
