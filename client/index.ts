/**
 * The vendor-side client: credentials for a role a customer created with a guarded trust
 * (external ID, source CIDRs, MFA), usable by any AWS SDK v3 client.
 *
 * ```ts
 * const s3 = new S3Client({ region, credentials: assumeRoleCredentials({ roleArn, externalId }) });
 * ```
 *
 * Built on `@aws-sdk/client-sts` directly rather than `fromTemporaryCredentials`: that provider
 * builds a private STS client (from `@aws-sdk/nested-clients`) that cannot be injected, and
 * mocking `@aws-sdk/client-sts` does not reach it. This client never imports the components
 * or the policy pack.
 */
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { translateAssumeRoleError } from "./errors";
import type { AssumeRoleCredentialsOptions } from "./options";
import { type CredentialsProvider, type TemporaryCredentials, refreshingProvider } from "./refresh";
import { checkTokenCode, refuse, validateAssumeRoleOptions } from "./validate";

export { AssumeRoleDeniedError, type TrustCondition } from "./errors";
export { AssumeRoleInputError, type AssumeRoleCredentialsOptions, type SourceCredentials } from "./options";
export { REFRESH_WINDOW_MS, type CredentialsProvider, type TemporaryCredentials } from "./refresh";
export { MAX_POLICY_ARNS, MAX_POLICY_CHARS } from "./validate";

/** The region an STS client uses when none is given and AWS_REGION is unset, by partition. */
const PARTITION_REGIONS: Readonly<Record<string, string>> = { aws: "us-east-1", "aws-cn": "cn-north-1", "aws-us-gov": "us-gov-west-1" };

/**
 * Returns auto-refreshing credentials for `options.roleArn`, for any AWS SDK v3 client.
 *
 * The options are checked against AWS's limits at once, before any call: a bad one throws an
 * {@link AssumeRoleInputError}. STS is first called when a client first needs credentials, and again
 * shortly before they expire. An AccessDenied from STS rejects with an {@link AssumeRoleDeniedError}
 * naming the trust conditions that probably failed; every other error passes through unchanged.
 */
export function assumeRoleCredentials(given: AssumeRoleCredentialsOptions): CredentialsProvider {
    const options = { ...given }; // what was validated is what later refreshes use
    const input = validateAssumeRoleOptions(options);
    const now = options.now ?? Date.now;
    const sts = options.stsClient ?? newStsClient(options);
    const denied = { roleArn: options.roleArn, externalIdSent: options.externalId !== undefined, mfaSerial: options.mfaSerial };
    let tokenCodeSpent = false;

    const fetch = async (): Promise<TemporaryCredentials> => {
        const tokenCode = await nextTokenCode(options, tokenCodeSpent);
        const request = { ...input, RoleSessionName: options.sessionName ?? `assume-guard-${now()}`, ...(tokenCode !== undefined && { TokenCode: tokenCode }) };
        let response;
        try {
            response = await sts.send(new AssumeRoleCommand(request));
        } catch (error) {
            throw translateAssumeRoleError(error, denied);
        }
        tokenCodeSpent = options.tokenCode !== undefined;
        const c = response.Credentials;
        if (c?.AccessKeyId === undefined || c.SecretAccessKey === undefined || c.SessionToken === undefined || c.Expiration === undefined) {
            throw new Error(`assumeRoleCredentials: STS answered AssumeRole on ${options.roleArn} without complete credentials.`);
        }
        return {
            accessKeyId: c.AccessKeyId,
            secretAccessKey: c.SecretAccessKey,
            sessionToken: c.SessionToken,
            expiration: c.Expiration,
        };
    };
    return refreshingProvider(fetch, now);
}

/** The MFA code for the next request: a fresh one from tokenProvider, or tokenCode once. */
async function nextTokenCode(options: AssumeRoleCredentialsOptions, tokenCodeSpent: boolean): Promise<string | undefined> {
    if (options.mfaSerial === undefined) {
        return undefined;
    }
    if (options.tokenProvider !== undefined) {
        return checkTokenCode("tokenProvider's code", await options.tokenProvider(options.mfaSerial));
    }
    if (tokenCodeSpent) {
        refuse("tokenCode", `was spent on the first session of ${options.roleArn}, and the session has expired`, "pass tokenProvider instead, which is asked for a fresh code at every refresh");
    }
    return options.tokenCode;
}

function newStsClient(options: AssumeRoleCredentialsOptions): STSClient {
    const partition = options.roleArn.split(":")[1];
    return new STSClient({
        region: options.region ?? process.env.AWS_REGION ?? PARTITION_REGIONS[partition],
        ...(options.sourceCredentials !== undefined && { credentials: options.sourceCredentials }),
    });
}
