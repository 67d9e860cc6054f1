import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { policyArn, userArn } from "./iam/arns";
import { assumeOnlyUserPolicy } from "./iam/documents";
import { checkQuota, fewerCidrsFix, MANAGED_POLICY_QUOTA, Quota, SHORTEST_ROLE_ARN, USER_INLINE_QUOTA } from "./quotas";
import { scopeOf } from "./scope";
import { checkCidrs, checkIamName, checkIamPath, checkRoleArn, InvalidArgumentError } from "./validation";

/**
 * Where the user's assume-only policy lives:
 * - `"group"`: a customer managed policy attached to a group the component creates, the user its
 *   member. The user holds no policy of its own, so it passes AWS Security Hub IAM.2 ("IAM users
 *   should not have IAM policies attached") and CIS AWS Foundations 1.15 ("Ensure IAM Users Receive
 *   Permissions Only Through Groups", whose recommended form is a group with an attached policy).
 *   The Denies live in the same policy: a group's policies apply to its members, Denies included.
 * - `"inline"`: an inline policy on the user (fails IAM.2 and CIS 1.15; same effect in IAM).
 */
export type GrantVia = "group" | "inline";

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
     * The IAM path of the user (and of its group and policy).
     * @default "/"
     */
    readonly path?: string;
    /**
     * How the user receives its policy: through a group it alone is made a member of (the group is
     * named `<userName>-assume-only`, as is the managed policy attached to it), or inline on the user.
     * @default "group"
     */
    readonly grantVia?: GrantVia;
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

/**
 * An IAM user that can do nothing but assume the named roles, optionally with an access key. Its
 * policy reaches it through a group of its own (default) or inline ({@link GrantVia}).
 */
export class AssumeOnlyUser extends pulumi.ComponentResource {
    /** The IAM user. */
    public readonly user: aws.iam.User;
    /** The user's group, with `grantVia: "group"`. */
    public readonly group?: aws.iam.Group;
    /** The access key, when one was asked for. */
    public readonly accessKey?: aws.iam.AccessKey;
    /** The user's name. */
    public readonly userName: pulumi.Output<string>;
    /** The user's ARN, built from account, partition and name: known at preview time. */
    public readonly userArn: pulumi.Output<string>;
    /** The group's name, with `grantVia: "group"`. */
    public readonly groupName: pulumi.Output<string | undefined>;
    /** The access key ID, when a key was created. */
    public readonly accessKeyId: pulumi.Output<string | undefined>;
    /** The secret access key (or its PGP ciphertext), always a Pulumi secret, when a key was created. */
    public readonly secretAccessKey: pulumi.Output<string | undefined>;

    constructor(name: string, args: AssumeOnlyUserArgs, opts?: pulumi.ComponentResourceOptions) {
        validateAssumeOnlyUserArgs(name, args);
        super("assume-guard:iam:AssumeOnlyUser", name, {}, opts);
        const path = args.path ?? "/";
        const userName = args.userName ?? name;
        const scope = scopeOf(this);
        this.user = new aws.iam.User(`${name}-user`, { name: userName, path, permissionsBoundary: args.permissionsBoundary, tags: args.tags }, { parent: this });
        const policy = userPolicy(name, args);
        if ((args.grantVia ?? "group") === "group") {
            this.group = new aws.iam.Group(`${name}-group`, { name: groupNameOf(userName), path }, { parent: this });
            const managed = new aws.iam.Policy(
                `${name}-assume`,
                { name: groupNameOf(userName), path, description: `Assume-only: what members of ${groupNameOf(userName)} may do.`, policy },
                { parent: this },
            );
            // The ARN from the policy's name, not its `arn` output: known at preview time, and still a dependency.
            const attachedArn = pulumi.all([scope, managed.name]).apply(([s, n]) => policyArn(s, n, path));
            new aws.iam.GroupPolicyAttachment(`${name}-attach`, { group: this.group.name, policyArn: attachedArn }, { parent: this });
            new aws.iam.UserGroupMembership(`${name}-membership`, { user: this.user.name, groups: [this.group.name] }, { parent: this });
        } else {
            new aws.iam.UserPolicy(`${name}-assume`, { user: this.user.name, name: "assume-only", policy }, { parent: this });
        }
        if (args.createAccessKey) {
            this.accessKey = new aws.iam.AccessKey(
                `${name}-key`,
                { user: this.user.name, pgpKey: args.pgpKey },
                { parent: this, additionalSecretOutputs: ["secret", "encryptedSecret"] },
            );
        }
        this.userName = this.user.name;
        this.userArn = pulumi.all([scope, this.user.name]).apply(([s, n]) => userArn(s, n, path));
        this.groupName = this.group ? this.group.name : pulumi.output(undefined);
        this.accessKeyId = this.accessKey ? this.accessKey.id : pulumi.output(undefined);
        const secret = !this.accessKey ? undefined : args.pgpKey ? this.accessKey.encryptedSecret : this.accessKey.secret;
        this.secretAccessKey = pulumi.secret(secret);
        this.registerOutputs({
            userName: this.userName,
            userArn: this.userArn,
            groupName: this.groupName,
            accessKeyId: this.accessKeyId,
            secretAccessKey: this.secretAccessKey,
        });
    }
}

/** The name of the group (and of its managed policy) of the user `userName`. */
export function groupNameOf(userName: string): string {
    return `${userName}-assume-only`;
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
    if (args.grantVia !== undefined && args.grantVia !== "group" && args.grantVia !== "inline") {
        throw new InvalidArgumentError(`${label}: grantVia ${JSON.stringify(args.grantVia)} is not a way to grant. Fix: use "group" (the default) or "inline".`);
    }
    if (args.pgpKey !== undefined && !args.createAccessKey) {
        throw new InvalidArgumentError(`${label}: pgpKey is set but createAccessKey is not. Fix: set createAccessKey: true, or drop pgpKey.`);
    }
    const known = args.roleArns.every(a => typeof a === "string");
    checkUserPolicySize(label, args, args.roleArns.map(a => (typeof a === "string" ? a : SHORTEST_ROLE_ARN)), !known);
}

/** What holds the user's policy (`group's managed policy`, `inline policy`), and the IAM quota on its size. */
export function userPolicyHolder(args: Pick<AssumeOnlyUserArgs, "grantVia">): { readonly noun: string; readonly quota: Quota } {
    return (args.grantVia ?? "group") === "group" ? { noun: "group's managed policy", quota: MANAGED_POLICY_QUOTA } : { noun: "inline policy", quota: USER_INLINE_QUOTA };
}

/** Refuses the user's policy when IAM's quota on its size would refuse it (see ./quotas.ts). */
function checkUserPolicySize(label: string, args: AssumeOnlyUserArgs, roleArns: readonly string[], estimated: boolean): void {
    const cidrs = args.allowedSourceCidrs ?? [];
    const cause = `${roleArns.length} role ARN${roleArns.length === 1 ? "" : "s"}, ${cidrs.length} CIDR${cidrs.length === 1 ? "" : "s"} in allowedSourceCidrs`;
    const { noun, quota } = userPolicyHolder(args);
    checkQuota(label, `its ${noun}`, assumeOnlyUserDocument(args, roleArns), quota, cause, fewerCidrsFix("allowedSourceCidrs"), estimated);
}

/** The user's policy for `args` (the group's or the inline one: the same document), with the role ARNs resolved. */
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
