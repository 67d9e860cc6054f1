/**
 * iam-data-permissions-scoped: a role's or a policy's statements that name DynamoDB data actions
 * (`dynamodb:…`, including `dynamodb:*`) name table ARNs (or their `/index/*`, `/stream/*`), never
 * `*` or `table/*`. Judged per resource on customer policies, role policies, a role's inline and
 * managed policies, and managed ARNs attached to roles.
 *
 * A role that deliberately holds full access (DynamoDB reached only through `*` or `NotAction`, as
 * with AdministratorAccess) is not a scoping mistake: on the stack, it is judged by its trust, which
 * must require MFA and a network condition in every statement. One that does is reported only by
 * the advisory iam-role-full-access-review.
 */
import { summarise } from "../lib/actions";
import { DocSource, readDocument, roleInlineDocuments, StackGraph, targetLabel, targetSource } from "../lib/graph";
import { Nodes } from "../lib/nodes";
import { bindingOptions, BindingOptions, NETWORK_SETTINGS } from "../lib/conditions";
import { defineRule, Judge, label, RuleResource } from "../lib/rule";
import { fullAccessRoles, scopingProblems } from "../lib/scoping";
import { readProp } from "../lib/values";

const ATTACHMENT_ARNS: Readonly<Record<string, string>> = {
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": "policyArn",
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": "policyArns",
    "aws:iam/policyAttachment:PolicyAttachment": "policyArn",
};

const TYPES = ["aws:iam/policy:Policy", "aws:iam/rolePolicy:RolePolicy", "aws:iam/role:Role", ...Object.keys(ATTACHMENT_ARNS)];

/** The documents a resource contributes, with how messages name them. Customer ARNs are judged on their Policy. */
function documents(r: RuleResource): { via: string; source: DocSource }[] {
    if (r.type === "aws:iam/policy:Policy" || r.type === "aws:iam/rolePolicy:RolePolicy") {
        return [{ via: "its policy", source: readDocument(r, "policy") }];
    }
    const field = r.type === "aws:iam/role:Role" ? "managedPolicyArns" : ATTACHMENT_ARNS[r.type];
    if (r.type === "aws:iam/policyAttachment:PolicyAttachment") {
        const roles = readProp(r.props, "roles");
        if (roles.known && (!Array.isArray(roles.value) || roles.value.length === 0)) {
            return [];
        }
    }
    const resolved = new Nodes().resolvePolicies(r, field);
    const managed = resolved.targets
        .filter(t => t.kind === "managed")
        .map(t => ({ via: targetLabel(t), source: targetSource(t) }));
    const unknown = resolved.error ? [{ via: field, source: { kind: "unknown" as const, error: resolved.error } }] : [];
    const inline = r.type === "aws:iam/role:Role" ? roleInlineDocuments(r).map(d => ({ ...d, via: d.via.replace(/ of .*$/, "") })) : [];
    return [...inline, ...managed, ...unknown];
}

function checkResource(r: RuleResource, judge: Judge): void {
    const problems: string[] = [];
    for (const d of documents(r)) {
        const src = d.source;
        if (src.kind === "unknown") {
            judge.unknown(r, src.error);
        } else if (src.kind === "managed-missing") {
            problems.push(`${d.via} is not known to this pack, so its scope cannot be checked`);
        } else if (src.kind === "parsed" && !src.parsed.ok) {
            problems.push(`${d.via} cannot be parsed (${src.parsed.reason})`);
        } else if (src.kind === "parsed" && src.parsed.ok) {
            scopingProblems(src.parsed.document.statements).forEach(p => problems.push(`${d.via}: ${p}`));
        }
    }
    if (problems.length > 0) {
        judge.report({
            urn: r.urn,
            message:
                `${label(r)} grants DynamoDB data actions beyond named tables: ${problems.join("; ")}. ` +
                `Whoever holds it reaches every table in the account, including tables created later. ` +
                `Fix: name table ARNs (arn:aws:dynamodb:<region>:<account>:table/<name>, plus /index/* or /stream/* where needed) as the Resource.`,
        });
    }
}

function checkStack(resources: readonly RuleResource[], options: BindingOptions, judge: Judge): void {
    const graph = StackGraph.shared(resources, (r, fn) => judge.each(r, fn));
    graph.problems.filter(p => p.about === "role").forEach(p => judge.unknown(p.resource, p.error));
    for (const role of fullAccessRoles(graph, judge, options)) {
        const t = role.trust;
        if (t.kind === "guarded" || t.kind === "unreadable") {
            continue;
        }
        const why = t.kind === "outside-stack" ? "the role is not defined in this stack, so its trust cannot be checked" : `its trust does not require both MFA and a network condition: ${t.gaps.join("; ")}`;
        judge.report({
            urn: role.node.resource?.urn ?? role.holders[0]?.urn,
            subjects: [{ urn: "", name: role.node.name }],
            message:
                `Role '${role.node.name}' holds full access through ${summarise(role.paths, 2)}, and ${why}. ` +
                `Full access is acceptable only for an operator role that requires MFA and a known network. ` +
                `Fix: add Bool aws:MultiFactorAuthPresent "true" and IpAddress aws:SourceIp to every Allow statement of the role's trust policy, or grant table-scoped permissions instead.`,
        });
    }
}

/** The rule. */
export const iamDataPermissionsScoped = defineRule({
    name: "iam-data-permissions-scoped",
    description: "DynamoDB data actions name table ARNs; a role with full access requires MFA and a network condition in its trust.",
    enforcementLevel: "mandatory",
    fix: "Name table ARNs in DynamoDB statements; put full access only behind MFA and a source-IP condition.",
    schema: NETWORK_SETTINGS,
    config: raw => ({ binding: bindingOptions(raw) }),
    resource: { types: TYPES, check: (r, _config, judge) => checkResource(r, judge) },
    stack: (resources, config, judge) => checkStack(resources, config.binding, judge),
});
