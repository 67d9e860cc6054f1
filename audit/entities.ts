/**
 * One entity of a `get-account-authorization-details` page at a time (UserDetail, GroupDetail,
 * RoleDetail, ManagedPolicyDetail in the IAM API reference), checked field by field and normalised.
 * Fields the audit does not read (IDs, dates, instance profiles, last use) are not checked.
 */
import { isAwsManagedArn } from "../policypack/lib/managed";
import { classifyArn, parseArn } from "../policypack/lib/arn";
import { GroupEntity, InlinePolicy, ManagedPolicyEntity, RoleEntity, UserEntity } from "./account";
import { At, list, object, optionalBoolean, optionalText, policyDocument, text } from "./input";

/** The four entity lists of a page, with the name field of their entries. */
export const LISTS = {
    users: { key: "UserDetailList", name: "UserName" },
    groups: { key: "GroupDetailList", name: "GroupName" },
    roles: { key: "RoleDetailList", name: "RoleName" },
    policies: { key: "Policies", name: "PolicyName" },
} as const;

type Kind = "user" | "group" | "role";

/** `UserDetailList[3] (alice)`: where an entry is, named once its name is read. */
export function entryAt(page: At, listKey: string, index: number, entry: Record<string, unknown>, nameKey: string): At {
    const name = entry[nameKey];
    return page.at(listKey).at(`[${index}]${typeof name === "string" && name !== "" ? ` (${name})` : ""}`);
}

/** Reads a UserDetail. */
export function readUser(raw: unknown, at: At): UserEntity {
    const o = object(raw, at);
    return {
        ...principal(o, at, "user", "UserName", "UserPolicyList"),
        groups: list(o, "GroupList", at).map((g, i) => {
            if (typeof g !== "string" || g === "") {
                return at.at("GroupList").at(`[${i}]`).fail("is not a group name");
            }
            return g;
        }),
        ...boundary(o, at),
        tags: tags(o, at),
    };
}

/** Reads a GroupDetail. */
export function readGroup(raw: unknown, at: At): GroupEntity {
    return principal(object(raw, at), at, "group", "GroupName", "GroupPolicyList");
}

/** Reads a RoleDetail. */
export function readRole(raw: unknown, at: At): RoleEntity {
    const o = object(raw, at);
    return {
        ...principal(o, at, "role", "RoleName", "RolePolicyList"),
        trust: policyDocument(o.AssumeRolePolicyDocument, at.at("AssumeRolePolicyDocument")),
        ...boundary(o, at),
        tags: tags(o, at),
    };
}

/** Reads a ManagedPolicyDetail: its default version only (the one `IsDefaultVersion` marks). */
export function readPolicy(raw: unknown, at: At): ManagedPolicyEntity {
    const o = object(raw, at);
    const name = text(o, "PolicyName", at);
    const arn = text(o, "Arn", at);
    const a = parseArn(arn);
    const kind = a ? classifyArn(a) : undefined;
    if (!a || (kind !== "iam-policy" && kind !== "iam-aws-managed-policy") || a.name !== name) {
        at.at("Arn").fail(`${JSON.stringify(arn)} is not the ARN of a managed policy named ${JSON.stringify(name)}`);
    }
    const versions = list(o, "PolicyVersionList", at).map((v, i) => {
        const vAt = at.at("PolicyVersionList").at(`[${i}]`);
        const version = object(v, vAt);
        return { raw: version, at: vAt, isDefault: optionalBoolean(version, "IsDefaultVersion", vAt) === true };
    });
    const defaults = versions.filter(v => v.isDefault);
    if (defaults.length !== 1) {
        at.at("PolicyVersionList").fail(`marks ${defaults.length} versions as the default (IsDefaultVersion true); exactly one is`);
    }
    const chosen = defaults[0];
    const versionId = text(chosen.raw, "VersionId", chosen.at);
    const declared = optionalText(o, "DefaultVersionId", at);
    if (declared !== undefined && declared !== versionId) {
        at.at("DefaultVersionId").fail(`is ${JSON.stringify(declared)}, but the version marked IsDefaultVersion is ${JSON.stringify(versionId)}`);
    }
    return {
        name,
        arn,
        path: optionalText(o, "Path", at) ?? "/",
        document: policyDocument(chosen.raw.Document, chosen.at.at("Document")),
        defaultVersion: versionId,
        awsManaged: isAwsManagedArn(arn),
        where: at.where,
    };
}

function principal(o: Record<string, unknown>, at: At, kind: Kind, nameKey: string, inlineKey: string) {
    const name = text(o, nameKey, at);
    const arn = text(o, "Arn", at);
    const path = optionalText(o, "Path", at) ?? "/";
    const a = parseArn(arn);
    const k = a ? classifyArn(a) : undefined;
    const kindOk = k === `iam-${kind}` || (kind === "role" && k === "iam-service-linked-role");
    if (!a || !kindOk || a.name !== name || a.path !== path) {
        at.at("Arn").fail(`${JSON.stringify(arn)} is not the ARN of the ${kind} ${JSON.stringify(name)} with path ${JSON.stringify(path)}`);
    }
    const inline: InlinePolicy[] = list(o, inlineKey, at).map((p, i) => {
        const pAt = at.at(inlineKey).at(`[${i}]`);
        const entry = object(p, pAt);
        return { name: text(entry, "PolicyName", pAt), document: policyDocument(entry.PolicyDocument, pAt.at("PolicyDocument")) };
    });
    // Attaching a policy twice is attaching it once: a repeated ARN (hand-made files have them) is read once.
    const attached = [
        ...new Set(
            list(o, "AttachedManagedPolicies", at).map((p, i) => {
                const pAt = at.at("AttachedManagedPolicies").at(`[${i}]`);
                return text(object(p, pAt), "PolicyArn", pAt);
            }),
        ),
    ];
    return { name, arn, path, inline, attached, where: at.where };
}

function boundary(o: Record<string, unknown>, at: At): { boundary?: string } {
    const b = o.PermissionsBoundary;
    if (b === undefined || b === null) {
        return {};
    }
    const bAt = at.at("PermissionsBoundary");
    return { boundary: text(object(b, bAt), "PermissionsBoundaryArn", bAt) };
}

function tags(o: Record<string, unknown>, at: At): Record<string, string> {
    const out: Record<string, string> = {};
    list(o, "Tags", at).forEach((t, i) => {
        const tAt = at.at("Tags").at(`[${i}]`);
        const tag = object(t, tAt);
        const value = tag.Value;
        out[text(tag, "Key", tAt)] = typeof value === "string" ? value : tAt.at("Value").fail("is not a string");
    });
    return out;
}
