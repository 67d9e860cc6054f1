/**
 * The stack config of a migration: what this project's stack (stack/config.ts) needs, read from the
 * user's current policies and the credential report, narrowed to what the user really reaches.
 * What the input cannot tell is left as a `<…>` placeholder that the program's own validation
 * refuses, so that no stack is deployed with a guess.
 */
import { DYNAMODB_READ_DATA_ACTIONS } from "../components/iam/actions";
import { checkCidrs } from "../components/validation";
import { reaches } from "../policypack/lib/actions";
import { parseArn, tableArn } from "../policypack/lib/arn";
import { clauseBinding, parseOperator } from "../policypack/lib/conditions";
import { Statement } from "../policypack/lib/document";
import { ReachPath } from "./blastRadius";
import { CredentialRow } from "./credentialReport";

/** A config value with the comment that says where it came from. */
export interface ConfigEntry {
    readonly key: string;
    readonly value: string | boolean | readonly string[];
    readonly comment: string;
    /** True when the value is a placeholder to fill. */
    readonly placeholder?: boolean;
}

/** The derived config, and what a person must know about it. */
export interface DerivedConfig {
    readonly entries: readonly ConfigEntry[];
    readonly table?: string;
    readonly notes: readonly string[];
}

/** Derives the config for `user` from its own statements (direct and through groups) and direct data paths. */
export function deriveConfig(o: { account: string; user: string; statements: readonly Statement[]; direct: readonly ReachPath[]; credentials?: CredentialRow }): DerivedConfig {
    const notes: string[] = [];
    const entries: ConfigEntry[] = [];
    const dynamo = o.direct.filter(p => p.actions.some(a => a.startsWith("dynamodb:")));
    const named = [...new Map(dynamo.flatMap(p => concreteTable(p.resource)).map(t => [t.name, t])).values()].sort((a, b) => a.name.localeCompare(b.name));
    const wildcard = dynamo.filter(p => concreteTable(p.resource).length === 0).map(p => p.resource);
    const region = regionOf(named, o.credentials);
    if (region) {
        entries.push({ key: "aws:region", value: region.value, comment: region.from });
    } else {
        notes.push("No region: no table ARN and no key use names one; set aws:region (or AWS_REGION) to the table's region.");
    }
    entries.push({ key: "assume-guard:accountId", value: o.account, comment: "the account of the authorization details; the program refuses credentials of any other" });
    entries.push({ key: "assume-guard:userName", value: o.user, comment: "adopt the existing user (see the import file)" });
    entries.push({ key: "assume-guard:namePrefix", value: o.user.slice(0, 40), comment: `the role is ${o.user.slice(0, 40)}-connector` });
    entries.push(cidrEntry(o.statements, notes));
    let table: string | undefined;
    if (named.length > 0 && wildcard.length === 0) {
        table = named[0].name;
        entries.push({ key: "assume-guard:tableName", value: table, comment: `the table ${o.user}'s policies name${named.length > 1 ? ` (first of ${named.length})` : ""}` });
        if (named.length > 1) {
            notes.push(`${o.user}'s policies name ${named.length} tables (${named.map(t => t.name).join(", ")}); this stack scopes one: run a migration stack per table, or give the others to the role yourself.`);
        }
    } else {
        const why = wildcard.length > 0 ? `its policies allow DynamoDB data actions on ${wildcard.slice(0, 2).join(", ")}, so which table the key holder uses cannot be read from them` : `its policies reach no DynamoDB table`;
        entries.push({ key: "assume-guard:tableName", value: `<the table ${o.user}'s key holder uses: ${why}>`, comment: "fill in", placeholder: true });
        notes.push(`tableName: ${why}.${named.length > 0 ? ` Tables named besides: ${named.map(t => t.name).join(", ")}.` : ""}`);
    }
    const reached = new Set(dynamo.flatMap(p => p.actions));
    const readOnly = reached.size > 0 && [...reached].every(a => DYNAMODB_READ_DATA_ACTIONS.some(r => r.toLowerCase() === a.toLowerCase()));
    if (readOnly) {
        notes.push(`${o.user} only reads DynamoDB items today; the stack's role may read and write its table.`);
    }
    if (o.statements.some(s => s.effect === "Allow" && reaches(s.actions, "dynamodb:ListTables"))) {
        entries.push({ key: "assume-guard:allowListTables", value: true, comment: `${o.user} may list tables today (Retool's connector needs it)` });
    }
    entries.push({ key: "assume-guard:createAccessKey", value: true, comment: "the new key the holder rotates onto" });
    const buckets = [...new Set(o.direct.filter(p => p.actions.some(a => a.startsWith("s3:"))).flatMap(p => bucketOf(p.resource)))].sort();
    if (buckets.length > 0) {
        notes.push(`${o.user} also reaches S3 (${buckets.join(", ")}); this stack scopes a DynamoDB table only: grant the role the bucket (CrossAccountRole's bucketAccess shows the pattern) before the old key goes.`);
    }
    return { entries, ...(table ? { table } : {}), notes };
}

/** `allowedCidrs` from the user's own source-IP conditions (an Allow's IpAddress, a Deny's NotIpAddress), or a placeholder. */
function cidrEntry(statements: readonly Statement[], notes: string[]): ConfigEntry {
    const key = "assume-guard:allowedCidrs";
    const cidrs = [
        ...new Set(
            statements.flatMap(s =>
                s.conditions
                    .filter(c => c.key.toLowerCase() === "aws:sourceip")
                    .filter(c => (s.effect === "Allow" ? clauseBinding(c) === "sourceIp" : parseOperator(c.operator).base === "notipaddress" && !parseOperator(c.operator).ifExists))
                    .flatMap(c => c.values.map(withPrefix)),
            ),
        ),
    ].sort();
    if (cidrs.length > 0) {
        try {
            checkCidrs(key, cidrs);
            return { key, value: cidrs, comment: "the source-IP conditions of the user's current policies" };
        } catch (e) {
            notes.push(`The user's current source-IP conditions cannot be used as they are: ${(e as Error).message}`);
        }
    }
    notes.push("allowedCidrs: the credential report records a key's last use by region and service, never by source IP; ask the key holder for its egress CIDRs, or read sourceIPAddress in CloudTrail.");
    return { key, value: ["<egress CIDR of the key holder, such as 203.0.113.0/24>"], comment: "fill in: the credential report has no source IP", placeholder: true };
}

function withPrefix(value: string): string {
    return value.includes("/") ? value : value.includes(":") ? `${value}/128` : `${value}/32`;
}

function concreteTable(resource: string): { name: string; region: string }[] {
    const t = tableArn(resource);
    return t && !/[*?]/.test(t.table) && !t.table.includes("${") ? [{ name: t.table, region: /[*?]/.test(t.arn.region) ? "" : t.arn.region }] : [];
}

function bucketOf(resource: string): string[] {
    const a = parseArn(resource);
    const bucket = a && a.service === "s3" && a.account === "" ? a.resource.split("/")[0] : undefined;
    return bucket && !/[*?]/.test(bucket) ? [bucket] : [];
}

/** The tables' one region, else the region the user's most recently used active key was last used in. */
function regionOf(tables: readonly { region: string }[], row: CredentialRow | undefined): { value: string; from: string } | undefined {
    const regions = [...new Set(tables.map(t => t.region).filter(r => r !== ""))];
    if (regions.length === 1) {
        return { value: regions[0], from: "the region of the table's ARN" };
    }
    const used = (row?.keys ?? []).filter(k => k.active && k.lastUsedRegion && k.lastUsedDate).sort((a, b) => (b.lastUsedDate as string).localeCompare(a.lastUsedDate as string));
    return used.length > 0 ? { value: used[0].lastUsedRegion as string, from: `where access key ${used[0].slot} was last used (credential report)` } : undefined;
}
