/**
 * The IAM documents a stack of the program really emits, collected from its resources under the
 * mocked runtime, for the access proofs: each user's identity policies (its inline policies, and
 * those of the groups it is a member of: their inline policies and the stack's customer managed
 * policies attached to them, which IAM evaluates as the member's own), each role's trust policy and
 * permission policies (AWS managed ARNs resolved through the pack's vendored documents). A path the
 * collector does not follow (attachments to users, boundaries, a policy defined outside the stack)
 * fails the proof rather than being left out silently.
 */
import * as fs from "fs";
import * as ipaddr from "ipaddr.js";
import * as yaml from "js-yaml";
import * as path from "path";

import { RecordedResource, runProgramMocked } from "../../gate/mockRuntime";
import { REPO_ROOT } from "../support/mocked";
import { Document } from "../support/simulate";

/** A user's name and ARN, and every identity policy it holds. */
export interface EmittedUser {
    readonly name: string;
    readonly arn: string;
    readonly policies: readonly Document[];
}

/** A role: its ARN, trust policy and permission policies. */
export interface EmittedRole {
    readonly name: string;
    readonly arn: string;
    readonly trust: Document;
    readonly policies: readonly Document[];
}

/** What a stack emits. */
export interface EmittedStack {
    readonly users: readonly EmittedUser[];
    readonly roles: readonly EmittedRole[];
    readonly outputs: Record<string, unknown>;
}

const MANAGED_FILE = path.join(REPO_ROOT, "policypack", "data", "aws-managed-policies.json");
let managed: Record<string, Record<string, unknown>> | undefined;

/** An AWS managed policy's document from the pack's vendored data; throws when it is not there. */
export function awsManagedDocument(arn: string): Record<string, unknown> {
    managed ??= (JSON.parse(fs.readFileSync(MANAGED_FILE, "utf8")) as { policies: Record<string, Record<string, unknown>> }).policies;
    const found = managed[arn.replace(/^arn:[^:]+:/, "arn:aws:")];
    if (!found) {
        throw new Error(`${arn} is not in the pack's vendored managed policies`);
    }
    return found;
}

const USER_PATH_TYPES = [
    "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
    "aws:iam/policyAttachment:PolicyAttachment",
    "aws:iam/groupMembership:GroupMembership",
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive",
];

function str(r: RecordedResource, key: string): string {
    const v = r.inputs[key];
    if (typeof v !== "string") {
        throw new Error(`${r.type} ${r.name}: ${key} is ${JSON.stringify(v)}, not a string`);
    }
    return v;
}

/** Collects users and roles from recorded resources. The account and partition come from the role ARN output. */
export function emitted(resources: readonly RecordedResource[], outputs: Record<string, unknown>): EmittedStack {
    const unfollowed = resources.filter(r => USER_PATH_TYPES.includes(r.type));
    if (unfollowed.length > 0) {
        throw new Error(`the proofs do not follow ${unfollowed.map(r => `${r.type} ${r.name}`).join(", ")}; extend test/access/emitted.ts`);
    }
    const of = (type: string) => resources.filter(r => r.type === type);
    const customer = new Map(of("aws:iam/policy:Policy").map(p => [String(p.outputs["arn"]), str(p, "policy")]));
    const groupPolicies = (group: string): Document[] => [
        ...of("aws:iam/groupPolicy:GroupPolicy").filter(p => str(p, "group") === group).map(p => str(p, "policy")),
        ...of("aws:iam/groupPolicyAttachment:GroupPolicyAttachment")
            .filter(a => str(a, "group") === group)
            .map(a => {
                const arn = str(a, "policyArn");
                const found = customer.get(arn);
                if (found === undefined) {
                    throw new Error(`group ${group}: ${arn} is not a customer managed policy of the stack; extend test/access/emitted.ts`);
                }
                return found;
            }),
    ];
    const groupsOf = (user: string): string[] =>
        of("aws:iam/userGroupMembership:UserGroupMembership")
            .filter(m => str(m, "user") === user)
            .flatMap(m => (m.inputs["groups"] as unknown[]).map(String));
    const users = of("aws:iam/user:User").map(u => {
        const name = str(u, "name");
        return {
            name,
            arn: String(u.outputs["arn"]),
            policies: [...of("aws:iam/userPolicy:UserPolicy").filter(p => str(p, "user") === name).map(p => str(p, "policy")), ...groupsOf(name).flatMap(groupPolicies)],
        };
    });
    const roles = of("aws:iam/role:Role").map(r => {
        const name = str(r, "name");
        if (r.inputs["permissionsBoundary"] !== undefined || r.inputs["inlinePolicies"] !== undefined || r.inputs["managedPolicyArns"] !== undefined) {
            throw new Error(`role ${name}: boundaries and inline or managed policy lists on the role are not followed; extend test/access/emitted.ts`);
        }
        const inline = of("aws:iam/rolePolicy:RolePolicy").filter(p => str(p, "role") === name).map(p => str(p, "policy"));
        const attached = of("aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter(p => str(p, "role") === name).map(p => awsManagedDocument(str(p, "policyArn")));
        return { name, arn: String(r.outputs["arn"]), trust: str(r, "assumeRolePolicy"), policies: [...inline, ...attached] };
    });
    return { users, roles, outputs };
}

const cache = new Map<string, Promise<EmittedStack>>();

/**
 * Runs a stack of the program, or of another program folder such as examples/vendor-access (once per
 * folder, stack and overrides), and collects what it emits.
 */
export function emittedStack(stack: string, overrides: Record<string, string> = {}, projectDir = REPO_ROOT): Promise<EmittedStack> {
    const key = `${projectDir}|${stack}|${JSON.stringify(overrides)}`;
    let hit = cache.get(key);
    if (!hit) {
        // As `pulumi preview` runs it: an update refuses the example stacks' documentation CIDRs.
        hit = runProgramMocked({ projectDir, stack, configOverrides: overrides, preview: true }).then(run => emitted(run.resources, run.outputs));
        cache.set(key, hit);
    }
    return hit;
}

/** The one user or role with this name. */
export function named<T extends { readonly name: string }>(items: readonly T[], name: string): T {
    const found = items.filter(i => i.name === name);
    if (found.length !== 1) {
        throw new Error(`expected one ${name}, found ${found.length} among ${items.map(i => i.name).join(", ")}`);
    }
    return found[0];
}

/** The first and last address of an IPv4 CIDR, and the addresses just below and just above it. */
export function cidrEdges(cidr: string): { inside: [string, string]; outside: [string, string] } {
    const first = ipaddr.IPv4.networkAddressFromCIDR(cidr).toByteArray();
    const last = ipaddr.IPv4.broadcastAddressFromCIDR(cidr).toByteArray();
    const toNumber = (b: number[]) => b.reduce((n, byte) => n * 256 + byte, 0);
    const toAddress = (n: number) => [24, 16, 8, 0].map(s => Math.floor(n / 2 ** s) % 256).join(".");
    return {
        inside: [toAddress(toNumber(first)), toAddress(toNumber(last))],
        outside: [toAddress(toNumber(first) - 1), toAddress(toNumber(last) + 1)],
    };
}

/** The stack's allowed CIDRs, from its own config file (the proofs never restate them). */
export function allowedCidrs(stack: string, key = "allowedCidrs"): string[] {
    const text = fs.readFileSync(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`), "utf8");
    const config = (yaml.load(text) as { config: Record<string, unknown> }).config;
    const value = config[`assume-guard:${key}`];
    if (!Array.isArray(value) || value.length === 0) {
        throw new Error(`Pulumi.${stack}.yaml has no assume-guard:${key}`);
    }
    return value.map(String);
}
