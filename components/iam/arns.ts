/**
 * ARN builders. Components derive every ARN they put into a policy from the account ID, the
 * partition, the region and the resource's name, all of which are known at preview time, instead of
 * reading the `arn` output of a resource created in the same update (unknown until it exists).
 */

/** Where an ARN lives: the partition and account, plus the region for regional services. */
export interface ArnScope {
    /** The AWS partition: `aws`, `aws-cn` or `aws-us-gov`. */
    readonly partition: string;
    /** The 12-digit account ID. */
    readonly accountId: string;
}

/** The ARN of an IAM user. `path` defaults to `/`. */
export function userArn(scope: ArnScope, name: string, path = "/"): string {
    return `arn:${scope.partition}:iam::${scope.accountId}:user${path}${name}`;
}

/** The ARN of an IAM role. `path` defaults to `/`. */
export function roleArn(scope: ArnScope, name: string, path = "/"): string {
    return `arn:${scope.partition}:iam::${scope.accountId}:role${path}${name}`;
}

/** The ARN of a customer managed policy. `path` defaults to `/`. */
export function policyArn(scope: ArnScope, name: string, path = "/"): string {
    return `arn:${scope.partition}:iam::${scope.accountId}:policy${path}${name}`;
}

/** The root principal of an account: "any principal of this account that its own policies allow". */
export function accountRootArn(partition: string, accountId: string): string {
    return `arn:${partition}:iam::${accountId}:root`;
}

/** The ARN of a DynamoDB table. */
export function tableArn(scope: ArnScope & { readonly region: string }, name: string): string {
    return `arn:${scope.partition}:dynamodb:${scope.region}:${scope.accountId}:table/${name}`;
}

/** The ARN of an S3 bucket (global: no region, no account). */
export function bucketArn(partition: string, bucket: string): string {
    return `arn:${partition}:s3:::${bucket}`;
}

/** The partition a region belongs to, for the regions whose names say so. */
export function partitionOfRegion(region: string): string {
    if (region.startsWith("cn-")) {
        return "aws-cn";
    }
    if (region.startsWith("us-gov-")) {
        return "aws-us-gov";
    }
    return "aws";
}
