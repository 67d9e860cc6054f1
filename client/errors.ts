/**
 * Turns STS's bare AccessDenied into an error that says which of the role's trust conditions
 * probably failed and what to check. STS never says which condition failed; the guesses come from
 * what the request did and did not send, and from the message STS gives for a rejected MFA code.
 */

/** A condition of the role's trust that a denied AssumeRole may have failed. */
export type TrustCondition = "external-id" | "source-ip" | "mfa";

/** What the request sent, which decides the probable causes. */
export interface DeniedRequest {
    readonly roleArn: string;
    readonly externalIdSent: boolean;
    readonly mfaSerial?: string;
}

/** STS refused the AssumeRole. `cause` is STS's own error, unchanged. */
export class AssumeRoleDeniedError extends Error {
    /** The role that was refused. */
    readonly roleArn: string;
    /** The trust conditions that probably failed, most likely first. */
    readonly probableCauses: readonly TrustCondition[];

    constructor(roleArn: string, probableCauses: readonly TrustCondition[], message: string, cause: Error) {
        super(message, { cause });
        this.name = "AssumeRoleDeniedError";
        this.roleArn = roleArn;
        this.probableCauses = probableCauses;
    }
}

/** STS's prefix for every refusal of an MFA serial or code. */
const MFA_FAILED = "MultiFactorAuthentication failed";

/**
 * Returns an {@link AssumeRoleDeniedError} for an AccessDenied from STS, and any other error
 * unchanged (the same object).
 */
export function translateAssumeRoleError(error: unknown, request: DeniedRequest): unknown {
    if (!(error instanceof Error) || error.name !== "AccessDenied") {
        return error;
    }
    const causes = probableCauses(error.message, request);
    const lines = [
        `STS refused to let the source credentials assume ${request.roleArn} (AccessDenied: ${error.message.trim()}).`,
        "Conditions of the role's trust that probably failed, and what to check:",
        ...causes.map((cause) => `- ${advice(cause, request)}`),
    ];
    if (!error.message.includes(MFA_FAILED)) {
        lines.push(
            "Also check that the trust's Principal names the identity behind the source credentials, " +
                "and that the identity's own policy allows sts:AssumeRole on this role.",
        );
    }
    return new AssumeRoleDeniedError(request.roleArn, causes, lines.join("\n"), error);
}

function probableCauses(message: string, request: DeniedRequest): TrustCondition[] {
    if (message.includes(MFA_FAILED)) {
        return ["mfa"];
    }
    const causes: TrustCondition[] = ["external-id", "source-ip"];
    return request.mfaSerial === undefined ? [...causes, "mfa"] : causes;
}

function advice(cause: TrustCondition, request: DeniedRequest): string {
    switch (cause) {
        case "external-id":
            return request.externalIdSent
                ? "external ID: one was sent; check it is exactly the value in the role's trust (sts:ExternalId) for this customer."
                : "external ID: none was sent; if the role's trust requires sts:ExternalId, pass externalId with the value the role's owner gave you.";
        case "source-ip":
            return (
                "source IP: the request left from this machine's public egress address; check that address " +
                "(or your NAT gateway's or proxy's) is inside the role's allowed CIDRs (aws:SourceIp)."
            );
        case "mfa":
            return request.mfaSerial === undefined
                ? "MFA: no mfaSerial was sent; if the role requires MFA (aws:MultiFactorAuthPresent), pass mfaSerial with tokenCode or tokenProvider."
                : `MFA: STS rejected the code for ${request.mfaSerial}; check it is the MFA device of the identity behind ` +
                      "the source credentials and that the code is current (each code works once).";
    }
}
