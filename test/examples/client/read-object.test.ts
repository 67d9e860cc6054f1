import * as assert from "node:assert/strict";
import { Readable } from "node:stream";
import { GetObjectCommand, type GetObjectCommandOutput, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { type AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { readObject } from "../../../examples/client/read-object";
import { issued, ROLE } from "../../client/support";

const REPORT = "region,revenue\neu-west-1,42\n";
const ARGS = { roleArn: ROLE, externalId: "acme-3f9c1e7a", bucket: "acme-exports", key: "vendor/report.csv", region: "eu-west-1" };

/** An S3 object body as the SDK hands it out: a Node stream with the SDK's transform methods. */
function objectBody(text: string): GetObjectCommandOutput["Body"] {
    return Object.assign(Readable.from([Buffer.from(text)]), {
        transformToString: async () => text,
        transformToByteArray: async () => new Uint8Array(Buffer.from(text)),
        transformToWebStream: () => {
            throw new Error("not used by the example");
        },
    });
}

describe("examples/client/read-object against mocked STS and S3", () => {
    let sts: AwsClientStub<STSClient>;
    let s3: AwsClientStub<S3Client>;

    before(() => {
        sts = mockClient(STSClient);
        s3 = mockClient(S3Client);
    });
    after(() => {
        sts.restore();
        s3.restore();
    });

    it("Reads the object with the credentials STS issued for the customer's role", async () => {
        sts.on(AssumeRoleCommand).resolves(issued(1, new Date(Date.now() + 3600 * 1000)));
        // Like S3, the fake answers only a client holding the role's session credentials.
        s3.on(GetObjectCommand, { Bucket: "acme-exports", Key: "vendor/report.csv" }).callsFake(async (_input, getClient) => {
            const credentials = await getClient().config.credentials();
            if (credentials.accessKeyId !== "ASIAEXAMPLE1" || credentials.sessionToken !== "token-1") {
                throw new S3ServiceException({ name: "AccessDenied", $fault: "client", $metadata: { httpStatusCode: 403 }, message: "Access Denied" });
            }
            const answer: Partial<GetObjectCommandOutput> = { Body: objectBody(REPORT) };
            return answer;
        });

        assert.strictEqual(await readObject(ARGS), REPORT);
        assert.deepStrictEqual(
            sts.commandCalls(AssumeRoleCommand).map((call) => call.args[0].input),
            [{ RoleArn: ROLE, ExternalId: "acme-3f9c1e7a", RoleSessionName: "read-object" }],
        );
        assert.deepStrictEqual(
            s3.commandCalls(GetObjectCommand).map((call) => call.args[0].input),
            [{ Bucket: "acme-exports", Key: "vendor/report.csv" }],
        );
    });
});
