/**
 * Principal analysis: what kind of AWS principal a `Principal` entry names, and, for `*`, what the
 * statement's conditions narrow it to before it is widened to "everyone" (IAM User Guide, "AWS
 * global condition context keys": aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalOrgID, and
 * aws:SourceArn, aws:SourceAccount, aws:SourceOrgID, aws:SourceOrgPaths, which are "only available
 * when the call to your resource is made directly by an AWS service principal", as is SNS's
 * AWS:SourceOwner; S3 User Guide, "Delegating access control to access points": s3:DataAccessPointAccount).
 */
import { classifyArn, isAccountId, parseArn } from "./arn";
import { parseOperator } from "./conditions";
import { PrincipalSet, Statement } from "./document";

/** What an `AWS` principal entry names. */
export type AwsPrincipalKind = "any" | "account" | "user" | "role" | "assumed-role" | "federated-user" | "other";

/** An `AWS` principal entry, classified. `account` is absent for `*` and for unparseable entries. */
export interface AwsPrincipal {
    readonly raw: string;
    readonly kind: AwsPrincipalKind;
    readonly account?: string;
    /** The last path segment of a user or role ARN: its name. */
    readonly name?: string;
}

const KINDS: Readonly<Record<string, AwsPrincipalKind>> = {
    "iam-root": "account",
    "iam-user": "user",
    "iam-role": "role",
    "iam-service-linked-role": "role",
    "sts-assumed-role": "assumed-role",
    "sts-federated-user": "federated-user",
};

/** Classifies one `AWS` principal entry (`*`, an account ID, or an IAM/STS ARN). */
export function classifyAwsPrincipal(raw: string): AwsPrincipal {
    if (raw === "*") {
        return { raw, kind: "any" };
    }
    if (isAccountId(raw)) {
        return { raw, kind: "account", account: raw };
    }
    const arn = parseArn(raw);
    if (!arn || (arn.service !== "iam" && arn.service !== "sts")) {
        return { raw, kind: "other" };
    }
    if (arn.account.includes("*")) {
        return { raw, kind: "any" };
    }
    const kind = KINDS[classifyArn(arn)] ?? "other";
    const account = isAccountId(arn.account) ? { account: arn.account } : {};
    return { raw, kind, ...account, ...(kind === "user" || kind === "role" ? { name: arn.name } : {}) };
}

/** The principals a statement admits. `NotPrincipal` admits everyone but a few, so it counts as `*`. */
export interface AdmittedPrincipals {
    readonly aws: readonly AwsPrincipal[];
    readonly services: readonly string[];
    readonly federated: readonly string[];
    /** `Principal: "*"`, `{"AWS": "*"}` or any `NotPrincipal`. */
    readonly anyone: boolean;
}

/** Classifies a statement's principals. */
export function admittedPrincipals(set: PrincipalSet | undefined): AdmittedPrincipals {
    if (!set) {
        return { aws: [], services: [], federated: [], anyone: false };
    }
    const anyone = set.negated || set.wildcard;
    const aws = set.aws.map(classifyAwsPrincipal);
    if (anyone && !aws.some(p => p.kind === "any")) {
        aws.push({ raw: "*", kind: "any" });
    }
    return { aws, services: set.negated ? [] : set.service, federated: set.negated ? [] : set.federated, anyone };
}

/** One binding clause on a principal key: the values, and how they compare. */
export interface PrincipalClause {
    readonly values: readonly string[];
    /** `*` and `?` are wildcards (…Like, and ArnEquals, which IAM compares as ArnLike). */
    readonly like: boolean;
    readonly arn: boolean;
    readonly ignoreCase: boolean;
}

/**
 * What a statement's conditions narrow `*` to. Each list holds clauses that are ANDed; a principal
 * passes a clause when one of its values matches. Only binding clauses narrow: a positive string
 * or ARN operator, no `IfExists`, no `ForAllValues`, no negation, and no value that is empty, only
 * wildcards or a policy variable (which the caller may choose).
 */
export interface Narrowing {
    readonly principalArn: readonly PrincipalClause[];
    readonly principalAccount: readonly PrincipalClause[];
    readonly principalOrgId: readonly PrincipalClause[];
    /** s3:DataAccessPointAccount: only requests through access points of these accounts. */
    readonly accessPointAccount: readonly PrincipalClause[];
    /** aws:SourceArn, aws:SourceAccount, …: only an AWS service calling for a resource, never a user's own request. */
    readonly serviceSource: readonly PrincipalClause[];
}

const NARROWING_KEYS: Readonly<Record<string, keyof Narrowing>> = {
    "aws:principalarn": "principalArn",
    "aws:principalaccount": "principalAccount",
    "aws:principalorgid": "principalOrgId",
    "s3:dataaccesspointaccount": "accessPointAccount",
    "aws:sourcearn": "serviceSource",
    "aws:sourceaccount": "serviceSource",
    "aws:sourceorgid": "serviceSource",
    "aws:sourceorgpaths": "serviceSource",
    "aws:sourceowner": "serviceSource",
};

/** The keys whose values are ARNs, which ArnEquals and ArnLike may compare. */
const ARN_KEYS: ReadonlySet<string> = new Set(["aws:principalarn", "aws:sourcearn"]);

const OPERATORS: Readonly<Record<string, Omit<PrincipalClause, "values">>> = {
    stringequals: { like: false, arn: false, ignoreCase: false },
    stringequalsignorecase: { like: false, arn: false, ignoreCase: true },
    stringlike: { like: true, arn: false, ignoreCase: false },
    arnequals: { like: true, arn: true, ignoreCase: false },
    arnlike: { like: true, arn: true, ignoreCase: false },
};

/** The binding narrowing clauses of a statement. */
export function narrowing(s: Statement): Narrowing {
    const out: Record<keyof Narrowing, PrincipalClause[]> = { principalArn: [], principalAccount: [], principalOrgId: [], accessPointAccount: [], serviceSource: [] };
    for (const c of s.conditions) {
        const key = NARROWING_KEYS[c.key.toLowerCase()];
        const op = parseOperator(c.operator);
        const spec = OPERATORS[op.base];
        if (!key || !spec || op.ifExists || op.set === "forallvalues" || (spec.arn && !ARN_KEYS.has(c.key.toLowerCase())) || c.values.length === 0) {
            continue;
        }
        const binds = c.values.every(v => v !== "" && !v.includes("${") && !(spec.like && /^[*?]+$/.test(v)));
        if (binds) {
            out[key].push({ values: c.values, ...spec });
        }
    }
    return out;
}
