/**
 * gate/verdict: the report's findings take what, why and the fix from the rule (never parsed out of
 * the message), secrets scrubbed, with the program line of their resource and this run's levels.
 */
import * as assert from "assert";
import * as path from "path";

import { InputResource, SecretScrubber } from "../../gate/resources";
import { programLines, verdictOf } from "../../gate/verdict";
import { HostResult } from "../../policypack/host";

const ROOT = path.resolve("/work/app");
const URN = "urn:pulumi:dev::app::aws:iam/userPolicy:UserPolicy::p";
const RESOURCES: InputResource[] = [
    {
        urn: URN,
        type: "aws:iam/userPolicy:UserPolicy",
        name: "p",
        custom: true,
        props: {},
        dependencies: [],
        propertyDependencies: {},
        trace: { stack: [{ file: path.join(ROOT, "infra", "index.ts"), line: 7, column: 5 }] },
    },
];
const PARTS = { what: "IAM user 'hunter2-bot' can read", why: "It leaks", fix: "remove it" };
/** The parts as the report carries them: scrubbed, with the message rendered from them. */
const SCRUBBED = { what: "IAM user '[secret]-bot' can read", why: "It leaks", fix: "remove it", message: "IAM user '[secret]-bot' can read. It leaks. Fix: remove it." };

describe("gate/verdict", () => {
    it("takes each finding's parts from the rule, renders the message from them, scrubs secrets and adds the program line", () => {
        const scrubber = new SecretScrubber();
        scrubber.add("hunter2");
        const result: HostResult = {
            diagnostics: [
                { policyName: "iam-user-no-direct-data-access", message: "(what the engine shows)", enforcementLevel: "mandatory", urn: URN, description: "d", finding: PARTS },
                { policyName: "iam-user-assume-only", message: "can't run policy 'iam-user-assume-only' from policy pack 'assume-guard@v0.1.0' during preview: x", enforcementLevel: "advisory", urn: URN, description: "d" },
            ],
            exemptionsUsed: [{ policyName: "iam-user-assume-only", urn: URN, pattern: "p", reason: "hunter2 is reviewed", finding: PARTS }],
        };
        const verdict = verdictOf(result, RESOURCES, { "iam-user-assume-only": { enforcementLevel: "advisory" } }, scrubber, programLines(RESOURCES, ROOT));
        const location = { file: "infra/index.ts", line: 7, column: 5 };
        const resource = "aws:iam/userPolicy:UserPolicy p";
        assert.deepStrictEqual(verdict.findings, [
            {
                rule: "iam-user-no-direct-data-access",
                level: "mandatory",
                urn: URN,
                resource,
                ...SCRUBBED,
                location,
            },
            {
                rule: "iam-user-assume-only",
                level: "advisory",
                urn: URN,
                resource,
                what: "can't run policy 'iam-user-assume-only' from policy pack 'assume-guard@v0.1.0' during preview: x",
                why: "",
                fix: "",
                message: "can't run policy 'iam-user-assume-only' from policy pack 'assume-guard@v0.1.0' during preview: x",
                location,
            },
        ]);
        assert.deepStrictEqual(verdict.exemptionsUsed, [
            {
                rule: "iam-user-assume-only",
                level: "advisory",
                urn: URN,
                resource,
                ...SCRUBBED,
                pattern: "p",
                reason: "[secret] is reviewed",
                location,
            },
        ]);
        assert.deepStrictEqual(
            verdict.rules.filter(r => ["iam-user-assume-only", "iam-user-no-direct-data-access", "dynamodb-table-protected"].includes(r.name)).map(r => [r.name, r.level, r.severity, r.controls]),
            [
                ["iam-user-no-direct-data-access", "mandatory", "critical", []],
                ["iam-user-assume-only", "advisory", "high", []],
                ["dynamodb-table-protected", "advisory", "medium", ["aws-fsbp/DynamoDB.2", "aws-fsbp/DynamoDB.6"]],
            ],
        );
    });
});
