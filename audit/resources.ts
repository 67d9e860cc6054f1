/**
 * The account as resources the pack already understands, named as the gate names them
 * (`aws:iam/user:User alice`), so that the pack's own rules judge it unchanged:
 * - a user: `User` (name, ARN, path, permissions boundary, tags), a `UserPolicy` per inline policy
 *   (named `<user>:<policy>`, its import ID), a `UserPolicyAttachment` per attached policy
 *   (`<user>/<policy name>`), a `UserGroupMembership` for its groups (named after the user);
 * - a group: `Group`, `GroupPolicy`, `GroupPolicyAttachment`, the same way;
 * - a role: `Role` with its trust policy (and boundary, tags), `RolePolicy`, `RolePolicyAttachment`;
 * - a customer managed policy: `Policy` with its default version's document.
 * AWS managed policies are not resources: the rules resolve their ARNs (the account's own copies
 * first, see audit.ts). Permissions boundaries are recorded on the principal, which is where the
 * provider keeps them; the pack does not read them (see the README: a boundary only narrows).
 */
import { HostResource } from "../policypack/host";
import { parseArn } from "../policypack/lib/arn";
import { Account, PrincipalEntity } from "./account";

/** What each resource stands for in the account. */
export interface Entity {
    readonly kind: "user" | "group" | "role" | "policy";
    readonly name: string;
}

/** The resources, and the entity each URN belongs to. */
export interface AccountResources {
    readonly resources: HostResource[];
    readonly entities: ReadonlyMap<string, Entity>;
}

/** The Pulumi types used, by role. */
export const TYPES = {
    user: "aws:iam/user:User",
    userPolicy: "aws:iam/userPolicy:UserPolicy",
    userAttachment: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    membership: "aws:iam/userGroupMembership:UserGroupMembership",
    group: "aws:iam/group:Group",
    groupPolicy: "aws:iam/groupPolicy:GroupPolicy",
    groupAttachment: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    roleAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    policy: "aws:iam/policy:Policy",
} as const;

/** Builds the resources of `account`. */
export function accountResources(account: Account): AccountResources {
    const resources: HostResource[] = [];
    const entities = new Map<string, Entity>();
    const prefix = `urn:pulumi:audit::aws-account-${account.id}::`;
    const add = (entity: Entity, type: string, name: string, props: Record<string, unknown>) => {
        const urn = `${prefix}${type}::${name}`;
        resources.push({ urn, type, name, props });
        entities.set(urn, entity);
    };
    const children = (entity: Entity, e: PrincipalEntity, key: string, types: { policy: string; attachment: string }) => {
        for (const p of e.inline) {
            add(entity, types.policy, `${e.name}:${p.name}`, { [key]: e.name, name: p.name, policy: p.document });
        }
        for (const [name, arn] of attachmentNames(e)) {
            add(entity, types.attachment, name, { [key]: e.name, policyArn: arn });
        }
    };
    for (const p of account.policies.filter(x => !x.awsManaged)) {
        add({ kind: "policy", name: p.name }, TYPES.policy, p.name, { name: p.name, arn: p.arn, path: p.path, policy: p.document });
    }
    for (const g of account.groups) {
        const entity: Entity = { kind: "group", name: g.name };
        add(entity, TYPES.group, g.name, { name: g.name, arn: g.arn, path: g.path });
        children(entity, g, "group", { policy: TYPES.groupPolicy, attachment: TYPES.groupAttachment });
    }
    for (const r of account.roles) {
        const entity: Entity = { kind: "role", name: r.name };
        add(entity, TYPES.role, r.name, { name: r.name, arn: r.arn, path: r.path, assumeRolePolicy: r.trust, ...extras(r) });
        children(entity, r, "role", { policy: TYPES.rolePolicy, attachment: TYPES.roleAttachment });
    }
    for (const u of account.users) {
        const entity: Entity = { kind: "user", name: u.name };
        add(entity, TYPES.user, u.name, { name: u.name, arn: u.arn, path: u.path, ...extras(u) });
        children(entity, u, "user", { policy: TYPES.userPolicy, attachment: TYPES.userAttachment });
        if (u.groups.length > 0) {
            add(entity, TYPES.membership, u.name, { user: u.name, groups: [...u.groups] });
        }
    }
    return { resources, entities };
}

/** `<entity>/<policy name>` for each attached ARN; the policy's path and owner are added where two names meet. */
export function attachmentNames(e: Pick<PrincipalEntity, "name" | "attached">): [string, string][] {
    const short = (arn: string) => parseArn(arn)?.name ?? arn;
    const count = new Map<string, number>();
    e.attached.forEach(arn => count.set(short(arn), (count.get(short(arn)) ?? 0) + 1));
    return e.attached.map(arn => {
        const a = parseArn(arn);
        const name = (count.get(short(arn)) ?? 0) > 1 && a ? `${a.account}${a.resource.slice("policy".length)}` : short(arn);
        return [`${e.name}/${name}`, arn];
    });
}

function extras(e: { readonly boundary?: string; readonly tags: Readonly<Record<string, string>> }): Record<string, unknown> {
    return { ...(e.boundary ? { permissionsBoundary: e.boundary } : {}), ...(Object.keys(e.tags).length > 0 ? { tags: { ...e.tags } } : {}) };
}
