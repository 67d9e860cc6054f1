/**
 * Validation of {@link AssumeRoleCredentialsOptions} against AWS's AssumeRole limits.
 *
 * Every check runs before any call to STS and throws an {@link AssumeRoleInputError} whose message
 * names the field, quotes the bad value and says the fix:
 * `assumeRoleCredentials: <field> "<value>" <what is wrong>. Fix: <how>.`
 * This module is self-contained on purpose: the client ships to vendors without the components.
 */
import type { AssumeRoleCommandInput } from "@aws-sdk/client-sts";
import { parse as parseArn, validate as isArn } from "@aws-sdk/util-arn-parser";
import { type AssumeRoleCredentialsOptions, AssumeRoleInputError } from "./options";

/** AWS's limit on managed session policies. */
export const MAX_POLICY_ARNS = 10;
/** AWS's limit on an inline session policy, counted without whitespace; the client stays under it. */
export const MAX_POLICY_CHARS = 2048;
const ROLE_EXAMPLE = "arn:aws:iam::123456789012:role/vendor-read";

/** Throws the {@link AssumeRoleInputError} for `field`; `problem` follows the field's name. */
export function refuse(field: string, problem: string, fix: string): never {
    throw new AssumeRoleInputError(field, `assumeRoleCredentials: ${field} ${problem}. Fix: ${fix}.`);
}

const quote = (value: unknown): string => (typeof value === "string" ? JSON.stringify(value) : String(value));

/** Parses an IAM ARN whose resource matches `resource`, or returns undefined. */
function iamArn(value: unknown, resource: RegExp, account: RegExp): ReturnType<typeof parseArn> | undefined {
    if (typeof value !== "string" || !isArn(value)) {
        return undefined;
    }
    const arn = parseArn(value);
    const ok = /^aws(-[a-z]+)*$/.test(arn.partition) && arn.service === "iam" && arn.region === "";
    return ok && account.test(arn.accountId) && resource.test(arn.resource) ? arn : undefined;
}

/** Checks a 6-digit MFA code; also used for codes from `tokenProvider`. */
export function checkTokenCode(field: string, value: unknown): string {
    if (typeof value !== "string" || !/^\d{6}$/.test(value)) {
        refuse(field, `${quote(value)} is not a 6-digit MFA code`, "pass the current 6-digit code shown by the MFA device");
    }
    return value;
}

/**
 * Validates the options and returns the AssumeRole input they fix (all but RoleSessionName's default
 * and TokenCode, which are decided per request). Throws {@link AssumeRoleInputError}.
 */
export function validateAssumeRoleOptions(o: AssumeRoleCredentialsOptions): Omit<AssumeRoleCommandInput, "RoleSessionName"> {
    const role = iamArn(o.roleArn, /^role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/, /^\d{12}$/);
    if (role === undefined) {
        refuse("roleArn", `${quote(o.roleArn)} is not an IAM role ARN`, `pass the role ARN its owner gave you, such as ${ROLE_EXAMPLE}`);
    }
    if (o.externalId !== undefined && !/^[\w+=,.@:/-]{2,1224}$/.test(o.externalId)) {
        refuse("externalId", `${quote(o.externalId)} is not a valid external ID`, "pass the ID the role's owner gave you: 2 to 1,224 characters of letters, digits and +=,.@:/-_");
    }
    if (o.sessionName !== undefined && !/^[\w+=,.@-]{2,64}$/.test(o.sessionName)) {
        refuse("sessionName", `${quote(o.sessionName)} is not a valid session name`, "use 2 to 64 characters of letters, digits and +=,.@-_");
    }
    const policyArns = o.policyArns ?? [];
    if (policyArns.length > MAX_POLICY_ARNS) {
        refuse("policyArns", `lists ${policyArns.length} policies; AWS allows at most ${MAX_POLICY_ARNS} per session`, "merge the rest into the inline policy");
    }
    policyArns.forEach((arn, i) => {
        const parsed = iamArn(arn, /^policy\/\S+$/, /^(aws|\d{12})$/);
        if (parsed === undefined) {
            refuse(`policyArns[${i}]`, `${quote(arn)} is not a managed policy ARN`, "use an ARN such as arn:aws:iam::aws:policy/ReadOnlyAccess");
        }
        if (parsed.accountId !== "aws" && parsed.accountId !== role.accountId) {
            refuse(`policyArns[${i}]`, `${quote(arn)} is in another account than the role (${role.accountId})`, "use an AWS managed policy or one in the role's account");
        }
    });
    const policy = o.policy === undefined ? undefined : minifyPolicy(o.policy);
    const d = o.durationSeconds;
    if (d !== undefined && (!Number.isInteger(d) || d < 900 || d > 43200)) {
        refuse("durationSeconds", `${quote(d)} is not a whole number of seconds from 900 to 43200`, "pick one in that range and at most the role's maximum session duration (1 hour unless its owner raised it)");
    }
    checkMfa(o);
    if (o.stsClient !== undefined && (o.region !== undefined || o.sourceCredentials !== undefined)) {
        refuse("stsClient", "is set together with region or sourceCredentials, which it would ignore", "configure the region and credentials on the STS client you pass, or pass no client");
    }
    return {
        RoleArn: o.roleArn,
        ...(o.externalId !== undefined && { ExternalId: o.externalId }),
        ...(policy !== undefined && { Policy: policy }),
        ...(policyArns.length > 0 && { PolicyArns: policyArns.map((arn) => ({ arn })) }),
        ...(d !== undefined && { DurationSeconds: d }),
        ...(o.mfaSerial !== undefined && { SerialNumber: o.mfaSerial }),
    };
}

/** Parses the inline policy once and returns it minified, as sent; AWS counts it without whitespace. */
function minifyPolicy(policy: string | object): string {
    let document: unknown;
    try {
        document = typeof policy === "string" ? JSON.parse(policy) : policy;
    } catch {
        refuse("policy", "is not valid JSON", "pass a policy document object or its JSON text");
    }
    if (typeof document !== "object" || document === null || Array.isArray(document)) {
        refuse("policy", "is not a JSON object, so not a policy document", 'pass an object such as {"Version":"2012-10-17","Statement":[...]}');
    }
    const minified = JSON.stringify(document);
    if (minified.length >= MAX_POLICY_CHARS) {
        refuse("policy", `is ${minified.length} characters without whitespace, not under AWS's limit of ${MAX_POLICY_CHARS}`, "move grants into managed policyArns or shorten the document");
    }
    return minified;
}

function checkMfa(o: AssumeRoleCredentialsOptions): void {
    if (o.mfaSerial === undefined) {
        for (const field of ["tokenCode", "tokenProvider"] as const) {
            if (o[field] !== undefined) {
                refuse(field, "is set without mfaSerial", "also pass mfaSerial, the ARN or serial number of the MFA device");
            }
        }
        return;
    }
    if (!/^[\w+=/:,.@-]{9,256}$/.test(o.mfaSerial)) {
        refuse("mfaSerial", `${quote(o.mfaSerial)} is not an MFA device`, "pass the device ARN, such as arn:aws:iam::123456789012:mfa/alice, or a hardware serial number");
    }
    if ((o.tokenCode === undefined) === (o.tokenProvider === undefined)) {
        refuse("mfaSerial", "needs exactly one of tokenCode and tokenProvider", "pass tokenProvider to be asked for a code at every refresh, or tokenCode for one session");
    }
    if (o.tokenCode !== undefined) {
        checkTokenCode("tokenCode", o.tokenCode);
    }
}
