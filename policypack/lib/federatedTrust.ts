/**
 * Judging federated trust with the issuer table (lib/federation.ts): for each identity provider a
 * trust statement admits, the claims it leaves unbound.
 *
 * - `{"Federated": …}` is judged on every assume action, as the rule's brief asks: an
 *   `arn:…:oidc-provider/<url>` by the row whose issuer matches `<url>` (else as any OIDC issuer),
 *   a `arn:…:saml-provider/<name>` by the SAML row, a built-in provider (`accounts.google.com`,
 *   `cognito-identity.amazonaws.com`, …) by its row. Anything else names no provider the pack can
 *   judge, and fails closed.
 * - A `*` principal (or any `NotPrincipal`) on AssumeRoleWithWebIdentity or AssumeRoleWithSAML
 *   admits every provider AWS accepts (Google, Cognito and the account's own providers); it is
 *   bound only when its conditions fully bind one issuer's claims, since those keys exist only in
 *   that issuer's tokens.
 */
import { reaches } from "./actions";
import { nonBindingReason, parseOperator, requiresKey } from "./conditions";
import { ConditionClause, Statement } from "./document";
import { Claim, Issuer, ISSUERS, OTHER_OIDC, Scope } from "./federation";
import { AdmittedPrincipals } from "./principals";
import { FEDERATED_ASSUME_ACTIONS } from "./trust";

/** Settings of federated judging: GitHub owners (logins or numeric IDs) whose every repository may assume a role. */
export interface FederatedOptions {
    readonly gitHubOrgWide: readonly string[];
}

/** What a statement leaves open for one admitted provider. `issuer` is undefined when the pack cannot tell it. */
export interface FederatedGap {
    readonly principal: string;
    readonly issuer?: Issuer;
    /** The condition-key prefix of the issuer (`token.actions.githubusercontent.com`, `SAML`). */
    readonly prefix: string;
    /** For each unbound claim: why, for messages. */
    readonly unbound: readonly { readonly claim: Claim; readonly why: string }[];
}

const STRING_OPERATORS = new Set(["stringequals", "stringequalsignorecase", "stringlike"]);

/** The issuer row and key prefix of a `Federated` principal, or undefined for one the pack cannot read. */
export function issuerOf(federated: string): { readonly issuer: Issuer; readonly prefix: string } | undefined {
    const arn = /^arn:[^:]+:iam::\d{12}:(oidc-provider|saml-provider)\/(.+)$/.exec(federated);
    if (arn) {
        return arn[1] === "saml-provider" ? { issuer: ISSUERS.find(i => i.kind === "saml") ?? OTHER_OIDC, prefix: "SAML" } : { issuer: rowFor(arn[2]), prefix: arn[2] };
    }
    const builtIn = ISSUERS.find(i => i.builtIn === true && i.issuer.test(federated));
    return builtIn ? { issuer: builtIn, prefix: federated } : undefined;
}

function rowFor(prefix: string): Issuer {
    if (prefix.toLowerCase() === "saml") {
        return ISSUERS.find(i => i.kind === "saml") ?? OTHER_OIDC;
    }
    return ISSUERS.find(i => i.kind === "oidc" && i.issuer.test(prefix)) ?? OTHER_OIDC;
}

function describe(c: ConditionClause): string {
    return `${c.operator} ${c.key} ${JSON.stringify(c.values.length === 1 ? c.values[0] : c.values)}`;
}

/** Does `c` bind `claim` (whose keys are `<prefix>:<name>`)? Returns undefined when it does, else why not. */
function clauseGap(c: ConditionClause, claim: Claim, name: string, options: FederatedOptions): string | undefined {
    const op = parseOperator(c.operator);
    const reason = nonBindingReason(c);
    if (!requiresKey(op) || !STRING_OPERATORS.has(op.base) || c.values.length === 0 || reason !== "") {
        return `${describe(c)}${reason || " (not a positive string comparison)"}`;
    }
    if (claim.multivalued && op.set !== "foranyvalue") {
        return `${describe(c)} (the claim has several values; only ForAnyValue tests them)`;
    }
    const like = op.base === "stringlike";
    const scopes: Scope[] = c.values.map(v => claim.keys[name](v, like));
    const allowed = (s: Scope) => s === "one" || (typeof s === "object" && options.gitHubOrgWide.some(o => o.toLowerCase() === s.org.toLowerCase()));
    if (scopes.every(allowed)) {
        return undefined;
    }
    const org = scopes.find((s): s is { org: string } => typeof s === "object" && !allowed(s));
    return org ? `${describe(c)} (admits every repository of ${org.org}; list ${org.org} in gitHubOrgWide to allow that)` : `${describe(c)} (not ${claim.must})`;
}

/** The claims of `issuer` that `s` leaves unbound. */
export function unboundClaims(s: Statement, issuer: Issuer, prefix: string, options: FederatedOptions): { claim: Claim; why: string }[] {
    return issuer.claims.flatMap(claim => {
        const names = Object.keys(claim.keys);
        const gaps: string[] = [];
        for (const c of s.conditions) {
            const key = c.key.toLowerCase();
            const name = names.find(n => key === `${prefix}:${n}`.toLowerCase());
            if (name === undefined) {
                continue;
            }
            const gap = clauseGap(c, claim, name, options);
            if (gap === undefined) {
                return [];
            }
            gaps.push(gap);
        }
        const keys = names.map(n => `${prefix}:${n}`);
        const why = gaps.length > 0 ? gaps.join(", ") : `${keys.length > 1 ? `none of ${keys.join(", ")} is` : `${keys[0]} is not`} required`;
        return [{ claim, why }];
    });
}

/** The providers `s` admits and the claims each leaves unbound (only those with something unbound). */
export function federatedGaps(s: Statement, principals: AdmittedPrincipals, options: FederatedOptions): FederatedGap[] {
    const out: FederatedGap[] = [];
    for (const principal of principals.federated) {
        const found = issuerOf(principal);
        if (!found) {
            out.push({ principal, prefix: principal, unbound: [] });
            continue;
        }
        const unbound = unboundClaims(s, found.issuer, found.prefix, options);
        if (unbound.length > 0) {
            out.push({ principal, issuer: found.issuer, prefix: found.prefix, unbound });
        }
    }
    if (principals.anyone && FEDERATED_ASSUME_ACTIONS.some(a => reaches(s.actions, a))) {
        const prefixes = [...new Set(s.conditions.filter(c => c.key.includes(":")).map(c => c.key.slice(0, c.key.lastIndexOf(":"))))];
        if (!prefixes.some(p => unboundClaims(s, rowFor(p), p, options).length === 0)) {
            out.push({ principal: "*", prefix: "*", unbound: [] });
        }
    }
    return out;
}
