import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { accountRootArn, roleArn } from "./iam/arns";
import { trustPolicy } from "./iam/documents";
import { checkQuota, fewerCidrsFix, SHORTEST_PRINCIPAL_ARN, TRUST_POLICY_CHARS, trustQuota } from "./quotas";
import { scopeOf } from "./scope";
import {
    checkCidrs,
    checkExternalId,
    checkIamName,
    checkIamPath,
    checkPrincipal,
    checkSeconds,
    InvalidArgumentError,
} from "./validation";

/** Arguments of {@link GuardedRole}. At least one of sourceCidrs, externalIds and requireMfa is required. */
export interface GuardedRoleArgs {
    /**
     * Who may assume the role: IAM user or role ARNs, account root ARNs, or 12-digit account IDs
     * (rendered as `arn:<partition>:iam::<id>:root`). Never `*`.
     */
    readonly trustedPrincipals: pulumi.Input<string>[];
    /**
     * `IpAddress aws:SourceIp`: the caller must connect from one of these CIDRs.
     * @default no network condition
     */
    readonly sourceCidrs?: readonly string[];
    /**
     * `StringEquals sts:ExternalId`: the caller must pass one of these IDs (cross-account vendors).
     * @default no external ID condition
     */
    readonly externalIds?: pulumi.Input<string>[];
    /**
     * `Bool aws:MultiFactorAuthPresent true`: the caller must have signed in with MFA.
     * @default false
     */
    readonly requireMfa?: boolean;
    /**
     * With `requireMfa`, `NumericLessThan aws:MultiFactorAuthAge`: how old the MFA sign-in may be.
     * @default no age limit
     */
    readonly maxMfaAgeSeconds?: number;
    /**
     * The longest session the role grants, 3,600 to 43,200 seconds.
     * @default 3600
     */
    readonly maxSessionDuration?: number;
    /**
     * A permissions boundary policy ARN for the role.
     * @default none
     */
    readonly permissionsBoundary?: pulumi.Input<string>;
    /**
     * Managed policy ARNs to attach, for example AdministratorAccess for an operator role.
     * @default none: grant data through ScopedTable.grantRead / grantReadWrite instead
     */
    readonly managedPolicyArns?: pulumi.Input<string>[];
    /**
     * Also trust `sts:TagSession`, for callers that pass session tags.
     * @default false
     */
    readonly allowTagSession?: boolean;
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
    /**
     * The account's "Role trust policy length" quota, when raised through Service Quotas (AWS allows
     * up to 4,096 characters). A trust policy over it is refused before anything is registered.
     * @default 2048, AWS's default quota
     */
    readonly maxTrustPolicyCharacters?: number;
    /**
     * The role's description.
     * @default none
     */
    readonly description?: pulumi.Input<string>;
    /**
     * Tags for the role.
     * @default none
     */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** A role whose trust policy admits its principals only under conditions: source IP, external ID, MFA. */
export class GuardedRole extends pulumi.ComponentResource {
    /** The IAM role. */
    public readonly role: aws.iam.Role;
    /** The component's name; grants name their children after it. */
    public readonly logicalName: string;
    /** The role's name. */
    public readonly roleName: pulumi.Output<string>;
    /** The role's ARN, built from account, partition and name: known at preview time. */
    public readonly roleArn: pulumi.Output<string>;

    constructor(name: string, args: GuardedRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        validateGuardedRoleArgs(name, args);
        super("assume-guard:iam:GuardedRole", name, {}, opts);
        this.logicalName = name;
        const path = args.path ?? "/";
        const scope = scopeOf(this);
        this.role = new aws.iam.Role(
            `${name}-role`,
            {
                name: args.roleName ?? name,
                path,
                description: args.description,
                assumeRolePolicy: renderTrust(name, args, scope.partition),
                maxSessionDuration: args.maxSessionDuration ?? 3600,
                permissionsBoundary: args.permissionsBoundary,
                tags: args.tags,
            },
            { parent: this },
        );
        (args.managedPolicyArns ?? []).forEach(
            (policyArn, i) =>
                new aws.iam.RolePolicyAttachment(`${name}-managed-${i}`, { role: this.role.name, policyArn }, { parent: this }),
        );
        this.roleName = this.role.name;
        this.roleArn = pulumi.all([scope, this.role.name]).apply(([s, n]) => roleArn(s, n, path));
        this.registerOutputs({ roleName: this.roleName, roleArn: this.roleArn });
    }
}

/** Validates {@link GuardedRoleArgs} before anything is registered. */
export function validateGuardedRoleArgs(name: string, args: GuardedRoleArgs): void {
    const label = `GuardedRole '${name}'`;
    if (args.trustedPrincipals.length === 0) {
        throw new InvalidArgumentError(`${label}: trustedPrincipals is empty. Fix: list the user, role or account ARNs that may assume this role.`);
    }
    args.trustedPrincipals.forEach((p, i) => {
        if (typeof p === "string") {
            checkPrincipal(`${label}: trustedPrincipals[${i}]`, p);
        }
    });
    const hasCidrs = args.sourceCidrs !== undefined && args.sourceCidrs.length > 0;
    const hasExternalIds = args.externalIds !== undefined && args.externalIds.length > 0;
    if (!hasCidrs && !hasExternalIds && !args.requireMfa) {
        throw new InvalidArgumentError(
            `${label}: set at least one of sourceCidrs, externalIds or requireMfa; a role whose trust binds no condition is refused.`,
        );
    }
    if (args.sourceCidrs !== undefined) {
        checkCidrs(`${label}: sourceCidrs`, args.sourceCidrs);
    }
    (args.externalIds ?? []).forEach((id, i) => {
        if (typeof id === "string") {
            checkExternalId(`${label}: externalIds[${i}]`, id);
        }
    });
    if (args.maxMfaAgeSeconds !== undefined) {
        if (!args.requireMfa) {
            throw new InvalidArgumentError(`${label}: maxMfaAgeSeconds is set but requireMfa is not. Fix: set requireMfa: true, or drop maxMfaAgeSeconds.`);
        }
        checkSeconds(`${label}: maxMfaAgeSeconds`, args.maxMfaAgeSeconds, 60, 129600);
    }
    if (args.maxSessionDuration !== undefined) {
        checkSeconds(`${label}: maxSessionDuration`, args.maxSessionDuration, 3600, 43200);
    }
    if (args.roleName !== undefined) {
        checkIamName(`${label}: roleName`, args.roleName, 64);
    }
    if (args.path !== undefined) {
        checkIamPath(`${label}: path`, args.path);
    }
    const quota = args.maxTrustPolicyCharacters;
    if (quota !== undefined && (!Number.isInteger(quota) || quota < TRUST_POLICY_CHARS.default || quota > TRUST_POLICY_CHARS.maximum)) {
        throw new InvalidArgumentError(
            `${label}: maxTrustPolicyCharacters ${quota} is not a trust policy quota AWS grants. Fix: set your account's "Role trust policy length" quota, from ${TRUST_POLICY_CHARS.default} to ${TRUST_POLICY_CHARS.maximum}, or leave it unset.`,
        );
    }
    const known = (args.externalIds ?? []).every(id => typeof id === "string") && args.trustedPrincipals.every(p => typeof p === "string");
    const principals = args.trustedPrincipals.map(p => (typeof p === "string" ? p : SHORTEST_PRINCIPAL_ARN));
    const externalIds = (args.externalIds ?? []).map(id => (typeof id === "string" ? id : "xx"));
    // The partition is not known yet either: "aws" is the shortest, for account IDs rendered as root ARNs.
    checkTrustSize(label, args, trustDocument(args, "aws", principals, externalIds), !known || principals.some(p => /^\d{12}$/.test(p)));
}

/** Refuses a trust policy over the account's trust policy quota (see ./quotas.ts). */
function checkTrustSize(label: string, args: GuardedRoleArgs, doc: string, estimated: boolean): void {
    const cause = `${args.trustedPrincipals.length} principal${args.trustedPrincipals.length === 1 ? "" : "s"}, ${(args.sourceCidrs ?? []).length} CIDRs in sourceCidrs, ${(args.externalIds ?? []).length} external IDs`;
    const fix = `${fewerCidrsFix("sourceCidrs")}; or trust fewer principals, or raise the account's "Role trust policy length" quota and set maxTrustPolicyCharacters`;
    checkQuota(label, "its trust policy", doc, trustQuota(args.maxTrustPolicyCharacters), cause, fix, estimated);
}

/** The trust policy for resolved principals and external IDs (account IDs become root ARNs in `partition`). */
export function trustDocument(args: GuardedRoleArgs, partition: string, principals: readonly string[], externalIds: readonly string[]): string {
    return trustPolicy({
        principalArns: principals.map(p => (/^\d{12}$/.test(p) ? accountRootArn(partition, p) : p)),
        sourceCidrs: args.sourceCidrs,
        externalIds,
        requireMfa: args.requireMfa,
        maxMfaAgeSeconds: args.maxMfaAgeSeconds,
        allowTagSession: args.allowTagSession,
    });
}

function renderTrust(name: string, args: GuardedRoleArgs, partition: pulumi.Output<string>): pulumi.Output<string> {
    const label = `GuardedRole '${name}'`;
    return pulumi
        .all([partition, pulumi.all(args.trustedPrincipals), pulumi.all(args.externalIds ?? [])])
        .apply(([part, principals, externalIds]) => {
            principals.forEach((p, i) => checkPrincipal(`${label}: trustedPrincipals[${i}]`, p));
            externalIds.forEach((id, i) => checkExternalId(`${label}: externalIds[${i}]`, id));
            const doc = trustDocument(args, part, principals, externalIds);
            checkTrustSize(label, args, doc, false);
            return doc;
        });
}
