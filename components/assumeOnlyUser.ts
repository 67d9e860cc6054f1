import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { userArn } from "./iam/arns";
import { assumeOnlyUserPolicy } from "./iam/documents";
import { checkQuota, fewerCidrsFix, SHORTEST_ROLE_ARN, USER_INLINE_QUOTA } from "./quotas";
import { scopeOf } from "./scope";
import { checkCidrs, checkIamName, checkIamPath, checkRoleArn, InvalidArgumentError } from "./validation";

/** Arguments of {@link AssumeOnlyUser}. */
export interface AssumeOnlyUserArgs {
    /**
     * The roles the user may assume: its only Allow is `sts:AssumeRole` on exactly these ARNs.
     * Pass `GuardedRole.roleArn`, which is known at preview time. Never empty, never `*`.
     */
    readonly roleArns: pulumi.Input<string>[];
    /**
     * The IAM user name.
     * @default the component's name
     */
    readonly userName?: string;
    /**
     * The IAM path of the user.
     * @default "/"
     */
    readonly path?: string;
    /**
     * Also allow `sts:TagSession` on the roles, for callers that pass session tags.
     * @default false
     */
    readonly allowTagSession?: boolean;
    /**
     * Deny every action from outside these CIDRs (except calls AWS services make on the user's
     * behalf, which carry `aws:ViaAWSService`). A leaked key is then useless off these networks.
     * @default no network restriction on the user (the role's trust can still require one)
     */
    readonly allowedSourceCidrs?: readonly string[];
    /**
     * Deny `sts:AssumeRole` unless the request was signed with MFA.
     * @default false
     */
    readonly requireMfa?: boolean;
    /**
     * Create an access key for the user. Its secret is always a Pulumi secret.
     * @default false
     */
    readonly createAccessKey?: boolean;
    /**
     * A base64 PGP public key or `keybase:<user>`; the secret is then only stored encrypted, and
     * `secretAccessKey` holds the base64 ciphertext.
     * @default none: the plaintext secret is stored, encrypted, in Pulumi state
     */
    readonly pgpKey?: pulumi.Input<string>;
    /**
     * A permissions boundary policy ARN for the user.
     * @default none
     */
    readonly permissionsBoundary?: pulumi.Input<string>;
    /**
     * Tags for the user.
     * @default none
     */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** An IAM user that can do nothing but assume the named roles, optionally with an access key. */
export class AssumeOnlyUser extends pulumi.ComponentResource {
    /** The IAM user. */
    public readonly user: aws.iam.User;
    /** The user's access key, when one was asked for. */
    public readonly accessKey?: aws.iam.AccessKey;
    /** The user's name. */
    public readonly userName: pulumi.Output<string>;
    /** The user's ARN, built from account, partition and name: known at preview time. */
    public readonly userArn: pulumi.Output<string>;
    /** The access key ID, when a key was created. */
    public readonly accessKeyId: pulumi.Output<string | undefined>;
    /** The secret access key (or its PGP ciphertext), always a Pulumi secret, when a key was created. */
    public readonly secretAccessKey: pulumi.Output<string | undefined>;

    constructor(name: string, args: AssumeOnlyUserArgs, opts?: pulumi.ComponentResourceOptions) {
        validateAssumeOnlyUserArgs(name, args);
        super("assume-guard:iam:AssumeOnlyUser", name, {}, opts);
        const path = args.path ?? "/";
        this.user = new aws.iam.User(
            `${name}-user`,
            { name: args.userName ?? name, path, permissionsBoundary: args.permissionsBoundary, tags: args.tags },
            { parent: this },
        );
        new aws.iam.UserPolicy(
            `${name}-assume`,
            { user: this.user.name, name: "assume-only", policy: userPolicy(name, args) },
            { parent: this },
        );
        if (args.createAccessKey) {
            this.accessKey = new aws.iam.AccessKey(
                `${name}-key`,
                { user: this.user.name, pgpKey: args.pgpKey },
                { parent: this, additionalSecretOutputs: ["secret", "encryptedSecret"] },
            );
        }
        this.userName = this.user.name;
        this.userArn = pulumi.all([scopeOf(this), this.user.name]).apply(([scope, n]) => userArn(scope, n, path));
        this.accessKeyId = this.accessKey ? this.accessKey.id : pulumi.output(undefined);
        const secret = !this.accessKey ? undefined : args.pgpKey ? this.accessKey.encryptedSecret : this.accessKey.secret;
        this.secretAccessKey = pulumi.secret(secret);
        this.registerOutputs({
            userName: this.userName,
            userArn: this.userArn,
            accessKeyId: this.accessKeyId,
            secretAccessKey: this.secretAccessKey,
        });
    }
}

/** Validates {@link AssumeOnlyUserArgs} before anything is registered. */
export function validateAssumeOnlyUserArgs(name: string, args: AssumeOnlyUserArgs): void {
    const label = `AssumeOnlyUser '${name}'`;
    if (args.roleArns.length === 0) {
        throw new InvalidArgumentError(
            `${label}: roleArns is empty. Fix: list the ARNs of the roles this user may assume; a user that can assume nothing is useless.`,
        );
    }
    args.roleArns.forEach((arn, i) => {
        if (typeof arn === "string") {
            checkRoleArn(`${label}: roleArns[${i}]`, arn);
        }
    });
    if (args.allowedSourceCidrs !== undefined) {
        checkCidrs(`${label}: allowedSourceCidrs`, args.allowedSourceCidrs);
    }
    if (args.userName !== undefined) {
        checkIamName(`${label}: userName`, args.userName, 64);
    }
    if (args.path !== undefined) {
        checkIamPath(`${label}: path`, args.path);
    }
    if (args.pgpKey !== undefined && !args.createAccessKey) {
        throw new InvalidArgumentError(`${label}: pgpKey is set but createAccessKey is not. Fix: set createAccessKey: true, or drop pgpKey.`);
    }
    const known = args.roleArns.every(a => typeof a === "string");
    checkUserPolicySize(label, args, args.roleArns.map(a => (typeof a === "string" ? a : SHORTEST_ROLE_ARN)), !known);
}

/** Refuses the user's policy when IAM's quota on a user's inline policies would refuse it (see ./quotas.ts). */
function checkUserPolicySize(label: string, args: AssumeOnlyUserArgs, roleArns: readonly string[], estimated: boolean): void {
    const cidrs = args.allowedSourceCidrs ?? [];
    const cause = `${roleArns.length} role ARN${roleArns.length === 1 ? "" : "s"}, ${cidrs.length} CIDR${cidrs.length === 1 ? "" : "s"} in allowedSourceCidrs`;
    checkQuota(label, "its inline policy", assumeOnlyUserDocument(args, roleArns), USER_INLINE_QUOTA, cause, fewerCidrsFix("allowedSourceCidrs"), estimated);
}

/** The user's inline policy for `args`, with the role ARNs resolved. */
export function assumeOnlyUserDocument(args: AssumeOnlyUserArgs, roleArns: readonly string[]): string {
    return assumeOnlyUserPolicy({
        roleArns,
        allowTagSession: args.allowTagSession,
        allowedSourceCidrs: args.allowedSourceCidrs,
        requireMfa: args.requireMfa,
    });
}

function userPolicy(name: string, args: AssumeOnlyUserArgs): pulumi.Output<string> {
    return pulumi.all(args.roleArns).apply(arns => {
        const label = `AssumeOnlyUser '${name}'`;
        arns.forEach((arn, i) => checkRoleArn(`${label}: roleArns[${i}]`, arn));
        checkUserPolicySize(label, args, arns, false);
        return assumeOnlyUserDocument(args, arns);
    });
}
