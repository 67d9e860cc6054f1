/**
 * The one ARN module: every part of the pack that reads an ARN, an account ID or a queue URL reads
 * it here. An ARN is `arn:partition:service:region:account:resource`; the resource is
 * `type/path/name`, `type:name` or a bare name (S3 buckets and objects), depending on the service
 * (AWS, "Amazon Resource Names" in the IAM User Guide, and each service's "resource types" table in
 * the Service Authorization Reference). {@link classifyArn} names the shapes the rules care about.
 */
import { globToRegex } from "./actions";

/** An ARN split into its parts. `account` and `region` are "" where the service has none. */
export interface Arn {
    readonly raw: string;
    readonly partition: string;
    readonly service: string;
    readonly region: string;
    readonly account: string;
    /** Everything after the fifth colon. */
    readonly resource: string;
    /** `user`, `role`, `table`, `accesspoint`, … ("" for a bare name, as S3 buckets have). */
    readonly resourceType: string;
    /** IAM paths: `/division/` for `role/division/name`; "/" otherwise. */
    readonly path: string;
    /** The last segment of the resource: a user's or role's name, a table's name, a bucket's name. */
    readonly name: string;
    /** True when any part holds `*` or `?` (a pattern, as in Resource or ArnLike). */
    readonly wildcard: boolean;
}

/** The shapes of ARN the pack tells apart. */
export type ArnKind =
    | "iam-user"
    | "iam-role"
    | "iam-service-linked-role"
    | "iam-group"
    | "iam-policy"
    | "iam-aws-managed-policy"
    | "iam-root"
    | "iam-other"
    | "cloudfront-origin-access-identity"
    | "sts-assumed-role"
    | "sts-federated-user"
    | "s3-bucket"
    | "s3-object"
    | "s3-access-point"
    | "s3-multi-region-access-point"
    | "s3-object-lambda-access-point"
    | "dynamodb-table"
    | "dynamodb-index"
    | "dynamodb-stream"
    | "dynamodb-table-part"
    | "other";

const ACCOUNT_ID = /^\d{12}$/;

/** True for a 12-digit AWS account ID. */
export function isAccountId(s: string): boolean {
    return ACCOUNT_ID.test(s);
}

/** Splits an ARN, or undefined when `s` is not `arn:` followed by five colon-separated fields. */
export function parseArn(s: string): Arn | undefined {
    const parts = splitSix(s);
    if (!parts) {
        return undefined;
    }
    const [, partition, service, region, account, resource] = parts;
    if (partition === "" || service === "" || resource === "") {
        return undefined;
    }
    const slash = resource.indexOf("/");
    const colon = resource.indexOf(":");
    const cut = slash < 0 ? colon : colon < 0 ? slash : Math.min(slash, colon);
    const resourceType = cut < 0 ? "" : resource.slice(0, cut);
    const rest = cut < 0 ? resource : resource.slice(cut + 1);
    const last = rest.lastIndexOf("/");
    const name = last < 0 ? rest : rest.slice(last + 1);
    const path = service === "iam" && last >= 0 ? `/${rest.slice(0, last + 1)}` : "/";
    return { raw: s, partition, service, region, account, resource, resourceType, path, name, wildcard: /[*?]/.test(s) };
}

/** What an ARN names (see {@link ArnKind}); "other" for shapes the pack does not distinguish. */
export function classifyArn(a: Arn): ArnKind {
    const t = a.resourceType;
    switch (a.service) {
        case "iam":
            if (a.resource === "root") {
                return "iam-root";
            }
            if (t === "policy") {
                return a.account === "aws" ? "iam-aws-managed-policy" : "iam-policy";
            }
            if (t === "role") {
                return a.path.startsWith("/aws-service-role/") ? "iam-service-linked-role" : "iam-role";
            }
            if (t === "user" && a.account === "cloudfront") {
                // `arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity <id>`: the principal a bucket
                // policy names a CloudFront origin access identity by (CloudFront Developer Guide, "Restrict access
                // to an Amazon S3 origin"). Only CloudFront acts as it; it is no IAM user and has no access keys.
                return "cloudfront-origin-access-identity";
            }
            return t === "user" ? "iam-user" : t === "group" ? "iam-group" : "iam-other";
        case "sts":
            return t === "assumed-role" ? "sts-assumed-role" : t === "federated-user" ? "sts-federated-user" : "other";
        case "s3":
            if (t === "accesspoint") {
                return a.region === "" ? "s3-multi-region-access-point" : "s3-access-point";
            }
            if (a.region === "" && a.account === "") {
                return a.resource.includes("/") ? "s3-object" : "s3-bucket";
            }
            return "other";
        case "s3-object-lambda":
            return t === "accesspoint" ? "s3-object-lambda-access-point" : "other";
        case "dynamodb":
            return t === "table" ? dynamoKind(a.resource) : "other";
        default:
            return "other";
    }
}

/** `table/t`, `table/t/index/i`, `table/t/stream/…`, and the table's other parts (export, import, backup). */
function dynamoKind(resource: string): ArnKind {
    const parts = resource.split("/");
    if (parts.length === 2) {
        return "dynamodb-table";
    }
    return parts[2] === "index" ? "dynamodb-index" : parts[2] === "stream" ? "dynamodb-stream" : "dynamodb-table-part";
}

/** Parses and classifies in one step; undefined for a string that is not an ARN. */
export function arnKind(s: string): ArnKind | undefined {
    const a = parseArn(s);
    return a ? classifyArn(a) : undefined;
}

/** The 12-digit account an ARN names, or undefined (none, `aws`, or a wildcard). */
export function accountOfArn(s: string): string | undefined {
    const a = parseArn(s);
    return a && isAccountId(a.account) ? a.account : undefined;
}

/** The account of an SQS queue URL (`https://sqs.<region>.amazonaws.com/<account>/<name>`), or undefined. */
export function accountOfQueueUrl(url: string): string | undefined {
    const m = /^https:\/\/(?:sqs\.[^/]+|[^/]*queue\.amazonaws\.com[^/]*)\/(\d{12})\/[^/]+$/.exec(url);
    return m ? m[1] : undefined;
}

/**
 * True when `pattern` matches `arn` as `ArnLike` compares them: each of the six colon-separated
 * fields separately, `*` and `?` within a field (the resource field may itself hold colons and
 * slashes, which `*` spans). Case-sensitive, as IAM compares ARNs.
 */
export function arnLike(pattern: string, arn: string): boolean {
    const p = splitSix(pattern);
    const a = splitSix(arn);
    if (!p || !a) {
        return false;
    }
    return p.every((field, i) => new RegExp(`^${globToRegex(field, "[\\s\\S]*")}$`).test(a[i]));
}

/** True when `pattern` matches `value` as `StringLike` does (the whole string, `*` and `?`). */
export function stringLike(pattern: string, value: string, ignoreCase = false): boolean {
    return new RegExp(`^${globToRegex(pattern, "[\\s\\S]*")}$`, ignoreCase ? "i" : "").test(value);
}

/** True when some string that `glob` matches (`*` any run, `?` one character, case-insensitively) starts with `prefix` (lower case). */
export function globMayStartWith(glob: string, prefix: string): boolean {
    let i = 0;
    for (const c of glob) {
        if (i >= prefix.length || c === "*") {
            return true;
        }
        if (c !== "?" && c.toLowerCase() !== prefix[i]) {
            return false;
        }
        i++;
    }
    return i >= prefix.length;
}

function splitSix(s: string): string[] | undefined {
    const out: string[] = [];
    let from = 0;
    for (let i = 0; i < 5; i++) {
        const at = s.indexOf(":", from);
        if (at < 0) {
            return undefined;
        }
        out.push(s.slice(from, at));
        from = at + 1;
    }
    out.push(s.slice(from));
    return out[0] === "arn" ? out : undefined;
}

/** Every 12-digit account named by an ARN (or given bare) among `values`, in order, without repeats. */
export function accountsIn(values: readonly string[]): string[] {
    const out = new Set<string>();
    for (const v of values) {
        const account = isAccountId(v) ? v : accountOfArn(v);
        if (account) {
            out.add(account);
        }
    }
    return [...out];
}

const IAM_NAME = /^[\w+=,.@-]{1,128}$/;

/**
 * True for one role's ARN written out: a 12-digit account, an IAM role name (`[\w+=,.@-]`), no
 * wildcard and no policy variable (`${…}` is substituted per request, so the caller could choose).
 */
export function isConcreteRoleArn(s: string): boolean {
    const a = parseArn(s);
    const kind = a ? classifyArn(a) : undefined;
    return a !== undefined && (kind === "iam-role" || kind === "iam-service-linked-role") && isAccountId(a.account) && !a.wildcard && !s.includes("${") && IAM_NAME.test(a.name);
}

/** A DynamoDB table ARN's parts: the table, and the part under it (`index`, `stream`, …) with its name. */
export interface TableArn {
    readonly arn: Arn;
    readonly table: string;
    readonly part?: string;
    readonly partName?: string;
}

/** Splits a DynamoDB `table/…` ARN, or undefined for any other string. */
export function tableArn(s: string): TableArn | undefined {
    const a = parseArn(s);
    if (!a || a.service !== "dynamodb" || a.resourceType !== "table") {
        return undefined;
    }
    const [, table, part, partName, ...rest] = a.resource.split("/");
    if (rest.length > 0 || (part !== undefined && partName === undefined)) {
        return undefined;
    }
    return { arn: a, table, ...(part !== undefined ? { part, partName } : {}) };
}
