/**
 * The provider's ARN data source and its provider functions (`arn_parse`, `arn_build`,
 * `trim_iam_role_path`, `user_agent`), which compute from their arguments alone. ARNs are split as
 * the AWS SDK's `arn.Parse` splits them: `arn:` then five `:`-separated sections, the last one
 * keeping any further colons. A provider function invoked through `invokeSingle` answers
 * `{result}` (the SDK takes the first field).
 */
import { optional, required } from "../args";
import { InvokeFailure } from "../errors";
import { Computed } from "./context";

interface Arn {
    readonly partition: string;
    readonly service: string;
    readonly region: string;
    readonly accountId: string;
    readonly resource: string;
}

function parseArn(text: string): Arn {
    if (!text.startsWith("arn:")) {
        throw new InvokeFailure("arn: invalid prefix");
    }
    const [, partition, service, region, accountId, ...resource] = text.split(":");
    if (resource.length === 0) {
        throw new InvokeFailure("arn: not enough sections");
    }
    return { partition, service, region, accountId, resource: resource.join(":") };
}

function arnText(a: Arn): string {
    return `arn:${a.partition}:${a.service}:${a.region}:${a.accountId}:${a.resource}`;
}

/** `aws:index/getArn`. */
export const getArn: Computed = args => {
    const arn = parseArn(required(args.arn, "arn"));
    return { account: arn.accountId, arn: arnText(arn), id: arnText(arn), partition: arn.partition, region: arn.region, resource: arn.resource, service: arn.service };
};

/** `aws:index/arnParse` (provider function `arn_parse`). */
export const arnParse: Computed = args => ({ ...parseArn(required(args.arn, "arn")) });

/** `aws:index/arnBuild` (provider function `arn_build`). */
export const arnBuild: Computed = args => ({
    result: arnText({
        partition: required(args.partition, "partition"),
        service: required(args.service, "service"),
        region: required(args.region, "region"),
        accountId: required(args.accountId, "accountId"),
        resource: required(args.resource, "resource"),
    }),
});

/** `aws:index/trimIamRolePath` (provider function `trim_iam_role_path`): `role/a/b/name` → `role/name`. */
export const trimIamRolePath: Computed = args => {
    const arn = parseArn(required(args.arn, "arn"));
    if (arn.service !== "iam") {
        throw new InvokeFailure('service must be "iam"');
    }
    if (arn.region !== "") {
        throw new InvokeFailure("region must be empty");
    }
    if (!arn.resource.startsWith("role/")) {
        throw new InvokeFailure('resource must begin with "role/"');
    }
    return { result: arnText({ ...arn, resource: `role/${arn.resource.slice(arn.resource.lastIndexOf("/") + 1)}` }) };
};

/** `aws:index/userAgent` (provider function `user_agent`): `name/version (comment)`. */
export const userAgent: Computed = args => {
    const name = optional(args.productName, "productName") ?? "";
    const version = optional(args.productVersion, "productVersion") ?? "";
    const comment = optional(args.comment, "comment") ?? "";
    if (name === "") {
        throw new InvokeFailure("product_name must be set");
    }
    return { result: `${name}${version ? `/${version}` : ""}${comment ? ` (${comment})` : ""}` };
};
