import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

import { bucketArn } from "./iam/arns";
import { bucketReadPolicy } from "./iam/documents";
import { GuardedRole } from "./guardedRole";
import { scopeOf } from "./scope";
import { checkAccountId, checkExternalId, checkIamName, checkPrincipal, InvalidArgumentError } from "./validation";

/** Read-only access to one bucket, optionally under a key prefix. */
export interface BucketAccess {
    /** The bucket's name. */
    readonly bucket: string;
    /**
     * Only keys under this prefix, for example `exports/customer-42/`.
     * @default the whole bucket
     */
    readonly prefix?: string;
}

/** Arguments of {@link CrossAccountRole}. Give exactly one of vendorAccountId and vendorPrincipalArns. */
export interface CrossAccountRoleArgs {
    /** The vendor's 12-digit account: any principal the vendor's own policies allow may assume the role. */
    readonly vendorAccountId?: string;
    /** Or specific vendor role or user ARNs, narrower than a whole account. */
    readonly vendorPrincipalArns?: readonly string[];
    /**
     * The external ID the vendor gave this customer. Never empty, never a wildcard.
     * @default generated per customer with @pulumi/random and exposed as `externalId`
     */
    readonly externalId?: pulumi.Input<string>;
    /**
     * Read-only access to one bucket: `s3:GetObject` on `bucket/prefix*`, and `s3:ListBucket` and
     * `s3:ListBucketVersions` on the bucket, narrowed to the prefix.
     * @default none (grant a table with `ScopedTable.grantRead(crossAccountRole)` instead or as well)
     */
    readonly bucketAccess?: BucketAccess;
    /**
     * Also require the vendor to call from these CIDRs.
     * @default none: the external ID is the condition
     */
    readonly sourceCidrs?: readonly string[];
    /**
     * Allow a principal of this stack's own account. Cross-account roles are for other accounts; a
     * same-account principal usually signals a mistake.
     * @default false
     */
    readonly allowSameAccount?: boolean;
    /**
     * The role's maximum session, 3,600 to 43,200 seconds.
     * @default 3600
     */
    readonly maxSessionDuration?: number;
    /**
     * The IAM role name.
     * @default the component's name
     */
    readonly roleName?: string;
    /**
     * Tags for the role.
     * @default none
     */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * A customer-side role that a vendor's account assumes with a per-customer external ID, to read one
 * bucket (or a table, through `ScopedTable.grantRead`).
 */
export class CrossAccountRole extends pulumi.ComponentResource {
    /** The underlying guarded role. */
    public readonly guarded: GuardedRole;
    /** The component's name; grants name their children after it. */
    public readonly logicalName: string;
    /** The role's name. */
    public readonly roleName: pulumi.Output<string>;
    /** The role's ARN, for the vendor. */
    public readonly roleArn: pulumi.Output<string>;
    /** The external ID the vendor must pass: the given one, or the generated one. */
    public readonly externalId: pulumi.Output<string>;

    constructor(name: string, args: CrossAccountRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        validateCrossAccountRoleArgs(name, args);
        super("assume-guard:iam:CrossAccountRole", name, {}, opts);
        this.logicalName = name;
        const externalId =
            args.externalId ??
            new random.RandomString(`${name}-external-id`, { length: 32, special: false, upper: false }, { parent: this }).result;
        const vendor = args.vendorPrincipalArns ?? [args.vendorAccountId as string];
        const scope = scopeOf(this);
        // Each principal passes through the own-account check once the account is known.
        const trusted = vendor.map(p =>
            scope.apply(s => {
                checkVendorNotOwnAccount(name, [p], s.accountId, args.allowSameAccount ?? false);
                return p;
            }),
        );
        this.guarded = new GuardedRole(
            name,
            {
                roleName: args.roleName ?? name,
                trustedPrincipals: trusted,
                externalIds: [externalId],
                sourceCidrs: args.sourceCidrs,
                maxSessionDuration: args.maxSessionDuration,
                tags: args.tags,
            },
            { parent: this },
        );
        if (args.bucketAccess) {
            const access = args.bucketAccess;
            new aws.iam.RolePolicy(
                `${name}-bucket-read`,
                {
                    role: this.guarded.roleName,
                    name: `${access.bucket}-read`,
                    policy: scope.apply(s => bucketReadPolicy({ bucketArn: bucketArn(s.partition, access.bucket), prefix: access.prefix })),
                },
                { parent: this },
            );
        }
        this.roleName = this.guarded.roleName;
        this.roleArn = this.guarded.roleArn;
        this.externalId = pulumi.output(externalId);
        this.registerOutputs({ roleName: this.roleName, roleArn: this.roleArn, externalId: this.externalId });
    }
}

/** Validates {@link CrossAccountRoleArgs} before anything is registered. */
export function validateCrossAccountRoleArgs(name: string, args: CrossAccountRoleArgs): void {
    const label = `CrossAccountRole '${name}'`;
    if ((args.vendorAccountId === undefined) === (args.vendorPrincipalArns === undefined || args.vendorPrincipalArns.length === 0)) {
        throw new InvalidArgumentError(`${label}: give exactly one of vendorAccountId and vendorPrincipalArns. Fix: set the vendor's account ID, or list its role ARNs.`);
    }
    if (args.vendorAccountId !== undefined) {
        checkAccountId(`${label}: vendorAccountId`, args.vendorAccountId);
    }
    (args.vendorPrincipalArns ?? []).forEach((arn, i) => checkPrincipal(`${label}: vendorPrincipalArns[${i}]`, arn));
    if (typeof args.externalId === "string") {
        checkExternalId(`${label}: externalId`, args.externalId);
    }
    if (args.bucketAccess !== undefined && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(args.bucketAccess.bucket)) {
        throw new InvalidArgumentError(
            `${label}: bucketAccess.bucket ${JSON.stringify(args.bucketAccess.bucket)} is not a bucket name. Fix: use 3 to 63 lowercase letters, digits, dots and hyphens.`,
        );
    }
    if (args.bucketAccess?.prefix !== undefined && /[*?]/.test(args.bucketAccess.prefix)) {
        throw new InvalidArgumentError(
            `${label}: bucketAccess.prefix ${JSON.stringify(args.bucketAccess.prefix)} contains a wildcard. Fix: give a literal key prefix such as exports/customer-42/.`,
        );
    }
    if (args.roleName !== undefined) {
        checkIamName(`${label}: roleName`, args.roleName, 64);
    }
}

/**
 * Refuses a vendor principal in the stack's own account unless `allowed`. It runs once the account
 * is known (an invoke), so it fails the preview rather than the argument check. An account that is
 * not a 12-digit ID (unit-test mocks that answer `getCallerIdentity` with nothing) is no account to
 * compare with: the check passes, and the pack's cross-account rule still judges the trust.
 */
export function checkVendorNotOwnAccount(name: string, principals: readonly string[], ownAccount: string | undefined, allowed: boolean): void {
    if (ownAccount === undefined || !/^\d{12}$/.test(ownAccount)) {
        return;
    }
    const own = principals.find(p => p === ownAccount || p.split(":")[4] === ownAccount);
    if (own !== undefined && !allowed) {
        throw new InvalidArgumentError(
            `CrossAccountRole '${name}': ${JSON.stringify(own)} is in this stack's own account ${ownAccount}. ` +
                "Fix: use GuardedRole for principals of your own account, or set allowSameAccount: true if this is deliberate.",
        );
    }
}
