import * as assert from "node:assert/strict";
import { STSClient } from "@aws-sdk/client-sts";
import { AssumeRoleInputError, type AssumeRoleCredentialsOptions } from "../../client/options";
import { validateAssumeRoleOptions } from "../../client/validate";
import { MFA, ROLE } from "./support";

const code = async (): Promise<string> => "123456";

/** A policy document whose minified JSON is exactly `length` characters. */
function policyOfLength(length: number): object {
    const frame = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "", Effect: "Deny" }] }).length;
    return { Version: "2012-10-17", Statement: [{ Sid: "x".repeat(length - frame), Effect: "Deny" }] };
}

function refused(options: Partial<AssumeRoleCredentialsOptions>): AssumeRoleInputError {
    try {
        validateAssumeRoleOptions({ roleArn: ROLE, ...options });
    } catch (error) {
        assert.ok(error instanceof AssumeRoleInputError, `expected an AssumeRoleInputError, got ${String(error)}`);
        return error;
    }
    assert.fail(`expected ${JSON.stringify(options)} to be refused`);
}

describe("client/validate: validateAssumeRoleOptions", () => {
    it("Compliance: every option maps to its AssumeRole field, the policy minified", () => {
        const input = validateAssumeRoleOptions({
            roleArn: "arn:aws:iam::222222222222:role/path/vendor-read",
            externalId: "acme-3f9c1e7a:x/y=z",
            sessionName: "vendor@acme.example",
            policy: '{ "Version": "2012-10-17",\n  "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" } ] }',
            policyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::222222222222:policy/vendor/narrow"],
            mfaSerial: MFA,
            tokenProvider: code,
            durationSeconds: 900,
        });
        assert.deepStrictEqual(input, {
            RoleArn: "arn:aws:iam::222222222222:role/path/vendor-read",
            ExternalId: "acme-3f9c1e7a:x/y=z",
            Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
            PolicyArns: [{ arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }, { arn: "arn:aws:iam::222222222222:policy/vendor/narrow" }],
            DurationSeconds: 900,
            SerialNumber: MFA,
        });
    });

    it("Compliance: a bare role ARN sends only RoleArn; limits are inclusive (43200 s, 10 ARNs, 2 and 64 characters)", () => {
        assert.deepStrictEqual(validateAssumeRoleOptions({ roleArn: ROLE, policyArns: [] }), { RoleArn: ROLE });
        const ten = Array.from({ length: 10 }, (_, i) => `arn:aws:iam::aws:policy/P${i}`);
        const input = validateAssumeRoleOptions({ roleArn: ROLE, durationSeconds: 43200, policyArns: ten, sessionName: "ab", externalId: "x".repeat(1224) });
        assert.strictEqual(input.PolicyArns?.length, 10);
        assert.strictEqual(validateAssumeRoleOptions({ roleArn: ROLE, sessionName: "s".repeat(64) }).RoleArn, ROLE);
    });

    it("Compliance: a policy object is sent as its minified JSON, just under the limit", () => {
        const policy = policyOfLength(2047);
        const minified = JSON.stringify(policy);
        assert.strictEqual(minified.length, 2047);
        assert.strictEqual(validateAssumeRoleOptions({ roleArn: ROLE, policy }).Policy, minified);
    });

    const cases: ReadonlyArray<[string, Partial<AssumeRoleCredentialsOptions>, string, string]> = [
        ["a user ARN as roleArn", { roleArn: "arn:aws:iam::222222222222:user/alice" }, "roleArn",
            'assumeRoleCredentials: roleArn "arn:aws:iam::222222222222:user/alice" is not an IAM role ARN. Fix: pass the role ARN its owner gave you, such as arn:aws:iam::123456789012:role/vendor-read.'],
        ["a role ARN without an account", { roleArn: "arn:aws:iam:::role/vendor-read" }, "roleArn",
            'assumeRoleCredentials: roleArn "arn:aws:iam:::role/vendor-read" is not an IAM role ARN. Fix: pass the role ARN its owner gave you, such as arn:aws:iam::123456789012:role/vendor-read.'],
        ["a role name instead of an ARN", { roleArn: "vendor-read" }, "roleArn",
            'assumeRoleCredentials: roleArn "vendor-read" is not an IAM role ARN. Fix: pass the role ARN its owner gave you, such as arn:aws:iam::123456789012:role/vendor-read.'],
        ["an external ID with a space", { externalId: "acme 1" }, "externalId",
            'assumeRoleCredentials: externalId "acme 1" is not a valid external ID. Fix: pass the ID the role\'s owner gave you: 2 to 1,224 characters of letters, digits and +=,.@:/-_.'],
        ["a one-character external ID", { externalId: "a" }, "externalId",
            'assumeRoleCredentials: externalId "a" is not a valid external ID. Fix: pass the ID the role\'s owner gave you: 2 to 1,224 characters of letters, digits and +=,.@:/-_.'],
        ["a session name with a colon", { sessionName: "vendor:acme" }, "sessionName",
            'assumeRoleCredentials: sessionName "vendor:acme" is not a valid session name. Fix: use 2 to 64 characters of letters, digits and +=,.@-_.'],
        ["a 65-character session name", { sessionName: "s".repeat(65) }, "sessionName",
            `assumeRoleCredentials: sessionName "${"s".repeat(65)}" is not a valid session name. Fix: use 2 to 64 characters of letters, digits and +=,.@-_.`],
        ["eleven policy ARNs", { policyArns: Array.from({ length: 11 }, (_, i) => `arn:aws:iam::aws:policy/P${i}`) }, "policyArns",
            "assumeRoleCredentials: policyArns lists 11 policies; AWS allows at most 10 per session. Fix: merge the rest into the inline policy."],
        ["a role ARN among the policy ARNs", { policyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess", ROLE] }, "policyArns[1]",
            `assumeRoleCredentials: policyArns[1] "${ROLE}" is not a managed policy ARN. Fix: use an ARN such as arn:aws:iam::aws:policy/ReadOnlyAccess.`],
        ["a policy ARN from a third account", { policyArns: ["arn:aws:iam::333333333333:policy/narrow"] }, "policyArns[0]",
            'assumeRoleCredentials: policyArns[0] "arn:aws:iam::333333333333:policy/narrow" is in another account than the role (222222222222). Fix: use an AWS managed policy or one in the role\'s account.'],
        ["an inline policy that is not JSON", { policy: "{ Version: 2012-10-17 }" }, "policy",
            "assumeRoleCredentials: policy is not valid JSON. Fix: pass a policy document object or its JSON text."],
        ["an inline policy that is a JSON array", { policy: "[]" }, "policy",
            'assumeRoleCredentials: policy is not a JSON object, so not a policy document. Fix: pass an object such as {"Version":"2012-10-17","Statement":[...]}.'],
        ["an inline policy of 2048 characters without whitespace", { policy: policyOfLength(2048) }, "policy",
            "assumeRoleCredentials: policy is 2048 characters without whitespace, not under AWS's limit of 2048. Fix: move grants into managed policyArns or shorten the document."],
        ["a duration under 900 seconds", { durationSeconds: 899 }, "durationSeconds",
            "assumeRoleCredentials: durationSeconds 899 is not a whole number of seconds from 900 to 43200. Fix: pick one in that range and at most the role's maximum session duration (1 hour unless its owner raised it)."],
        ["a duration over 12 hours", { durationSeconds: 43201 }, "durationSeconds",
            "assumeRoleCredentials: durationSeconds 43201 is not a whole number of seconds from 900 to 43200. Fix: pick one in that range and at most the role's maximum session duration (1 hour unless its owner raised it)."],
        ["a fractional duration", { durationSeconds: 3600.5 }, "durationSeconds",
            "assumeRoleCredentials: durationSeconds 3600.5 is not a whole number of seconds from 900 to 43200. Fix: pick one in that range and at most the role's maximum session duration (1 hour unless its owner raised it)."],
        ["a tokenCode without mfaSerial", { tokenCode: "123456" }, "tokenCode",
            "assumeRoleCredentials: tokenCode is set without mfaSerial. Fix: also pass mfaSerial, the ARN or serial number of the MFA device."],
        ["a tokenProvider without mfaSerial", { tokenProvider: code }, "tokenProvider",
            "assumeRoleCredentials: tokenProvider is set without mfaSerial. Fix: also pass mfaSerial, the ARN or serial number of the MFA device."],
        ["mfaSerial with neither code source", { mfaSerial: MFA }, "mfaSerial",
            "assumeRoleCredentials: mfaSerial needs exactly one of tokenCode and tokenProvider. Fix: pass tokenProvider to be asked for a code at every refresh, or tokenCode for one session."],
        ["mfaSerial with both code sources", { mfaSerial: MFA, tokenCode: "123456", tokenProvider: code }, "mfaSerial",
            "assumeRoleCredentials: mfaSerial needs exactly one of tokenCode and tokenProvider. Fix: pass tokenProvider to be asked for a code at every refresh, or tokenCode for one session."],
        ["an MFA serial with a space", { mfaSerial: "my phone app", tokenCode: "123456" }, "mfaSerial",
            'assumeRoleCredentials: mfaSerial "my phone app" is not an MFA device. Fix: pass the device ARN, such as arn:aws:iam::123456789012:mfa/alice, or a hardware serial number.'],
        ["a five-digit token code", { mfaSerial: "GAHT12345678", tokenCode: "12345" }, "tokenCode",
            'assumeRoleCredentials: tokenCode "12345" is not a 6-digit MFA code. Fix: pass the current 6-digit code shown by the MFA device.'],
        ["an STS client together with a region", { stsClient: new STSClient({ region: "eu-west-1" }), region: "us-east-1" }, "stsClient",
            "assumeRoleCredentials: stsClient is set together with region or sourceCredentials, which it would ignore. Fix: configure the region and credentials on the STS client you pass, or pass no client."],
    ];
    for (const [behaviour, options, field, message] of cases) {
        it(`Refused: ${behaviour}`, () => {
            const error = refused(options);
            assert.strictEqual(error.message, message);
            assert.strictEqual(error.field, field);
            assert.strictEqual(error.name, "AssumeRoleInputError");
        });
    }
});
