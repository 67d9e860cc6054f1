/**
 * Principal analysis: what kind of AWS principal a `Principal` entry names, and its account.
 */
import { PrincipalSet } from "./document";

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

const ACCOUNT_ID = /^\d{12}$/;
const IAM_ARN = /^arn:[^:]+:(iam|sts)::([^:]*):(.+)$/;

/** Classifies one `AWS` principal entry (`*`, an account ID, or an IAM/STS ARN). */
export function classifyAwsPrincipal(raw: string): AwsPrincipal {
    if (raw === "*") {
        return { raw, kind: "any" };
    }
    if (ACCOUNT_ID.test(raw)) {
        return { raw, kind: "account", account: raw };
    }
    const m = IAM_ARN.exec(raw);
    if (!m) {
        return { raw, kind: "other" };
    }
    const account = ACCOUNT_ID.test(m[2]) ? m[2] : undefined;
    if (m[2].includes("*")) {
        return { raw, kind: "any" };
    }
    const resource = m[3];
    const name = resource.slice(resource.lastIndexOf("/") + 1);
    const kind: AwsPrincipalKind =
        resource === "root"
            ? "account"
            : m[1] === "iam" && resource.startsWith("user/")
              ? "user"
              : m[1] === "iam" && resource.startsWith("role/")
                ? "role"
                : m[1] === "sts" && resource.startsWith("assumed-role/")
                  ? "assumed-role"
                  : m[1] === "sts" && resource.startsWith("federated-user/")
                    ? "federated-user"
                    : "other";
    return { raw, kind, ...(account ? { account } : {}), ...(kind === "user" || kind === "role" ? { name } : {}) };
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

/** The account IDs (12 digits) found in any ARN or account-ID string, in order of appearance. */
export function accountIdsIn(text: string): string[] {
    const out: string[] = [];
    const re = /arn:[^:\s"]+:[^:\s"]+:[^:\s"]*:(\d{12}):/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
        out.push(m[1]);
    }
    return out;
}
