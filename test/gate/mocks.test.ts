import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { InvokeResultsError, syntheticMocks } from "../../gate/mocks";
import { tempDir } from "../support/mocked";

const ENV = { accountId: "123456789012", region: "eu-west-1", partition: "aws" };
const GET_ROLE = "aws:iam/getRole:getRole";

describe("gate/mocks", () => {
    it("still takes one argument: caller identity, partition and region come from the environment", async () => {
        const mocks = syntheticMocks(ENV);
        const call = (token: string) => mocks.call({ token, inputs: {} });
        assert.deepStrictEqual(
            [call("aws:index/getCallerIdentity:getCallerIdentity"), call("aws:index/getPartition:getPartition"), call("aws:index/getRegion:getRegion")],
            [
                { accountId: "123456789012", arn: "arn:aws:iam::123456789012:user/assume-guard-gate", id: "123456789012", userId: "AIDAASSUMEGUARDGATE00" },
                { dnsSuffix: "amazonaws.com", id: "aws", partition: "aws", reverseDnsPrefix: "com.amazonaws" },
                { description: "Europe (Ireland)", endpoint: "ec2.eu-west-1.amazonaws.com", id: "eu-west-1", name: "eu-west-1", region: "eu-west-1" },
            ],
        );
    });

    it("takes answers from an --invoke-results file, and refuses a bad file before anything is registered", () => {
        const dir = tempDir("mocks-");
        const good = path.join(dir, "good.json");
        fs.writeFileSync(good, JSON.stringify({ [GET_ROLE]: [{ args: { name: "deployer" }, result: { arn: "arn:aws:iam::123456789012:role/deployer" } }] }));
        const answer = syntheticMocks(ENV, { invokeResultsFile: good }).call({ token: GET_ROLE, inputs: { name: "deployer" } }) as Record<string, unknown>;
        assert.strictEqual(answer.arn, "arn:aws:iam::123456789012:role/deployer");
        const bad = path.join(dir, "bad.json");
        fs.writeFileSync(bad, "[]");
        assert.throws(() => syntheticMocks(ENV, { invokeResultsFile: bad }), InvokeResultsError);
    });

    it("inputs-only: a resource keeps its inputs and the name a preview generates; what it computes is unknown, as in a first preview", () => {
        const mocks = syntheticMocks(ENV, { outputs: "inputs-only" });
        const register = (type: string, name: string, inputs: Record<string, unknown>) => mocks.newResource({ type, name, inputs, custom: true, id: undefined });
        const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        assert.deepStrictEqual(
            [
                register("aws:iam/role:Role", "reader", { name: "reader-role", assumeRolePolicy: "{}" }),
                register("aws:iam/user:User", "connector", {}),
                register("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "attach", { role: "reader-role", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }),
                register("pulumi:providers:aws", "regional", { region: "us-east-1" }),
            ],
            [
                { id: undefined, state: { name: "reader-role", assumeRolePolicy: "{}", arn: UNKNOWN, uniqueId: UNKNOWN } },
                { id: undefined, state: { name: "connector-c08c6ac", arn: UNKNOWN, uniqueId: UNKNOWN } },
                { id: undefined, state: { role: "reader-role", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess", arn: UNKNOWN } },
                { id: "regional-id", state: { region: "us-east-1", arn: "arn:aws:providers:eu-west-1:123456789012:regional" } },
            ],
        );
    });

    it("gives an API Gateway API its execute-api ARN, which Lambda permissions name; a first preview leaves it unknown", () => {
        const register = (outputs: "synthetic" | "inputs-only", type: string) =>
            syntheticMocks(ENV, { outputs }).newResource({ type, name: "api", inputs: { protocolType: "HTTP" }, custom: true, id: undefined });
        const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        assert.deepStrictEqual(
            [register("synthetic", "aws:apigatewayv2/api:Api"), register("synthetic", "aws:apigateway/restApi:RestApi"), register("inputs-only", "aws:apigatewayv2/api:Api")],
            [
                {
                    id: "api-id",
                    state: { protocolType: "HTTP", arn: "arn:aws:apigatewayv2:eu-west-1:123456789012:api", executionArn: "arn:aws:execute-api:eu-west-1:123456789012:api-id" },
                },
                {
                    id: "api-id",
                    state: { protocolType: "HTTP", arn: "arn:aws:apigateway:eu-west-1:123456789012:api", executionArn: "arn:aws:execute-api:eu-west-1:123456789012:api-id" },
                },
                { id: undefined, state: { protocolType: "HTTP", arn: UNKNOWN, executionArn: UNKNOWN } },
            ],
        );
    });

    it("gives a CloudFront origin access identity the IAM ARN bucket policies name it by; a first preview leaves it unknown", () => {
        const register = (outputs: "synthetic" | "inputs-only") =>
            syntheticMocks(ENV, { outputs }).newResource({ type: "aws:cloudfront/originAccessIdentity:OriginAccessIdentity", name: "oai", inputs: { comment: "site" }, custom: true, id: undefined });
        const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        // CloudFront's identity IDs are E and 13 characters; the same name always gets the same one.
        const id = "EQ2RFDXILSPN6J";
        assert.deepStrictEqual([register("synthetic"), register("inputs-only")], [
            {
                id,
                state: {
                    comment: "site",
                    iamArn: `arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ${id}`,
                    cloudfrontAccessIdentityPath: `origin-access-identity/cloudfront/${id}`,
                    arn: `arn:aws:cloudfront::123456789012:origin-access-identity/${id}`,
                },
            },
            { id: undefined, state: { comment: "site", iamArn: UNKNOWN, cloudfrontAccessIdentityPath: UNKNOWN, arn: UNKNOWN } },
        ]);
    });

    it("gives two providers of one name their own IDs, so an invoke finds the provider it names", () => {
        const mocks = syntheticMocks(ENV, { config: {} });
        const register = (region: string) => mocks.newResource({ type: "pulumi:providers:aws", name: "regional", inputs: { region }, custom: true, id: undefined });
        const ids = [register("us-east-1"), register("ap-southeast-2")].map(r => (r as { id: string }).id);
        const regionVia = (id: string) => (mocks.call({ token: "aws:index/getRegion:getRegion", inputs: {}, provider: `urn:pulumi:s::p::pulumi:providers:aws::regional::${id}` }) as { region: string }).region;
        assert.deepStrictEqual([ids, ids.map(regionVia)], [["regional-id", "regional-id-2"], ["us-east-1", "ap-southeast-2"]]);
    });
});
