import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { InvokeError, Invokes, InvokeResultsError } from "../../../gate/invokes";
import { awsFunctions } from "../../../gate/invokes/data";
import { COMPUTED, invokeKind } from "../../../gate/invokes/table";
import { tempDir } from "../../support/mocked";

const ENV = { accountId: "123456789012", region: "eu-west-1", partition: "aws" };
const GET_ROLE = "aws:iam/getRole:getRole";
const TLS = "tls:index/getPublicKey:getPublicKey";

let lastFile = "";

function invokesWith(results?: unknown): Invokes {
    if (results === undefined) {
        return new Invokes(ENV, { config: {} });
    }
    const file = path.join(tempDir("invokes-"), "answers.json");
    lastFile = file;
    fs.writeFileSync(file, JSON.stringify(results));
    return new Invokes(ENV, { invokeResultsFile: file, config: {} });
}

function refusal(invokes: Invokes, token: string, inputs: Record<string, unknown>): InvokeError {
    try {
        invokes.answer({ token, inputs });
    } catch (e) {
        assert.ok(e instanceof InvokeError, String(e));
        return e;
    }
    throw new Error("expected a refusal");
}

describe("gate/invokes", () => {
    it("tables every @pulumi/aws function: 14 computed, the rest look-ups; anything else is refused", () => {
        const tokens = Object.keys(awsFunctions().functions);
        const kinds = tokens.map(invokeKind);
        assert.deepStrictEqual(
            [kinds.filter(k => k === "computed").length, kinds.filter(k => k === "lookup").length, Object.keys(COMPUTED).length],
            [14, tokens.length - 14, 14],
        );
        assert.deepStrictEqual([invokeKind("aws:iam/getPrincipalPolicySimulation:getPrincipalPolicySimulation"), invokeKind("aws:index/getIpRanges:getIpRanges"), invokeKind(TLS)], [
            "lookup",
            "lookup",
            "refused",
        ]);
    });

    it("answers a look-up with unknown markers, repeating the arguments it was given", () => {
        const answer = invokesWith().answer({ token: GET_ROLE, inputs: { name: "deployer" } });
        assert.deepStrictEqual(answer, {
            arn: "arn:GATEUNKNOWN_aws_iam_getRole_getRole__arn:GATEUNKNOWN_aws_iam_getRole_getRole__arn:GATEUNKNOWN_aws_iam_getRole_getRole__arn:GATEUNKNOWN_aws_iam_getRole_getRole__arn:GATEUNKNOWN_aws_iam_getRole_getRole__arn/GATEUNKNOWN_aws_iam_getRole_getRole__arn",
            assumeRolePolicy: "GATEUNKNOWN_aws_iam_getRole_getRole__assumeRolePolicy",
            createDate: "GATEUNKNOWN_aws_iam_getRole_getRole__createDate",
            description: "GATEUNKNOWN_aws_iam_getRole_getRole__description",
            id: "GATEUNKNOWN_aws_iam_getRole_getRole__id",
            maxSessionDuration: "GATEUNKNOWN_aws_iam_getRole_getRole__maxSessionDuration",
            name: "deployer",
            path: "GATEUNKNOWN_aws_iam_getRole_getRole__path",
            permissionsBoundary: "GATEUNKNOWN_aws_iam_getRole_getRole__permissionsBoundary",
            roleLastUseds: [{ lastUsedDate: "GATEUNKNOWN_aws_iam_getRole_getRole__roleLastUseds_0_lastUsedDate", region: "GATEUNKNOWN_aws_iam_getRole_getRole__roleLastUseds_0_region" }],
            tags: { GATEUNKNOWN_aws_iam_getRole_getRole__tags_key: "GATEUNKNOWN_aws_iam_getRole_getRole__tags" },
            uniqueId: "GATEUNKNOWN_aws_iam_getRole_getRole__uniqueId",
        });
    });

    it("lets a supplied answer win, the fields it leaves out staying unknown", () => {
        const invokes = invokesWith({ [GET_ROLE]: [{ args: { name: "deployer" }, result: { arn: "arn:aws:iam::123456789012:role/deployer" } }], [TLS]: { result: { publicKeyOpenssh: "k" } } });
        const role = invokes.answer({ token: GET_ROLE, inputs: { name: "deployer" } });
        assert.deepStrictEqual([role.arn, role.name, role.path], ["arn:aws:iam::123456789012:role/deployer", "deployer", "GATEUNKNOWN_aws_iam_getRole_getRole__path"]);
        assert.deepStrictEqual(invokes.answer({ token: TLS, inputs: { privateKeyPem: "x" } }), { publicKeyOpenssh: "k" });
        assert.deepStrictEqual(invokes.answer({ token: "aws:index/getCallerIdentity:getCallerIdentity", inputs: {} }).accountId, "123456789012");
    });

    it("answers a computed function whose argument holds a look-up's marker as wholly unknown, as a preview does", () => {
        const invokes = invokesWith();
        const role = invokes.answer({ token: GET_ROLE, inputs: { name: "deployer" } });
        const doc = invokes.answer({ token: "aws:iam/getPolicyDocument:getPolicyDocument", inputs: { statements: [{ actions: ["sts:AssumeRole"], principals: [{ type: "AWS", identifiers: [role.arn] }] }] } });
        assert.deepStrictEqual([doc.json, doc.minifiedJson, doc.statements], [
            "GATEUNKNOWN_aws_iam_getPolicyDocument_getPolicyDocument__json",
            "GATEUNKNOWN_aws_iam_getPolicyDocument_getPolicyDocument__minifiedJson",
            [
                {
                    actions: ["GATEUNKNOWN_aws_iam_getPolicyDocument_getPolicyDocument__statements_0_actions_0"],
                    conditions: [
                        {
                            test: "GATEUNKNOWN_aws_iam_getPolicyDocument_getPolicyDocument__statements_0_conditions_0_test",
                            values: ["GATEUNKNOWN_aws_iam_getPolicyDocument_getPolicyDocument__statements_0_conditions_0_values_0"],
                            variable: "GATEUNKNOWN_aws_iam_getPolicyDocument_getPolicyDocument__statements_0_conditions_0_variable",
                        },
                    ],
                    effect: "GATEUNKNOWN_aws_iam_getPolicyDocument_getPolicyDocument__statements_0_effect",
                    notActions: ["GATEUNKNOWN_aws_iam_getPolicyDocument_getPolicyDocument__statements_0_notActions_0"],
                    notPrincipals: [
                        {
                            identifiers: ["GATEUNKNOWN_aws_iam_getPolicyDocument_getPolicyDocument__statements_0_notPrincipals_0_identifiers_0"],
                            type: "GATEUNKNOWN_aws_iam_getPolicyDocument_getPolicyDocument__statements_0_notPrincipals_0_type",
                        },
                    ],
                    notResources: ["GATEUNKNOWN_aws_iam_getPolicyDocument_getPolicyDocument__statements_0_notResources_0"],
                    principals: [
                        {
                            identifiers: ["GATEUNKNOWN_aws_iam_getPolicyDocument_getPolicyDocument__statements_0_principals_0_identifiers_0"],
                            type: "GATEUNKNOWN_aws_iam_getPolicyDocument_getPolicyDocument__statements_0_principals_0_type",
                        },
                    ],
                    resources: ["GATEUNKNOWN_aws_iam_getPolicyDocument_getPolicyDocument__statements_0_resources_0"],
                    sid: "GATEUNKNOWN_aws_iam_getPolicyDocument_getPolicyDocument__statements_0_sid",
                },
            ],
        ]);
    });

    it("turns a computed function's failure into an InvokeError whose details carry the message to the program", () => {
        const e = refusal(invokesWith(), "aws:index/getArn:getArn", { arn: "nope" });
        assert.deepStrictEqual([e.message, e.details, e.token], [
            "invocation of aws:index/getArn:getArn returned an error: arn: invalid prefix",
            "invocation of aws:index/getArn:getArn returned an error: arn: invalid prefix",
            "aws:index/getArn:getArn",
        ]);
    });

    it("refuses a token nobody can answer, naming it and the fix", () => {
        assert.strictEqual(
            refusal(invokesWith(), TLS, { privateKeyPem: "x" }).message,
            "invoke tls:index/getPublicKey:getPublicKey cannot be answered offline: the gate computes the AWS functions that need no cloud, answers AWS look-ups as unknown, " +
                'and knows no other provider\'s functions. Fix: give its result in a file passed with --invoke-results, e.g. {"tls:index/getPublicKey:getPublicKey": [{"args": {"privateKeyPem":"x"}, "result": {...}}]}',
        );
    });

    it("refuses a token whose supplied answers are all for other arguments, naming the file and the missing entry", () => {
        const invokes = invokesWith({ [TLS]: [{ args: { privateKeyPem: "a" }, result: {} }] });
        const file = lastFile;
        assert.strictEqual(
            refusal(invokes, TLS, { privateKeyPem: "b" }).message,
            `invoke tls:index/getPublicKey:getPublicKey has no answer for these arguments in --invoke-results ${file}. Fix: add {"args": {"privateKeyPem":"b"}, "result": {...}} under "tls:index/getPublicKey:getPublicKey"`,
        );
    });

    it("checks an --invoke-results file when the answers are made, before any invoke", () => {
        assert.throws(
            () => invokesWith({ [GET_ROLE]: [{ result: { arn: 1 } }] }),
            (e: unknown) =>
                e instanceof InvokeResultsError &&
                e.message.endsWith(`: "${GET_ROLE}"[0].result.arn must be a string, as @pulumi/aws declares the result of ${GET_ROLE}`) &&
                e.message.startsWith("--invoke-results /"),
        );
    });
});
