/**
 * iam-role-trust-requires-conditions: every Allow statement of a role's trust policy that admits an
 * AWS principal (a user, a role, an account, or `*`) binds at least one accepted condition:
 * `IpAddress aws:SourceIp`, `StringEquals sts:ExternalId`, `Bool aws:MultiFactorAuthPresent "true"`,
 * and, where configured, `aws:PrincipalOrgID`, `aws:SourceVpc` or `aws:SourceVpce`. What binds is
 * decided by lib/conditions.ts. A `*` principal needs more than one kind of binding (an IP alone
 * lets any AWS account in from that network), or aws:PrincipalOrgID when accepted.
 * Service principals are judged by iam-role-service-trust-confused-deputy.
 */
import { Binding } from "../lib/conditions";
import { PolicyDocument, statementLabel } from "../lib/document";
import { summarise } from "../lib/actions";
import { defineRule, Judge, label, RuleResource } from "../lib/rule";
import { stringListSetting } from "../lib/config";
import { assumeStatements, BINDING_NAMES, nonBindingClauses, ROLE_TYPE, trustDocument } from "../lib/trust";

const CORE: readonly Binding[] = ["sourceIp", "externalId", "mfa"];
const OPTIONAL: Readonly<Record<string, Binding>> = { "aws:PrincipalOrgID": "principalOrgId", "aws:SourceVpc": "sourceVpc", "aws:SourceVpce": "sourceVpce" };

/** The problems of a trust policy, given the accepted bindings. */
export function trustProblems(doc: PolicyDocument, accepted: ReadonlySet<Binding>): string[] {
    const out: string[] = [];
    for (const a of assumeStatements(doc)) {
        if (a.principals.aws.length === 0) {
            continue;
        }
        const bound = [...a.bindings].filter(b => accepted.has(b));
        const ignored = nonBindingClauses(a.statement, accepted);
        const has = bound.length > 0 ? `it binds only ${bound.map(b => BINDING_NAMES[b]).join(" and ")}` : ignored.length > 0 ? `its conditions bind nothing: ${summarise(ignored)}` : "it has no condition";
        if (a.principals.anyone) {
            if (bound.length < 2 && !bound.includes("principalOrgId")) {
                out.push(`${statementLabel(a.statement)} admits any AWS principal ("*") and ${has}`);
            }
        } else if (bound.length === 0) {
            out.push(`${statementLabel(a.statement)} admits ${summarise(a.principals.aws.map(p => p.raw))} and ${has}`);
        }
    }
    return out;
}

/** Judges one role's trust policy. */
function check(r: RuleResource, accepted: ReadonlySet<Binding>, judge: Judge): void {
    const report = (message: string) => judge.report({ urn: r.urn, message });
    const trust = trustDocument(r, judge);
    if (!trust) {
        return;
    }
    if (!trust.ok) {
        report(`${label(r)} has a trust policy that cannot be parsed: ${trust.reason}. Who may assume the role cannot be checked, so the pack fails closed. Fix: give assumeRolePolicy valid IAM policy JSON.`);
        return;
    }
    const problems = trustProblems(trust.document, accepted);
    if (problems.length > 0) {
        report(
            `${label(r)} can be assumed without a binding condition: ${problems.join("; ")}. ` +
                `Anyone holding such a principal's credentials, such as a leaked access key, can assume the role from anywhere. ` +
                `Fix: add IpAddress aws:SourceIp, StringEquals sts:ExternalId or Bool aws:MultiFactorAuthPresent "true" to each such statement (two of them for a "*" principal).`,
        );
    }
}

/** The rule. */
export const iamRoleTrustRequiresConditions = defineRule({
    name: "iam-role-trust-requires-conditions",
    description: "Every trust statement that admits an AWS principal binds a source IP, an external ID or MFA (or a configured org/VPC condition).",
    enforcementLevel: "mandatory",
    fix: "Add IpAddress aws:SourceIp, StringEquals sts:ExternalId or Bool aws:MultiFactorAuthPresent to every trust statement.",
    schema: {
        acceptedConditionKeys: {
            type: "array",
            items: { type: "string", enum: Object.keys(OPTIONAL) },
            default: [],
            description: "Further condition keys that count as binding a trust statement (with a positive operator and a concrete value).",
        },
    },
    config: raw => ({ accepted: new Set<Binding>([...CORE, ...stringListSetting(raw, "acceptedConditionKeys", []).flatMap(k => (OPTIONAL[k] ? [OPTIONAL[k]] : []))]) }),
    resource: {
        types: [ROLE_TYPE],
        check: (r, config, judge) => check(r, config.accepted, judge),
    },
});
