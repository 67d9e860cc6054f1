import * as assert from "assert";
import * as fs from "fs";

import { awsFunctions, partitionTable } from "../../gate/invokes/data";
import { renderTables } from "../../scripts/invoke-tables";

describe("scripts/invoke-tables", () => {
    it("the gate's invoke tables are what the installed @pulumi/aws and @aws-sdk/core give (else run the script)", () => {
        for (const { file, text } of renderTables()) {
            assert.ok(fs.readFileSync(file, "utf8") === text, `${file} is stale: npx ts-node --transpile-only scripts/invoke-tables.ts`);
        }
    });

    it("holds each function's result shape, output types by name, and the regions of each partition", () => {
        const table = awsFunctions();
        assert.deepStrictEqual(table.functions["aws:iam/getPolicyDocument:getPolicyDocument"], {
            id: "s",
            json: "s",
            minifiedJson: "s",
            overrideJson: "s",
            overridePolicyDocuments: ["s"],
            policyId: "s",
            sourceJson: "s",
            sourcePolicyDocuments: ["s"],
            statements: ["@iam.GetPolicyDocumentStatement"],
            version: "s",
        });
        assert.deepStrictEqual(table.types["iam.GetPolicyDocumentStatementCondition"], { test: "s", values: ["s"], variable: "s" });
        const cn = partitionTable().partitions.find(p => p.id === "aws-cn");
        assert.deepStrictEqual([cn?.dnsSuffix, cn?.regions["cn-north-1"]], ["amazonaws.com.cn", "China (Beijing)"]);
    });
});
