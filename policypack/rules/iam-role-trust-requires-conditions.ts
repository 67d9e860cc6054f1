/**
 * iam-role-trust-requires-conditions: every Allow statement of a role's trust policy binds whoever
 * it admits.
 * - An AWS principal (a user, a role, an account, or `*`) on sts:AssumeRole needs at least one
 *   accepted condition: `IpAddress aws:SourceIp` (CIDRs no broader together than the configured
 *   limit), `StringEquals sts:ExternalId`, MFA (`Bool aws:MultiFactorAuthPresent "true"` or a
 *   numeric `aws:MultiFactorAuthAge` test), `StringEquals aws:SourceVpc`/`aws:SourceVpce`, and,
 *   where configured, `aws:PrincipalOrgID`. What binds is decided by lib/conditions.ts. A `*`
 *   principal needs two kinds of binding (network, external ID, MFA; an IP alone lets any AWS
 *   account in from that network), or aws:PrincipalOrgID when accepted.
 * - A federated principal (an OIDC or SAML provider), on any assume action, needs the claims its
 *   issuer's row in lib/federation.ts names (GitHub: the repository and the audience; …); a `*`
 *   principal on AssumeRoleWithWebIdentity/SAML needs one issuer's claims (lib/federatedTrust.ts).
 * Service principals are judged by iam-role-service-trust-confused-deputy.
 */
import { Binding, BindingOptions, bindingOptions, clauseBinding, NETWORK_SETTINGS } from "../lib/conditions";
import { describeBreadth, networkBreadth } from "../lib/network";
import { PolicyDocument, Statement, statementLabel } from "../lib/document";
import { summarise } from "../lib/actions";
import { FederatedGap, federatedGaps, FederatedOptions } from "../lib/federatedTrust";
import { defineRule, Judge, label, RuleResource } from "../lib/rule";
import { stringListSetting } from "../lib/config";
import { FindingText } from "../lib/finding";
import { ALL_ASSUME_ACTIONS, assumeStatements, BINDING_NAMES, nonBindingClauses, ROLE_TYPE, trustDocument } from "../lib/trust";

const CORE: readonly Binding[] = ["sourceIp", "externalId", "mfa", "sourceVpc", "sourceVpce"];
const OPTIONAL: Readonly<Record<string, Binding>> = { "aws:PrincipalOrgID": "principalOrgId", "aws:SourceVpc": "sourceVpc", "aws:SourceVpce": "sourceVpce" };
/** Kinds of binding, for the two a `*` principal needs: the network keys are one kind. */
const KIND: Readonly<Partial<Record<Binding, string>>> = { sourceIp: "network", sourceVpc: "network", sourceVpce: "network" };

/** The rule's settings. */
export interface TrustSettings {
    readonly accepted: ReadonlySet<Binding>;
    readonly binding: BindingOptions;
    readonly federated: FederatedOptions;
}

/** The problems of a trust policy's AWS-principal statements, given the settings. */
export function trustProblems(doc: PolicyDocument, settings: Pick<TrustSettings, "accepted" | "binding">): string[] {
    const { accepted, binding } = settings;
    const out: string[] = [];
    for (const a of assumeStatements(doc, undefined, binding)) {
        if (a.principals.aws.length === 0) {
            continue;
        }
        const bound = [...a.bindings].filter(b => accepted.has(b));
        const ignored = nonBindingClauses(a.statement, accepted, binding);
        const has = bound.length > 0 ? `it binds only ${bound.map(b => BINDING_NAMES[b]).join(" and ")}` : ignored.length > 0 ? `its conditions bind nothing: ${summarise(ignored)}` : "it has no condition";
        if (a.principals.anyone) {
            if (new Set(bound.map(b => KIND[b] ?? b)).size < 2 && !bound.includes("principalOrgId")) {
                out.push(`${statementLabel(a.statement)} admits any AWS principal ("*") and ${has}`);
            }
        } else if (bound.length === 0) {
            out.push(`${statementLabel(a.statement)} admits ${summarise(a.principals.aws.map(p => p.raw))} and ${has}`);
        }
    }
    return [...out, ...jointNetworkProblems(doc, settings)];
}

/**
 * Statements are ORed: a caller with no MFA and no external ID may use any statement bound by the
 * network alone, so those statements' CIDRs together must stay within the limit too.
 */
function jointNetworkProblems(doc: PolicyDocument, settings: Pick<TrustSettings, "accepted" | "binding">): string[] {
    const networkOnly = assumeStatements(doc, undefined, settings.binding).filter(
        a => a.principals.aws.length > 0 && a.bindings.has("sourceIp") && [...a.bindings].every(b => KIND[b] === "network" || !settings.accepted.has(b)),
    );
    if (networkOnly.length < 2) {
        return [];
    }
    const cidrs = networkOnly.flatMap(a => a.statement.conditions.filter(c => clauseBinding(c, settings.binding) === "sourceIp").flatMap(c => c.values));
    const breadth = networkBreadth(cidrs, settings.binding.network);
    return breadth.tooBroad.length > 0 ? [`${networkOnly.map(a => statementLabel(a.statement)).join(", ")} are bound by the network alone, and their aws:SourceIp CIDRs together admit ${describeBreadth(breadth)}`] : [];
}

/** The finding for one identity provider a statement leaves unbound. */
export function federatedFinding(r: { type: string; name: string }, s: Statement, gap: FederatedGap): FindingText {
    const where = `${label(r)} trusts`;
    if (gap.principal === "*") {
        return {
            what: `${label(r)} admits any identity provider ("*") in ${statementLabel(s)} through sts:AssumeRoleWithWebIdentity or sts:AssumeRoleWithSAML, and its conditions bind no one provider's claims`,
            why: "Every account of Google, Cognito, or any provider the account registers can then present a token and assume the role",
            fix: `name the provider in Principal {"Federated": …} and bind the claims its row requires (for an OIDC provider, aud and sub)`,
        };
    }
    if (!gap.issuer) {
        return {
            what: `${where} the federated principal ${JSON.stringify(gap.principal)} in ${statementLabel(s)}, which names no identity provider the pack can judge`,
            why: "Whoever it admits cannot be checked, so the pack fails closed",
            fix: "name the provider by its IAM ARN (arn:aws:iam::<account>:oidc-provider/<url> or …:saml-provider/<name>) or as a built-in provider such as accounts.google.com, and bind its claims",
        };
    }
    return {
        what: `${where} ${gap.issuer.name} (${gap.principal}) in ${statementLabel(s)} without binding the claims that pick the caller: ${gap.unbound.map(u => u.why).join("; ")}`,
        why: `${gap.issuer.who}, so any of them could assume the role`,
        fix: `require ${gap.unbound.map(u => u.claim.fix(gap.prefix)).join(" and ")} in that statement`,
    };
}

/** Judges one role's trust policy. */
function check(r: RuleResource, settings: TrustSettings, judge: Judge): void {
    const report = (f: FindingText) => judge.report({ urn: r.urn, ...f });
    const trust = trustDocument(r, judge);
    if (!trust) {
        return;
    }
    if (!trust.ok) {
        report({
            what: `${label(r)} has a trust policy that cannot be parsed: ${trust.reason}`,
            why: "Who may assume the role cannot be checked, so the pack fails closed",
            fix: "give assumeRolePolicy valid IAM policy JSON",
        });
        return;
    }
    const problems = trustProblems(trust.document, settings);
    if (problems.length > 0) {
        report({
            what: `${label(r)} can be assumed without a binding condition: ${problems.join("; ")}`,
            why: "Anyone holding such a principal's credentials, such as a leaked access key, can assume the role from anywhere",
            fix: `add IpAddress aws:SourceIp, StringEquals sts:ExternalId or Bool aws:MultiFactorAuthPresent "true" to each such statement (two of them for a "*" principal)`,
        });
    }
    for (const a of assumeStatements(trust.document, ALL_ASSUME_ACTIONS, settings.binding)) {
        federatedGaps(a.statement, a.principals, settings.federated).forEach(gap => report(federatedFinding(r, a.statement, gap)));
    }
}

/** The rule. */
export const iamRoleTrustRequiresConditions = defineRule({
    name: "iam-role-trust-requires-conditions",
    description: "Every trust statement binds whom it admits: an AWS principal by a source network, an external ID or MFA (or a configured org condition); a federated principal by its issuer's claims.",
    enforcementLevel: "mandatory",
    severity: "critical",
    details:
        "Every Allow of a trust policy binds whom it admits. An AWS principal (user, role, account or `*`) needs a real condition: `IpAddress aws:SourceIp`, `StringEquals sts:ExternalId`, MFA (`Bool aws:MultiFactorAuthPresent true`, or `NumericLessThan aws:MultiFactorAuthAge`: the key is absent without MFA), `StringEquals aws:SourceVpc`/`aws:SourceVpce` (or, when configured in `acceptedConditionKeys`, `aws:PrincipalOrgID`). " +
        "A source-IP clause is judged on the union of its CIDRs per address family (at most one IPv4 /8 or IPv6 /32 unless `widestIpv4Prefix`/`widestIpv6Prefix` say otherwise), and so are the statements bound by the network alone. " +
        'A federated principal (`{"Federated": …}`, on any assume action) needs its issuer\'s claims (`lib/federation.ts`, one row per issuer): GitHub Actions `:sub` pinned to one owner and repository (org-wide only for owners in `gitHubOrgWide`) and `:aud`; EKS `:sub` = one service account and `:aud`; Cognito `:aud` (the pool) and `ForAnyValue` `:amr` `authenticated`; Google `:aud`; Login with Amazon and Facebook `:app_id`; SAML `SAML:aud`; any other OIDC issuer `:aud` and `:sub`. ' +
        "`…IfExists`, negated operators, `ForAllValues`, empty, wildcard and `${…}` variable values bind nothing; a `*` principal needs two kinds of binding (the network keys are one kind), or the org ID.",
    fix: "Add IpAddress aws:SourceIp, StringEquals sts:ExternalId or Bool aws:MultiFactorAuthPresent to every trust statement; bind a federated provider's aud and sub claims.",
    settings: {
        acceptedConditionKeys: stringListSetting(
            { enum: Object.keys(OPTIONAL) },
            "Further condition keys that count as binding a trust statement (with a positive operator and a concrete value). aws:SourceVpc and aws:SourceVpce always count.",
            [],
        ),
        gitHubOrgWide: stringListSetting(
            { minLength: 1 },
            'GitHub owners (logins or numeric owner IDs) whose every repository may assume a role (sub "repo:<owner>/*"); any other owner needs one repository pinned.',
            [],
        ),
        ...NETWORK_SETTINGS,
    },
    config: (s): TrustSettings => ({
        accepted: new Set<Binding>([...CORE, ...s.acceptedConditionKeys.flatMap(k => (OPTIONAL[k] ? [OPTIONAL[k]] : []))]),
        binding: bindingOptions(s),
        federated: { gitHubOrgWide: s.gitHubOrgWide },
    }),
    resource: {
        types: [ROLE_TYPE],
        check: (r, config, judge) => check(r, config, judge),
    },
});
