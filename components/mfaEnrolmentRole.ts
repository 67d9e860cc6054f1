import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { mfaDeviceArn } from "./cliProfile";
import { GuardedRole } from "./guardedRole";
import { userArn } from "./iam/arns";
import { mfaEnrolmentPolicy } from "./iam/documents";
import { checkQuota, ROLE_INLINE_QUOTA } from "./quotas";
import { scopeOf } from "./scope";
import { checkCidrs, checkIamName, checkIamPath, checkPrincipal, checkSeconds, InvalidArgumentError } from "./validation";

/** Arguments of {@link MfaEnrolmentRole}. */
export interface MfaEnrolmentRoleArgs {
    /**
     * The IAM users whose MFA devices the role enrols, by name (an AssumeOnlyUser's `userName`). Each
     * device is the virtual device named after its user, `mfa/<userName>`, which the CLI profiles'
     * `mfa_serial` names.
     */
    readonly userNames: readonly string[];
    /**
     * The users' IAM path.
     * @default "/"
     */
    readonly userPath?: string;
    /**
     * Who may assume the role: administrators' IAM user or role ARNs, or account IDs (then any
     * principal of the account whose own policies allow it). Never one of `userNames`: a user that
     * may enrol its own device lets its leaked key enrol the attacker's.
     */
    readonly administrators: pulumi.Input<string>[];
    /** The networks the administrator must call from (the operator's office, as `officeCidrs`). */
    readonly sourceCidrs: readonly string[];
    /**
     * The oldest MFA sign-in accepted from the administrator, in seconds.
     * @default 3600
     */
    readonly maxMfaAgeSeconds?: number;
    /**
     * The IAM role name.
     * @default the component's name
     */
    readonly roleName?: string;
    /**
     * The IAM path of the role.
     * @default "/"
     */
    readonly path?: string;
}

/**
 * A role an administrator assumes, only with MFA and only from the given networks, to enrol (create,
 * enable, resync, deactivate, delete) the MFA devices of named users and of no one else. The users
 * themselves never get these actions (the pack's iam-user-no-mfa-self-management refuses them).
 */
export class MfaEnrolmentRole extends pulumi.ComponentResource {
    /** The underlying guarded role. */
    public readonly guarded: GuardedRole;
    /** The role's name. */
    public readonly roleName: pulumi.Output<string>;
    /** The role's ARN, built from account, partition and name: known at preview time. */
    public readonly roleArn: pulumi.Output<string>;

    constructor(name: string, args: MfaEnrolmentRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        validateMfaEnrolmentRoleArgs(name, args);
        super("assume-guard:iam:MfaEnrolmentRole", name, {}, opts);
        const scope = scopeOf(this);
        // An administrator known only later (an output) is checked once known.
        const administrators = args.administrators.map((a, i) => pulumi.output(a).apply(v => (checkNotEnrolled(name, i, v, args.userNames), v)));
        this.guarded = new GuardedRole(
            name,
            {
                roleName: args.roleName ?? name,
                path: args.path,
                trustedPrincipals: administrators,
                sourceCidrs: args.sourceCidrs,
                requireMfa: true,
                maxMfaAgeSeconds: args.maxMfaAgeSeconds ?? 3600,
                maxSessionDuration: 3600,
                description: `Enrols the MFA devices of ${args.userNames.join(", ")}: administrators only, with MFA, from the office.`,
            },
            { parent: this },
        );
        new aws.iam.RolePolicy(
            `${name}-enrol`,
            { role: this.guarded.roleName, name: "mfa-enrolment", policy: scope.apply(s => checkedDocument(name, args, s.partition, s.accountId, false)) },
            { parent: this },
        );
        this.roleName = this.guarded.roleName;
        this.roleArn = this.guarded.roleArn;
        this.registerOutputs({ roleName: this.roleName, roleArn: this.roleArn });
    }
}

/** The role's policy for the users, in an account. */
export function enrolmentDocument(userNames: readonly string[], userPath: string, partition: string, accountId: string): string {
    return mfaEnrolmentPolicy({
        userArns: userNames.map(n => userArn({ partition, accountId }, n, userPath)),
        deviceArns: userNames.map(n => mfaDeviceArn(partition, accountId, n)),
    });
}

/** Validates {@link MfaEnrolmentRoleArgs} before anything is registered. */
export function validateMfaEnrolmentRoleArgs(name: string, args: MfaEnrolmentRoleArgs): void {
    const label = `MfaEnrolmentRole '${name}'`;
    if (args.userNames.length === 0) {
        throw new InvalidArgumentError(`${label}: userNames is empty. Fix: name the users whose MFA devices the role enrols.`);
    }
    args.userNames.forEach((n, i) => checkIamName(`${label}: userNames[${i}]`, n, 64));
    if (args.userPath !== undefined) {
        checkIamPath(`${label}: userPath`, args.userPath);
    }
    if (args.administrators.length === 0) {
        throw new InvalidArgumentError(`${label}: administrators is empty. Fix: list the administrators' user or role ARNs (or the account ID) that may enrol the devices.`);
    }
    args.administrators.forEach((a, i) => {
        if (typeof a === "string") {
            checkPrincipal(`${label}: administrators[${i}]`, a);
            checkNotEnrolled(name, i, a, args.userNames);
        }
    });
    checkCidrs(`${label}: sourceCidrs`, args.sourceCidrs);
    if (args.maxMfaAgeSeconds !== undefined) {
        checkSeconds(`${label}: maxMfaAgeSeconds`, args.maxMfaAgeSeconds, 60, 129600);
    }
    if (args.roleName !== undefined) {
        checkIamName(`${label}: roleName`, args.roleName, 64);
    }
    if (args.path !== undefined) {
        checkIamPath(`${label}: path`, args.path);
    }
    // The shortest partition stands in for the one not known yet (every account ID has 12 digits): a lower bound, checked exactly once known.
    checkedDocument(name, args, "aws", "000000000000", true);
}

/** The role's policy, refused when over IAM's quota for a role's inline policies. */
function checkedDocument(name: string, args: MfaEnrolmentRoleArgs, partition: string, accountId: string, estimated: boolean): string {
    const doc = enrolmentDocument(args.userNames, args.userPath ?? "/", partition, accountId);
    const cause = `${args.userNames.length} user${args.userNames.length === 1 ? "" : "s"} in userNames`;
    checkQuota(`MfaEnrolmentRole '${name}'`, "its policy", doc, ROLE_INLINE_QUOTA, cause, "enrol fewer users per role", estimated);
    return doc;
}

/**
 * Refuses an administrator that is one of the enrolled users. It runs again once an administrator
 * given as an output is known (an apply), so that it fails the preview too.
 */
export function checkNotEnrolled(name: string, i: number, administrator: string, userNames: readonly string[]): void {
    const user = /^arn:[^:]+:iam::\d{12}:user\/(?:[^/]*\/)*([^/]+)$/.exec(administrator)?.[1];
    if (user !== undefined && userNames.some(n => n.toLowerCase() === user.toLowerCase())) {
        throw new InvalidArgumentError(
            `MfaEnrolmentRole '${name}': administrators[${i}] ${JSON.stringify(administrator)} is user '${user}', whose MFA device the role enrols. ` +
                "Fix: trust administrators only, never the users the role enrols: a leaked key of that user could enrol the attacker's device and meet every MFA condition.",
        );
    }
}
