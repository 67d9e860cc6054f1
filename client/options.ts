/**
 * Options of {@link assumeRoleCredentials}, and the error for a refused one.
 * Their validation against AWS's AssumeRole limits is in `validate.ts`.
 */
import type { STSClient, STSClientConfig } from "@aws-sdk/client-sts";

/** Credentials the SDK accepts: a fixed identity or a provider of one. */
export type SourceCredentials = NonNullable<STSClientConfig["credentials"]>;

/** Options of {@link assumeRoleCredentials}. Field names follow the AssumeRole API. */
export interface AssumeRoleCredentialsOptions {
    /** ARN of the role to assume, as the role's owner handed it over. */
    readonly roleArn: string;
    /** The external ID the role's trust requires (`sts:ExternalId`). @default none sent */
    readonly externalId?: string;
    /** Session name, shown in the role owner's CloudTrail. @default `assume-guard-<epoch ms>` */
    readonly sessionName?: string;
    /** Inline session policy, as JSON text or a document object; sent minified. @default none */
    readonly policy?: string | object;
    /** Managed session policies (AWS managed or in the role's account), at most 10. @default none */
    readonly policyArns?: readonly string[];
    /** MFA device serial number or ARN of the identity behind the source credentials. @default none */
    readonly mfaSerial?: string;
    /** A 6-digit MFA code, usable for the first session only. Requires `mfaSerial`. @default none */
    readonly tokenCode?: string;
    /** Asked for a fresh 6-digit code at every (re)fetch. Requires `mfaSerial`. @default none */
    readonly tokenProvider?: (mfaSerial: string) => Promise<string>;
    /** Session length, 900–43,200 seconds and at most the role's maximum. @default 3600 (STS's default) */
    readonly durationSeconds?: number;
    /** Region of the STS endpoint. @default AWS_REGION, else the partition's first region (us-east-1 for aws) */
    readonly region?: string;
    /** Credentials that call AssumeRole. @default the SDK's default provider chain */
    readonly sourceCredentials?: SourceCredentials;
    /** A ready STS client; exclusive with `region` and `sourceCredentials`. @default a new STSClient */
    readonly stsClient?: STSClient;
    /** Clock in epoch milliseconds, for expiry and the default session name. @default Date.now */
    readonly now?: () => number;
}

/** A refused option. The message is complete and meant for the person who set it. */
export class AssumeRoleInputError extends Error {
    /** The option at fault, such as `policyArns[2]`. */
    readonly field: string;

    constructor(field: string, message: string) {
        super(message);
        this.name = "AssumeRoleInputError";
        this.field = field;
    }
}
