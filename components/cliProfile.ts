/** Renders `~/.aws/config` profile blocks for assuming a role with the AWS CLI and SDKs. Pure. */

/** One profile that assumes a role from a source profile holding the user's key. */
export interface CliProfileOptions {
    /** The profile's name: `[profile <name>]`. */
    readonly profileName: string;
    /** The role to assume. */
    readonly roleArn: string;
    /** The profile holding the long-lived key of the assume-only user. */
    readonly sourceProfile: string;
    /** The MFA device ARN, when the role requires MFA. */
    readonly mfaSerial?: string;
    /** The external ID, when the role requires one. */
    readonly externalId?: string;
    /** Session length in seconds; at most the role's maxSessionDuration. */
    readonly durationSeconds?: number;
    /** The session name the CLI uses, visible in CloudTrail. */
    readonly roleSessionName?: string;
    /** Default region for the profile. */
    readonly region?: string;
}

/** Renders one profile block, keys in a fixed order, ending with a newline. */
export function renderCliProfile(o: CliProfileOptions): string {
    const lines = [`[profile ${o.profileName}]`, `role_arn = ${o.roleArn}`, `source_profile = ${o.sourceProfile}`];
    const optional: [string, string | number | undefined][] = [
        ["mfa_serial", o.mfaSerial],
        ["external_id", o.externalId],
        ["duration_seconds", o.durationSeconds],
        ["role_session_name", o.roleSessionName],
        ["region", o.region],
    ];
    for (const [key, value] of optional) {
        if (value !== undefined) {
            lines.push(`${key} = ${value}`);
        }
    }
    return lines.join("\n") + "\n";
}

/** The ARN of a user's virtual MFA device named after the user, as the IAM console creates it. */
export function mfaDeviceArn(partition: string, accountId: string, userName: string): string {
    return `arn:${partition}:iam::${accountId}:mfa/${userName}`;
}
