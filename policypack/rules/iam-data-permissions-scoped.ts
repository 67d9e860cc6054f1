/**
 * iam-data-permissions-scoped: a role's or a policy's statements that name DynamoDB data actions
 * (`dynamodb:…`, including `dynamodb:*`) name table ARNs (or their `/index/*`, `/stream/*`), never
 * `*` or `table/*`. Judged per resource on customer policies, role policies, a role's inline and
 * managed policies, and managed ARNs attached to roles.
 *
 * A role a user can assume (lib/assumable.ts: what a leaked key reaches in one hop) also names the
 * resources of every other data service of the catalogue it reaches (lib/dataScope.ts): a bucket
 * (and prefix) for S3, a secret, queue, stream, key, parameter… ARN for the rest, never `*`. Roles
 * no user can assume (a Lambda's or an ECS task's, trusted by its service) are not held to this:
 * a leaked user key does not reach them, and `s3:*` on `*` is common there.
 *
 * A role that deliberately holds full access (DynamoDB reached only through `*` or `NotAction`, as
 * with AdministratorAccess) is not a scoping mistake: on the stack, it is judged by its trust, which
 * must require MFA and a network condition in every statement. One that does is reported only by
 * the advisory iam-role-full-access-review.
 */
import { summarise } from "../lib/actions";
import { assumableLabel, userAssumableRoles } from "../lib/assumable";
import { unscopedData } from "../lib/dataScope";
import { DocSource, fieldDocuments, StackGraph, targetLabel, targetSource } from "../lib/graph";
import { modelOf, RESOURCE_MODEL } from "../lib/model/resourceTypes";
import { Nodes } from "../lib/nodes";
import { bindingOptions, BindingOptions, NETWORK_SETTINGS } from "../lib/conditions";
import { defineRule, Judge, label, RuleResource } from "../lib/rule";
import { fullAccessRoles, scopingProblems } from "../lib/scoping";
import { readProp } from "../lib/values";

/** Customer policies (they may be attached to roles), and every type with an identity document or attachment that goes to a role. */
const TYPES = RESOURCE_MODEL.filter(
    m => m.customerPolicy === true || (m.documents ?? []).some(d => d.role === "identity" && d.to?.kind === "role") || (m.attachments ?? []).some(a => a.to.kind === "role"),
).map(m => m.type);

/** The documents a resource contributes, with how messages name them. Customer ARNs are judged on their Policy. */
function documents(r: RuleResource): { via: string; source: DocSource }[] {
    const m = modelOf(r.type);
    const own = (m?.documents ?? []).filter(d => d.role === "identity" && (m?.customerPolicy || d.to?.kind === "role"));
    const inline = own.flatMap(d => fieldDocuments(r, d).map(x => ({ ...x, via: d.each ? x.via.replace(/ of .*$/, "") : "its policy" })));
    const attached = (m?.attachments ?? []).filter(a => a.to.kind === "role").flatMap(a => {
        if ("prop" in a.to) {
            const roles = readProp(r.props, a.to.prop);
            if (roles.known && (roles.value === undefined || roles.value === "" || (Array.isArray(roles.value) && roles.value.length === 0))) {
                return [];
            }
        }
        const resolved = new Nodes().resolvePolicies(r, a.arns);
        const managed = resolved.targets.filter(t => t.kind === "managed").map(t => ({ via: targetLabel(t), source: targetSource(t) }));
        return [...managed, ...(resolved.error ? [{ via: a.arns, source: { kind: "unknown" as const, error: resolved.error } }] : [])];
    });
    return [...inline, ...attached];
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
            what: `${label(r)} grants DynamoDB data actions beyond named tables: ${problems.join("; ")}`,
            why: "Whoever holds it reaches every table in the account, including tables created later",
            fix: "name table ARNs (arn:aws:dynamodb:<region>:<account>:table/<name>, plus /index/* or /stream/* where needed) as the Resource",
        });
    }
}

/** Roles a user can assume, holding data actions beyond DynamoDB on resources they do not name. */
function checkAssumable(graph: StackGraph, full: ReadonlySet<unknown>, judge: Judge): void {
    for (const role of userAssumableRoles(graph, judge).filter(r => !full.has(r.node))) {
        const grants = graph.grantsOf(role.node);
        const found = grants.flatMap(g => (g.source.kind === "parsed" && g.source.parsed.ok ? g.source.parsed.document.statements.flatMap(unscopedData).map(p => `${g.via}: ${p}`) : []));
        if (found.length > 0) {
            judge.report({
                urn: role.resource.urn,
                subjects: grants.map(g => ({ urn: g.holder.urn, name: g.holder.name })),
                what: `${assumableLabel(role)} grants data actions on resources it does not name: ${found.join("; ")}`,
                why: "A leaked key that reaches the role reaches every bucket, secret, queue, stream or key of the account that the pattern spans, including ones created later",
                fix: "name the resources: a bucket as arn:aws:s3:::<bucket>/<prefix>* (and arn:aws:s3:::<bucket> to list it), a secret, queue, stream, key or parameter by its ARN or a literal name prefix",
            });
        }
    }
}

function checkStack(resources: readonly RuleResource[], options: BindingOptions, judge: Judge): void {
    const graph = StackGraph.shared(resources, (r, fn) => judge.each(r, fn));
    graph.problems.filter(p => p.about === "role").forEach(p => judge.unknown(p.resource, p.error));
    const full = fullAccessRoles(graph, judge, options);
    checkAssumable(graph, new Set(full.map(f => f.node)), judge);
    for (const role of full) {
        const t = role.trust;
        if (t.kind === "guarded" || t.kind === "unreadable") {
            continue;
        }
        const why = t.kind === "outside-stack" ? "the role is not defined in this stack, so its trust cannot be checked" : `its trust does not require both MFA and a network condition: ${t.gaps.join("; ")}`;
        judge.report({
            urn: role.node.resource?.urn ?? role.holders[0]?.urn,
            subjects: [{ urn: "", name: role.node.name }],
            what: `Role '${role.node.name}' holds full access through ${summarise(role.paths, 2)}, and ${why}`,
            why: "Full access is acceptable only for an operator role that requires MFA and a known network",
            fix: `add Bool aws:MultiFactorAuthPresent "true" and IpAddress aws:SourceIp to every Allow statement of the role's trust policy, or grant table-scoped permissions instead`,
        });
    }
}

/** The rule. */
export const iamDataPermissionsScoped = defineRule({
    name: "iam-data-permissions-scoped",
    description: "DynamoDB data actions name table ARNs; a role a user can assume names the buckets, secrets, queues, streams and keys it reads; a role with full access requires MFA and a network condition in its trust.",
    enforcementLevel: "mandatory",
    severity: "high",
    details:
        "DynamoDB data actions name table ARNs (or their `/index/*`, `/stream/*`), never `*` or `table/*`, in customer policies, role policies and a role's inline and managed policies. " +
        "A role a user can assume (its trust admits a user, an account's users or `*`: what a leaked key reaches in one hop) also names the resources of every other data service of the catalogue: a bucket (and prefix) for S3, never `arn:aws:s3:::*` or `*`; a secret, queue, stream, key, parameter… ARN or literal name prefix for the rest. Service roles (Lambda, ECS) are not held to that. " +
        "Roles that deliberately hold full access (`*`, `NotAction`, AdministratorAccess) are judged by their trust instead: MFA **and** a network condition (source IP within the breadth limit, or a source VPC or VPC endpoint) in every Allow statement.",
    fix: "Name table ARNs in DynamoDB statements and resource ARNs (a bucket and prefix, a secret, queue, stream or key) in a user-assumable role's data statements; put full access only behind MFA and a source-IP condition.",
    related: [
        {
            control: "aws-fsbp:IAM.1",
            whyNot: 'IAM.1 fails every customer managed policy that allows "*" on "*"; this rule accepts full access held by a role whose trust requires MFA and a network condition, and judges inline and AWS managed policies too.',
        },
        {
            control: "aws-fsbp:IAM.21",
            whyNot: 'IAM.21 fails service-wide action wildcards such as "dynamodb:*"; this rule judges the Resource of data actions, so "dynamodb:*" on one table (or "s3:*" on one bucket, in a role a user can assume) passes it.',
        },
    ],
    settings: NETWORK_SETTINGS,
    config: s => ({ binding: bindingOptions(s) }),
    resource: { types: TYPES, check: (r, _config, judge) => checkResource(r, judge) },
    stack: (resources, config, judge) => checkStack(resources, config.binding, judge),
});
