/**
 * Trust-policy analysis shared by the role rules: the Allow statements that let a principal call
 * sts:AssumeRole, who they admit, and which conditions bind them.
 */
import { reaches } from "./actions";
import { Binding, BindingOptions, clauseBinding, DEFAULT_BINDING_OPTIONS, nonBindingReason, statementBindings } from "./conditions";
import { ParsedPolicy, PolicyDocument, Statement } from "./document";
import { readDocument } from "./graph";
import { PRINCIPAL_TYPES, TRUST_PROP } from "./model/resourceTypes";
import { Judge, RuleResource } from "./rule";
import { AdmittedPrincipals, admittedPrincipals } from "./principals";

/** The Pulumi type of an IAM role (from the resource model). */
export const ROLE_TYPE = PRINCIPAL_TYPES.role;

/** An Allow statement of a trust policy that reaches sts:AssumeRole. */
export interface AssumeStatement {
    readonly statement: Statement;
    readonly principals: AdmittedPrincipals;
    readonly bindings: ReadonlySet<Binding>;
}

/** Every way to assume a role. */
export const ALL_ASSUME_ACTIONS: readonly string[] = ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"];

/** The identity-provider actions: a `*` principal on them admits every token or assertion AWS accepts. */
export const FEDERATED_ASSUME_ACTIONS: readonly string[] = ["sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"];

/** The statements of a trust policy that let someone call one of `actions` (default sts:AssumeRole). */
export function assumeStatements(doc: PolicyDocument, actions: readonly string[] = ["sts:AssumeRole"], options: BindingOptions = DEFAULT_BINDING_OPTIONS): AssumeStatement[] {
    return doc.statements
        .filter(s => s.effect === "Allow" && actions.some(a => reaches(s.actions, a)))
        .map(s => ({ statement: s, principals: admittedPrincipals(s.principals), bindings: statementBindings(s, options) }));
}

/** A role's trust policy, parsed; undefined (after reporting it to `judge`) when unknown during preview. */
export function trustDocument(r: RuleResource, judge: Judge): ParsedPolicy | undefined {
    const src = readDocument(r, TRUST_PROP);
    if (src.kind === "unknown") {
        judge.unknown(r, src.error);
        return undefined;
    }
    return src.kind === "parsed" ? src.parsed : undefined;
}

/** How messages name bindings: `source IP`, `external ID`, `MFA`, … */
export const BINDING_NAMES: Readonly<Record<Binding, string>> = {
    sourceIp: "IpAddress aws:SourceIp",
    externalId: "StringEquals sts:ExternalId",
    mfa: 'Bool aws:MultiFactorAuthPresent "true"',
    principalOrgId: "aws:PrincipalOrgID",
    sourceVpc: "aws:SourceVpc",
    sourceVpce: "aws:SourceVpce",
    sourceArn: "aws:SourceArn",
    sourceAccount: "aws:SourceAccount",
    sourceOrgId: "aws:SourceOrgID",
};

/**
 * The statement's conditions that bind nothing (or nothing `accepted`), for messages:
 * `StringEqualsIfExists sts:ExternalId (IfExists passes when the key is absent)`.
 */
export function nonBindingClauses(s: Statement, accepted?: ReadonlySet<Binding>, options: BindingOptions = DEFAULT_BINDING_OPTIONS): string[] {
    return s.conditions.flatMap(c => {
        const b = clauseBinding(c, options);
        if (b === undefined) {
            return [`${c.operator} ${c.key}${nonBindingReason(c, options)}`];
        }
        return accepted && !accepted.has(b) ? [`${c.operator} ${c.key} (not accepted by this rule's settings)`] : [];
    });
}
