import * as assert from "node:assert/strict";
import { Readable } from "node:stream";
import { AssumeRoleCommand, type AssumeRoleCommandInput, STSClient } from "@aws-sdk/client-sts";
import { type AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { AssumeRoleDeniedError, AssumeRoleInputError, assumeRoleCredentials, type AssumeRoleCredentialsOptions } from "../../client";
import { accessDenied, issued, MFA, ROLE } from "./support";

const T0 = Date.parse("2030-01-01T00:00:00Z");
const HOUR = 3600 * 1000;
const SOURCE = { accessKeyId: "AKIAVENDOR", secretAccessKey: "vendor-secret" };

describe("client: assumeRoleCredentials against a mocked STS", () => {
    let sts: AwsClientStub<STSClient>;
    let clock = T0;
    const now = (): number => clock;

    before(() => (sts = mockClient(STSClient)));
    beforeEach(() => {
        sts.reset();
        clock = T0;
        sts.on(AssumeRoleCommand).resolves(issued(1, new Date(T0 + HOUR)));
    });
    after(() => sts.restore());

    /** What each AssumeRole call sent, in order. */
    const sent = (): AssumeRoleCommandInput[] => sts.commandCalls(AssumeRoleCommand).map((call) => call.args[0].input);
    const credentials = (options: Partial<AssumeRoleCredentialsOptions>) =>
        assumeRoleCredentials({ roleArn: ROLE, region: "eu-west-1", sourceCredentials: SOURCE, now, ...options });

    it("Intercepts the client it builds, configured with the region and source credentials", async () => {
        assert.deepStrictEqual(await credentials({})(), {
            accessKeyId: "ASIAEXAMPLE1",
            secretAccessKey: "secret-1",
            sessionToken: "token-1",
            expiration: new Date(T0 + HOUR),
        });
        assert.deepStrictEqual(sent(), [{ RoleArn: ROLE, RoleSessionName: `assume-guard-${T0}` }]);
        const client: STSClient = sts.call(0).thisValue;
        assert.strictEqual(await client.config.region(), "eu-west-1");
        assert.deepStrictEqual(await client.config.credentials(), SOURCE);
    });

    it("Uses an injected STS client as it is", async () => {
        const injected = new STSClient({ region: "ap-southeast-2", credentials: SOURCE });
        await assumeRoleCredentials({ roleArn: ROLE, stsClient: injected, sessionName: "vendor-acme" })();
        assert.strictEqual(sts.call(0).thisValue, injected);
        assert.deepStrictEqual(sent(), [{ RoleArn: ROLE, RoleSessionName: "vendor-acme" }]);
    });

    it("Defaults the STS region to the role's partition when none is set", async () => {
        const saved = process.env.AWS_REGION;
        delete process.env.AWS_REGION;
        try {
            await assumeRoleCredentials({ roleArn: "arn:aws-cn:iam::222222222222:role/vendor-read", sourceCredentials: SOURCE })();
        } finally {
            if (saved !== undefined) process.env.AWS_REGION = saved;
        }
        const client: STSClient = sts.call(0).thisValue;
        assert.strictEqual(await client.config.region(), "cn-north-1");
    });

    it("Sends every option in the AssumeRole input", async () => {
        await credentials({
            externalId: "acme-3f9c1e7a",
            sessionName: "vendor-acme",
            policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-exports/vendor/*" }] },
            policyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
            mfaSerial: MFA,
            tokenCode: "123456",
            durationSeconds: 1800,
        })();
        assert.deepStrictEqual(sent(), [
            {
                RoleArn: ROLE,
                ExternalId: "acme-3f9c1e7a",
                Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-exports/vendor/*"}]}',
                PolicyArns: [{ arn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" }],
                DurationSeconds: 1800,
                SerialNumber: MFA,
                RoleSessionName: "vendor-acme",
                TokenCode: "123456",
            },
        ]);
    });

    it("Refuses bad options at once, before any call to STS", () => {
        assert.throws(() => credentials({ durationSeconds: 60 }), (error: unknown) => error instanceof AssumeRoleInputError && error.field === "durationSeconds");
        assert.deepStrictEqual(sent(), []);
    });

    it("Serves cached credentials until 5 minutes before expiry, then asks STS again", async () => {
        sts.on(AssumeRoleCommand).resolvesOnce(issued(1, new Date(T0 + HOUR))).resolves(issued(2, new Date(T0 + 2 * HOUR)));
        const provider = credentials({});
        assert.strictEqual((await provider()).accessKeyId, "ASIAEXAMPLE1");
        clock = T0 + HOUR - 5 * 60 * 1000 - 1;
        assert.strictEqual((await provider()).accessKeyId, "ASIAEXAMPLE1");
        clock = T0 + HOUR - 5 * 60 * 1000;
        assert.strictEqual((await provider()).accessKeyId, "ASIAEXAMPLE2");
        assert.deepStrictEqual(sent().map((input) => input.RoleSessionName), [`assume-guard-${T0}`, `assume-guard-${clock}`]);
    });

    it("Shares one STS call among concurrent callers; forceRefresh asks again", async () => {
        const provider = credentials({});
        const [a, b] = await Promise.all([provider(), provider()]);
        assert.strictEqual(a, b);
        assert.strictEqual(sent().length, 1);
        await provider({ forceRefresh: true });
        assert.strictEqual(sent().length, 2);
    });

    it("Does not cache a failure: the next call asks STS again", async () => {
        const outage = new Error("socket hang up");
        sts.on(AssumeRoleCommand).rejectsOnce(outage).resolves(issued(1, new Date(T0 + HOUR)));
        const provider = credentials({});
        await assert.rejects(provider(), (error) => error === outage);
        assert.strictEqual((await provider()).accessKeyId, "ASIAEXAMPLE1");
    });

    it("Asks tokenProvider for a fresh code at every refresh", async () => {
        const asked: string[] = [];
        const codes = ["111111", "222222"];
        const provider = credentials({ mfaSerial: MFA, tokenProvider: async (serial) => (asked.push(serial), codes[asked.length - 1]) });
        await provider();
        clock = T0 + HOUR;
        await provider();
        assert.deepStrictEqual(asked, [MFA, MFA]);
        assert.deepStrictEqual(sent().map((input) => [input.SerialNumber, input.TokenCode]), [[MFA, "111111"], [MFA, "222222"]]);
    });

    it("Refuses a malformed code from tokenProvider without calling STS", async () => {
        const provider = credentials({ mfaSerial: MFA, tokenProvider: async () => "12 345" });
        await assert.rejects(provider(), {
            name: "AssumeRoleInputError",
            message: `assumeRoleCredentials: tokenProvider's code "12 345" is not a 6-digit MFA code. Fix: pass the current 6-digit code shown by the MFA device.`,
        });
        assert.deepStrictEqual(sent(), []);
    });

    it("Refuses to resend a spent tokenCode once the session expires", async () => {
        const provider = credentials({ mfaSerial: MFA, tokenCode: "123456" });
        await provider();
        clock = T0 + HOUR;
        await assert.rejects(provider(), {
            name: "AssumeRoleInputError",
            message: `assumeRoleCredentials: tokenCode was spent on the first session of ${ROLE}, and the session has expired. Fix: pass tokenProvider instead, which is asked for a fresh code at every refresh.`,
        });
        assert.strictEqual(sent().length, 1);
    });

    it("Turns AccessDenied into an AssumeRoleDeniedError that keeps STS's error as cause", async () => {
        const denial = accessDenied("MultiFactorAuthentication failed with invalid MFA one time pass code.");
        sts.on(AssumeRoleCommand).rejects(denial);
        const provider = credentials({ mfaSerial: MFA, tokenCode: "123456" });
        await assert.rejects(provider(), (error) => {
            assert.ok(error instanceof AssumeRoleDeniedError);
            assert.strictEqual(error.cause, denial);
            assert.deepStrictEqual(error.probableCauses, ["mfa"]);
            return true;
        });
    });

    it("Passes other STS errors through unchanged", async () => {
        const throttled = new Error("Rate exceeded");
        sts.on(AssumeRoleCommand).rejects(throttled);
        await assert.rejects(credentials({})(), (error) => error === throttled);
    });

    it("Refuses an answer without complete credentials", async () => {
        sts.on(AssumeRoleCommand).resolves({ Credentials: undefined });
        await assert.rejects(credentials({})(), {
            message: `assumeRoleCredentials: STS answered AssumeRole on ${ROLE} without complete credentials.`,
        });
    });
});

describe("client: assumeRoleCredentials against STS's wire format", () => {
    it("Recognises the AccessDenied the SDK deserializes from a real STS error response", async () => {
        const xml =
            '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code>' +
            `<Message>User: arn:aws:iam::111111111111:user/vendor is not authorized to perform: sts:AssumeRole on resource: ${ROLE}</Message>` +
            "</Error><RequestId>4f7d1c2e-0000-0000-0000-000000000000</RequestId></ErrorResponse>";
        const requests: string[] = [];
        const stsClient = new STSClient({
            region: "us-east-1",
            credentials: SOURCE,
            maxAttempts: 1,
            requestHandler: {
                handle: async (request: { hostname: string; body: string }) => {
                    requests.push(`${request.hostname} ${request.body}`);
                    return { response: { statusCode: 403, headers: { "content-type": "text/xml" }, body: Readable.from([Buffer.from(xml)]) } };
                },
            },
        });
        const provider = assumeRoleCredentials({ roleArn: ROLE, stsClient, externalId: "acme-3f9c1e7a", sessionName: "vendor-acme" });
        await assert.rejects(provider(), (error) => {
            assert.ok(error instanceof AssumeRoleDeniedError, String(error));
            assert.deepStrictEqual(error.probableCauses, ["external-id", "source-ip", "mfa"]);
            return true;
        });
        assert.deepStrictEqual(requests, [
            "sts.us-east-1.amazonaws.com Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A222222222222%3Arole%2Fvendor-read&RoleSessionName=vendor-acme&ExternalId=acme-3f9c1e7a",
        ]);
    });
});
