/**
 * Example: a vendor reads one object from a customer's bucket through the cross-account role the
 * customer created (CrossAccountRole), with the client's auto-refreshing credentials.
 *
 *     AWS_REGION=eu-west-1 npx ts-node examples/client/read-object.ts \
 *         arn:aws:iam::123456789012:role/acme-vendor acme-3f9c1e7a acme-exports vendor/report.csv
 *
 * The vendor's own credentials (environment, profile, instance role) call AssumeRole; they need
 * nothing but sts:AssumeRole. Examples are not shipped: @aws-sdk/client-s3 is a devDependency.
 */
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { assumeRoleCredentials } from "../../client";

/** What the customer handed over, and the object to read. */
export interface ReadObjectArgs {
    /** ARN of the customer's role (the stack output `roleArn`). */
    readonly roleArn: string;
    /** The customer's external ID (the stack output `externalId`). */
    readonly externalId: string;
    /** The customer's bucket. */
    readonly bucket: string;
    /** The object's key, under the prefix the role grants. */
    readonly key: string;
    /** Region of the bucket, also used for STS. */
    readonly region: string;
}

/** Reads one object as UTF-8 text with credentials for the customer's role. */
export async function readObject(args: ReadObjectArgs): Promise<string> {
    const credentials = assumeRoleCredentials({ roleArn: args.roleArn, externalId: args.externalId, region: args.region, sessionName: "read-object" });
    const s3 = new S3Client({ region: args.region, credentials });
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: args.bucket, Key: args.key }));
    if (Body === undefined) {
        throw new Error(`s3://${args.bucket}/${args.key} came back without a body.`);
    }
    return Body.transformToString("utf-8");
}

if (require.main === module) {
    const [roleArn, externalId, bucket, key] = process.argv.slice(2);
    const region = process.env.AWS_REGION;
    if (key === undefined || !region) {
        console.error("usage: AWS_REGION=<region> read-object.ts <roleArn> <externalId> <bucket> <key>");
        process.exit(2);
    }
    readObject({ roleArn, externalId, bucket, key, region }).then(
        (text) => process.stdout.write(text),
        (error: unknown) => {
            console.error(error instanceof Error ? error.message : error);
            process.exit(1);
        },
    );
}
