import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { ArnScope } from "./iam/arns";

/** The account, partition and region a component deploys into, with the region for regional ARNs. */
export interface RegionalScope extends ArnScope {
    /** The region, for example `eu-west-1`. */
    readonly region: string;
}

/**
 * Reads the account, partition and region through the parent's provider. These are invokes, which
 * run during preview too, so every ARN built from them is known when CrossGuard judges the stack.
 */
export function scopeOf(parent: pulumi.Resource): pulumi.Output<RegionalScope> {
    return currentScope({ parent });
}

/**
 * The scope of the caller's default provider (or `opts.provider`), for ARNs a program needs before
 * the resource exists, such as a role ARN that a user's policy must name.
 */
export function currentScope(opts?: pulumi.InvokeOutputOptions): pulumi.Output<RegionalScope> {
    return pulumi
        .all([aws.getCallerIdentityOutput({}, opts), aws.getPartitionOutput({}, opts), aws.getRegionOutput({}, opts)])
        .apply(([identity, partition, region]) => ({
            accountId: identity.accountId,
            partition: partition.partition,
            region: region.region,
        }));
}
