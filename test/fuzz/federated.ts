/**
 * Federated trust for the differential test: per identity provider, how a trust names it, the claim
 * values a trust may test, and the tokens an attacker can get from it (the claims the attacker
 * controls: its own repository, service account, identity pool, app or recipient; GitHub and EKS
 * callers choose their own audience). A trust whose claims an attacker's token satisfies is a
 * bypass the pack must flag.
 */
import * as fc from "fast-check";

import { ACCOUNTS, documentOf, mixedCase } from "./arbitraries";

/** An identity provider as the fuzz test knows it. */
export interface Provider {
    readonly principal: string;
    readonly action: "sts:AssumeRoleWithWebIdentity" | "sts:AssumeRoleWithSAML";
    /** Condition keys a trust may test, with values worth drawing. */
    readonly claims: Readonly<Record<string, readonly string[]>>;
    /** Tokens an attacker can present. */
    readonly attackers: readonly Readonly<Record<string, string | readonly string[]>>[];
}

const GH = "token.actions.githubusercontent.com";
const EKS = "oidc.eks.eu-west-1.amazonaws.com/id/5C3A1B2D";
const oidc = (url: string) => `arn:aws:iam::${ACCOUNTS.own}:oidc-provider/${url}`;

/** The providers: GitHub, EKS, Cognito, Google, a SAML provider and another OIDC issuer. */
export const PROVIDERS: readonly Provider[] = [
    {
        principal: oidc(GH),
        action: "sts:AssumeRoleWithWebIdentity",
        claims: {
            [`${GH}:aud`]: ["sts.amazonaws.com", "*", "", "${aws:username}"],
            [`${GH}:sub`]: ["repo:octo-org/octo-repo:ref:refs/heads/main", "repo:octo-org/octo-repo:*", "repo:octo-org/*", "repo:*", "repo:*/octo-repo:*", "repo:octo*", "*"],
            [`${GH}:repository`]: ["octo-org/octo-repo", "octo-org/*", "*"],
            [`${GH}:repository_owner_id`]: ["65"],
        },
        attackers: [
            { [`${GH}:aud`]: "sts.amazonaws.com", [`${GH}:sub`]: "repo:attacker/evil:ref:refs/heads/main", [`${GH}:repository`]: "attacker/evil", [`${GH}:repository_owner_id`]: "666" },
            { [`${GH}:aud`]: "sts.amazonaws.com", [`${GH}:sub`]: "repo:octo-org/other:pull_request", [`${GH}:repository`]: "octo-org/other", [`${GH}:repository_owner_id`]: "65" },
        ],
    },
    {
        principal: oidc(EKS),
        action: "sts:AssumeRoleWithWebIdentity",
        claims: { [`${EKS}:aud`]: ["sts.amazonaws.com", "*"], [`${EKS}:sub`]: ["system:serviceaccount:payments:api", "system:serviceaccount:payments:*", "*"] },
        attackers: [
            { [`${EKS}:aud`]: "sts.amazonaws.com", [`${EKS}:sub`]: "system:serviceaccount:attacker:evil" },
            { [`${EKS}:aud`]: "sts.amazonaws.com", [`${EKS}:sub`]: "system:serviceaccount:payments:other" },
        ],
    },
    {
        principal: "cognito-identity.amazonaws.com",
        action: "sts:AssumeRoleWithWebIdentity",
        claims: { "cognito-identity.amazonaws.com:aud": ["eu-west-1:victim-pool", "*"], "cognito-identity.amazonaws.com:amr": ["authenticated", "unauthenticated", "*"] },
        attackers: [
            { "cognito-identity.amazonaws.com:aud": "eu-west-1:attacker-pool", "cognito-identity.amazonaws.com:amr": ["authenticated", "accounts.google.com"] },
            { "cognito-identity.amazonaws.com:aud": "eu-west-1:victim-pool", "cognito-identity.amazonaws.com:amr": ["unauthenticated"] },
        ],
    },
    {
        principal: "accounts.google.com",
        action: "sts:AssumeRoleWithWebIdentity",
        claims: { "accounts.google.com:aud": ["victim.apps.googleusercontent.com", "*"], "accounts.google.com:sub": ["1101", "*"] },
        attackers: [
            { "accounts.google.com:aud": "attacker.apps.googleusercontent.com", "accounts.google.com:sub": "999" },
            { "accounts.google.com:aud": "attacker.apps.googleusercontent.com", "accounts.google.com:sub": "1101" },
        ],
    },
    {
        principal: `arn:aws:iam::${ACCOUNTS.own}:saml-provider/okta`,
        action: "sts:AssumeRoleWithSAML",
        claims: { "SAML:aud": ["https://signin.aws.amazon.com/saml", "*", ""], "SAML:sub": ["alice", "*"] },
        attackers: [{ "saml:aud": "https://attacker.example/saml", "saml:sub": "mallory" }, { "saml:sub": "alice" }],
    },
    {
        principal: oidc("gitlab.com"),
        action: "sts:AssumeRoleWithWebIdentity",
        claims: { "gitlab.com:aud": ["https://gitlab.com", "*"], "gitlab.com:sub": ["project_path:grp/proj:ref_type:branch:ref:main", "project_path:grp/*", "*"] },
        attackers: [
            { "gitlab.com:aud": "https://attacker.example", "gitlab.com:sub": "attacker" },
            { "gitlab.com:aud": "https://gitlab.com", "gitlab.com:sub": "project_path:evil/x:ref_type:branch:ref:main" },
        ],
    },
];

const OPERATORS = ["StringEquals", "StringEquals", "StringLike", "StringLike", "StringEqualsIgnoreCase", "StringNotEquals", "StringNotLike"];

/** A condition block on one provider's claims (clauses on the same operator merge their keys). */
function claimBlock(p: Provider): fc.Arbitrary<Record<string, Record<string, string | string[]>>> {
    const clause = fc.constantFrom(...Object.keys(p.claims)).chain(key =>
        fc.record({
            base: fc.constantFrom(...OPERATORS),
            ifExists: fc.nat(7).map(n => n === 0),
            set: fc.constantFrom("", "", "", "ForAllValues:", "ForAnyValue:"),
            values: fc.uniqueArray(fc.constantFrom(...p.claims[key]), { minLength: 1, maxLength: 2 }),
            key: fc.oneof({ weight: 9, arbitrary: fc.constant(key) }, { weight: 1, arbitrary: mixedCase(key) }),
        }),
    );
    return fc.array(clause, { minLength: 0, maxLength: 3 }).map(clauses => {
        const block: Record<string, Record<string, string | string[]>> = {};
        for (const c of clauses) {
            const op = `${c.set}${c.base}${c.ifExists ? "IfExists" : ""}`;
            block[op] = { ...(block[op] ?? {}), [c.key]: c.values.length === 1 ? c.values[0] : c.values };
        }
        return block;
    });
}

/** A trust statement admitting a provider (or, now and then, `*`) through its assume action or a wildcard. */
export const federatedStatement: fc.Arbitrary<Record<string, unknown>> = fc.constantFrom(...PROVIDERS).chain(p =>
    fc
        .record({
            effect: fc.constantFrom("Allow", "Allow", "Allow", "Allow", "Deny"),
            anyone: fc.nat(9).map(n => n === 0),
            action: fc.constantFrom(p.action, p.action, p.action, "sts:*", "sts:AssumeRoleWith*", "*"),
            condition: claimBlock(p),
        })
        .map(s => ({
            Effect: s.effect,
            Principal: s.anyone ? "*" : { Federated: p.principal },
            Action: s.action,
            ...(Object.keys(s.condition).length > 0 ? { Condition: s.condition } : {}),
        })),
);

/** A federated trust case. */
export interface FederatedTrustCase {
    readonly document: Record<string, unknown>;
    readonly asText: boolean;
}

/** Federated trust cases. */
export const federatedTrustCase: fc.Arbitrary<FederatedTrustCase> = fc.record({ document: documentOf(federatedStatement), asText: fc.boolean() });
