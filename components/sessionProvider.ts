import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { compactPolicy, policyChars } from "../policypack/lib/quotas";
import { PolicyDocument } from "./iam/render";
import { checkExternalId, checkRoleArn, checkSeconds, InvalidArgumentError } from "./validation";

/** AWS's limit on managed policy ARNs passed to AssumeRole. */
export const MAX_SESSION_POLICY_ARNS = 10;
/** AWS's limit on an inline session policy, counted without whitespace. */
export const MAX_SESSION_POLICY_CHARS = 2048;

/** Arguments of {@link sessionProvider}. */
export interface SessionProviderArgs {
    /** The role the provider assumes. */
    readonly roleArn: string;
    /** The session name, visible in CloudTrail: 2 to 64 characters of `[\w+=,.@-]`. */
    readonly sessionName: string;
    /**
     * The external ID the role's trust requires.
     * @default none
     */
    readonly externalId?: string;
    /**
     * An inline session policy (a rendered document or its JSON) that narrows the session.
     * @default none
     */
    readonly policy?: PolicyDocument | string;
    /**
     * Managed policy ARNs that narrow the session, for example ReadOnlyAccess. At most 10.
     * @default none
     */
    readonly policyArns?: readonly string[];
    /**
     * Session length in seconds, 900 to 43,200 (and at most the role's maxSessionDuration).
     * @default 3600
     */
    readonly durationSeconds?: number;
    /**
     * Session tags (the role's trust must allow sts:TagSession).
     * @default none
     */
    readonly tags?: Record<string, string>;
    /**
     * Further provider settings, such as `region`.
     * @default the ambient provider configuration
     */
    readonly providerArgs?: Omit<aws.ProviderArgs, "assumeRoles">;
}

/**
 * An AWS provider whose credentials are a role session narrowed by session policies, so that part
 * of a stack deploys with less power than the role holds. A session policy can only narrow: the
 * session gets the intersection of the role's policies and the session policies.
 */
export function sessionProvider(name: string, args: SessionProviderArgs, opts?: pulumi.CustomResourceOptions): aws.Provider {
    const policy = validateSessionProviderArgs(name, args);
    return new aws.Provider(
        name,
        {
            ...args.providerArgs,
            assumeRoles: [
                {
                    roleArn: args.roleArn,
                    sessionName: args.sessionName,
                    externalId: args.externalId,
                    policy,
                    policyArns: args.policyArns ? [...args.policyArns] : undefined,
                    duration: `${args.durationSeconds ?? 3600}s`,
                    tags: args.tags,
                },
            ],
        },
        opts,
    );
}

/**
 * Validates {@link SessionProviderArgs} against AWS's AssumeRole limits before anything is registered,
 * and returns the inline policy minified (whitespace is what AWS does not count).
 */
export function validateSessionProviderArgs(name: string, args: SessionProviderArgs): string | undefined {
    const label = `sessionProvider '${name}'`;
    checkRoleArn(`${label}: roleArn`, args.roleArn);
    if (!/^[\w+=,.@-]{2,64}$/.test(args.sessionName)) {
        throw new InvalidArgumentError(
            `${label}: sessionName ${JSON.stringify(args.sessionName)} is not a valid session name. Fix: use 2 to 64 characters of letters, digits and +=,.@-_.`,
        );
    }
    if (args.externalId !== undefined) {
        checkExternalId(`${label}: externalId`, args.externalId);
    }
    const arns = args.policyArns ?? [];
    if (arns.length > MAX_SESSION_POLICY_ARNS) {
        throw new InvalidArgumentError(
            `${label}: policyArns lists ${arns.length} policies. Fix: pass at most ${MAX_SESSION_POLICY_ARNS}, AWS's limit for a session; merge the rest into the inline policy.`,
        );
    }
    arns.forEach((arn, i) => {
        if (!/^arn:aws(-[a-z]+)*:iam::(aws|\d{12}):policy\/\S+$/.test(arn)) {
            throw new InvalidArgumentError(
                `${label}: policyArns[${i}] ${JSON.stringify(arn)} is not a managed policy ARN. Fix: use an ARN such as arn:aws:iam::aws:policy/ReadOnlyAccess.`,
            );
        }
    });
    checkSeconds(`${label}: durationSeconds`, args.durationSeconds ?? 3600, 900, 43200);
    if (args.policy === undefined) {
        return undefined;
    }
    const minified = compactPolicy(args.policy);
    if (minified === undefined) {
        throw new InvalidArgumentError(`${label}: policy is not valid JSON. Fix: pass a policy document object or its JSON text.`);
    }
    const chars = policyChars(minified);
    if (chars >= MAX_SESSION_POLICY_CHARS) {
        throw new InvalidArgumentError(
            `${label}: policy is ${chars} characters without whitespace. Fix: keep it under ${MAX_SESSION_POLICY_CHARS}, AWS's limit; move grants to managed policyArns.`,
        );
    }
    return minified;
}
