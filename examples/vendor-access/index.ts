/**
 * Reuse across stacks: this program consumes assume-guard the way any outside program would,
 * through the package's `exports` (`assume-guard/components`), and builds the customer side of a
 * cross-account integration.
 */
import * as pulumi from "@pulumi/pulumi";
import { CrossAccountRole, renderCliProfile } from "assume-guard/components";

export = async () => {
    const config = new pulumi.Config();
    const role = new CrossAccountRole("vendor", {
        vendorAccountId: config.require("vendorAccountId"),
        externalId: config.get("externalId") || undefined,
        bucketAccess: { bucket: config.require("exportBucket"), prefix: config.get("exportPrefix") || undefined },
    });
    return {
        roleArn: role.roleArn,
        externalId: role.externalId,
        // What the vendor puts in its ~/.aws/config (its own credentials as the source profile).
        vendorCliProfile: pulumi.all([role.roleArn, role.externalId]).apply(([roleArn, externalId]) =>
            renderCliProfile({ profileName: `customer-${pulumi.getStack()}`, roleArn, sourceProfile: "vendor", externalId, durationSeconds: 3600 }),
        ),
    };
};
