/** Fixtures shared by the client's tests. */
import { type AssumeRoleCommandOutput, STSServiceException } from "@aws-sdk/client-sts";

/** The customer's role the vendor assumes. */
export const ROLE = "arn:aws:iam::222222222222:role/vendor-read";
/** The vendor person's MFA device. */
export const MFA = "arn:aws:iam::111111111111:mfa/alice";

/** An AccessDenied as the SDK deserializes it from STS (the wire test in index.test.ts checks the shape). */
export function accessDenied(message: string): STSServiceException {
    return new STSServiceException({ name: "AccessDenied", $fault: "client", $metadata: { httpStatusCode: 403 }, message });
}

/** An AssumeRole answer whose credentials are numbered `n` and expire at `expiration`. */
export function issued(n: number, expiration: Date): Partial<AssumeRoleCommandOutput> {
    return {
        Credentials: { AccessKeyId: `ASIAEXAMPLE${n}`, SecretAccessKey: `secret-${n}`, SessionToken: `token-${n}`, Expiration: expiration },
        AssumedRoleUser: { AssumedRoleId: `AROAEXAMPLE:s${n}`, Arn: `arn:aws:sts::222222222222:assumed-role/vendor-read/s${n}` },
    };
}
