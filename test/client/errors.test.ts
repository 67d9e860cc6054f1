import * as assert from "node:assert/strict";
import { STSServiceException } from "@aws-sdk/client-sts";
import { AssumeRoleDeniedError, type DeniedRequest, translateAssumeRoleError } from "../../client/errors";
import { accessDenied, MFA, ROLE } from "./support";

const NOT_AUTHORIZED = `User: arn:aws:iam::111111111111:user/vendor is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`;

const HEAD = `STS refused to let the source credentials assume ${ROLE} (AccessDenied: ${NOT_AUTHORIZED}).\nConditions of the role's trust that probably failed, and what to check:`;
const EXTERNAL_ID_SENT = "- external ID: one was sent; check it is exactly the value in the role's trust (sts:ExternalId) for this customer.";
const EXTERNAL_ID_MISSING = "- external ID: none was sent; if the role's trust requires sts:ExternalId, pass externalId with the value the role's owner gave you.";
const SOURCE_IP = "- source IP: the request left from this machine's public egress address; check that address (or your NAT gateway's or proxy's) is inside the role's allowed CIDRs (aws:SourceIp).";
const MFA_MISSING = "- MFA: no mfaSerial was sent; if the role requires MFA (aws:MultiFactorAuthPresent), pass mfaSerial with tokenCode or tokenProvider.";
const PRINCIPAL = "Also check that the trust's Principal names the identity behind the source credentials, and that the identity's own policy allows sts:AssumeRole on this role.";

function translated(error: Error, request: DeniedRequest): AssumeRoleDeniedError {
    const result = translateAssumeRoleError(error, request);
    assert.ok(result instanceof AssumeRoleDeniedError, `expected an AssumeRoleDeniedError, got ${String(result)}`);
    assert.strictEqual(result.cause, error);
    assert.strictEqual(result.roleArn, ROLE);
    assert.strictEqual(result.name, "AssumeRoleDeniedError");
    return result;
}

describe("client/errors: translateAssumeRoleError", () => {
    it("Denied with an external ID sent and no MFA: external ID, source IP and MFA are suspects", () => {
        const error = translated(accessDenied(NOT_AUTHORIZED), { roleArn: ROLE, externalIdSent: true });
        assert.strictEqual(error.message, [HEAD, EXTERNAL_ID_SENT, SOURCE_IP, MFA_MISSING, PRINCIPAL].join("\n"));
        assert.deepStrictEqual(error.probableCauses, ["external-id", "source-ip", "mfa"]);
    });

    it("Denied with no external ID sent: says to pass the owner's external ID", () => {
        const error = translated(accessDenied(NOT_AUTHORIZED), { roleArn: ROLE, externalIdSent: false });
        assert.strictEqual(error.message, [HEAD, EXTERNAL_ID_MISSING, SOURCE_IP, MFA_MISSING, PRINCIPAL].join("\n"));
    });

    it("Denied although an MFA code was accepted: MFA is no suspect", () => {
        const error = translated(accessDenied(NOT_AUTHORIZED), { roleArn: ROLE, externalIdSent: true, mfaSerial: MFA });
        assert.strictEqual(error.message, [HEAD, EXTERNAL_ID_SENT, SOURCE_IP, PRINCIPAL].join("\n"));
        assert.deepStrictEqual(error.probableCauses, ["external-id", "source-ip"]);
    });

    it("MFA code rejected: MFA is the only suspect", () => {
        const sts = "MultiFactorAuthentication failed with invalid MFA one time pass code. ";
        const error = translated(accessDenied(sts), { roleArn: ROLE, externalIdSent: true, mfaSerial: MFA });
        assert.strictEqual(
            error.message,
            `STS refused to let the source credentials assume ${ROLE} (AccessDenied: MultiFactorAuthentication failed with invalid MFA one time pass code.).\n` +
                "Conditions of the role's trust that probably failed, and what to check:\n" +
                `- MFA: STS rejected the code for ${MFA}; check it is the MFA device of the identity behind the source credentials and that the code is current (each code works once).`,
        );
        assert.deepStrictEqual(error.probableCauses, ["mfa"]);
    });

    it("Other STS errors and non-errors pass through as the same object", () => {
        const expired = new STSServiceException({ name: "ExpiredToken", $fault: "client", $metadata: {}, message: "The security token included in the request is expired" });
        const network = new Error("getaddrinfo ENOTFOUND sts.us-east-1.amazonaws.com");
        for (const error of [expired, network, "AccessDenied"]) {
            assert.strictEqual(translateAssumeRoleError(error, { roleArn: ROLE, externalIdSent: true }), error);
        }
    });
});
