/**
 * Federated trust: which claims of an identity provider's token a trust statement must bind, per
 * issuer (one row of {@link ISSUERS} each), and whether it does.
 *
 * A role that trusts `{"Federated": …}` admits whoever the provider issues a token or assertion
 * to. For public issuers that is the whole world: every GitHub Actions workflow, every Google
 * account, every Cognito identity pool's guests. Only conditions on the token's claims narrow it:
 * the condition key is `<issuer>:<claim>` (`token.actions.githubusercontent.com:sub`), or
 * `saml:<attribute>` for SAML. What binds a claim follows lib/conditions.ts: no `…IfExists`, no
 * negated operator, no `ForAllValues:`, no empty, wildcard-only or `${…}` value; each value of the
 * clause must bind, and any one binding clause per claim is enough (conditions are ANDed).
 * Sources: AWS IAM User Guide, "Available keys for AWS web identity federation" and "…for SAML";
 * GitHub, "Configuring OpenID Connect in Amazon Web Services" and "OpenID Connect reference".
 */
import { isVacuousValue } from "./conditions";

/** How far a claim value narrows the caller: one identity, one owner's (GitHub organisation's) identities, or not at all. */
export type Scope = "one" | { readonly org: string } | "none";

/** A claim an issuer's trust must bind. */
export interface Claim {
    /** The claim names that can bind it, each with how a value (`like`: under StringLike) binds. */
    readonly keys: Readonly<Record<string, (value: string, like: boolean) => Scope>>;
    /** The claim is multivalued (Cognito `amr`): only `ForAnyValue:` operators test it. */
    readonly multivalued?: boolean;
    /** What a binding clause must do, for messages: "pinned to one owner and repository". */
    readonly must: string;
    /** The clause to add, given the issuer's key prefix. */
    readonly fix: (prefix: string) => string;
}

/** An identity provider: how to recognise its issuer, whom it serves, and the claims that bind. */
export interface Issuer {
    readonly name: string;
    /** OIDC issuers are named by their URL without `https://`; SAML providers by their ARN. */
    readonly kind: "oidc" | "saml";
    /** Built into STS and named bare in `Federated` (`accounts.google.com`); others are named by their IAM provider ARN. */
    readonly builtIn?: boolean;
    readonly issuer: RegExp;
    /** Why an unbound trust matters: who can get a token from this issuer. */
    readonly who: string;
    readonly claims: readonly Claim[];
}

const WILDCARD = /[*?]/;

/** The literal start of a value: all of it, or (under StringLike) what precedes its first wildcard. */
function literal(value: string, like: boolean): string {
    const at = like ? value.search(WILDCARD) : -1;
    return at < 0 ? value : value.slice(0, at);
}

/** A value that names one thing: nothing vacuous, no wildcard under StringLike. */
function concrete(value: string, like: boolean): Scope {
    return isVacuousValue(value) || literal(value, like) !== value ? "none" : "one";
}

/**
 * A GitHub `sub`: a `repo:` (or custom-template `repository:`, `repository_id:`) segment naming one
 * repository, complete before any wildcard; `repo:<owner>/…`, `repository_owner:` or
 * `repository_owner_id:` segments name one organisation. Segments are `key:value` pairs joined by
 * `:`, which GitHub never lets a value contain, and the pattern must start at the first segment.
 */
function gitHubSub(value: string, like: boolean): Scope {
    if (isVacuousValue(value)) {
        return "none";
    }
    const head = literal(value, like);
    const end = head === value ? "(:|$)" : ":";
    if (new RegExp(`^(.+:)?((repo|repository):[^:/]+/[^:/]+|repository_id:\\d+)${end}`).test(head)) {
        return "one";
    }
    const org = /^(?:.+:)?(?:repo|repository):([^:/]+)\//.exec(head) ?? new RegExp(`^(?:.+:)?(?:repository_owner|repository_owner_id):([^:/]+)${end}`).exec(head);
    return org ? { org: org[1] } : "none";
}

/** A GitHub `repository` claim: `owner/repo`, or `owner/…` for a whole organisation. */
function gitHubRepository(value: string, like: boolean): Scope {
    if (isVacuousValue(value)) {
        return "none";
    }
    const head = literal(value, like);
    const org = /^([^:/]+)\//.exec(head);
    return head === value && /^[^:/]+\/[^:/]+$/.test(value) ? "one" : org ? { org: org[1] } : "none";
}

const repositoryId = (value: string, like: boolean): Scope => (concrete(value, like) === "one" && /^\d+$/.test(value) ? "one" : "none");
const ownerId = (value: string, like: boolean): Scope => (concrete(value, like) === "one" && /^\d+$/.test(value) ? { org: value } : "none");

const AUD = (example: string): Claim => ({ keys: { aud: concrete }, must: "required", fix: p => `StringEquals "${p}:aud": "${example}"` });
const APP_ID: Claim = { keys: { app_id: concrete }, must: "required", fix: p => `StringEquals "${p}:app_id": "<your app ID>"` };

/** Every issuer the pack knows. Adding one is adding a row; any other OIDC issuer gets {@link OTHER_OIDC}. */
export const ISSUERS: readonly Issuer[] = [
    {
        name: "GitHub Actions",
        kind: "oidc",
        // github.com, an enterprise's own issuer path, GHE.com data residency, and GitHub Enterprise Server.
        issuer: /^(token\.actions\.githubusercontent\.com(\/[^/:]+)?|token\.actions\.[a-z0-9-]+\.ghe\.com|[a-z0-9.-]+\/_services\/token)$/i,
        who: "Every GitHub Actions workflow, in any repository of any owner, can get a token from this issuer and choose its audience",
        claims: [
            AUD("sts.amazonaws.com"),
            {
                keys: { sub: gitHubSub, repository: gitHubRepository, repository_id: repositoryId, repository_owner_id: ownerId },
                must: "pinned to one owner and repository",
                fix: p => `StringLike "${p}:sub": "repo:<owner>/<repo>:ref:refs/heads/<branch>" (or "repo:<owner>/<repo>:*")`,
            },
        ],
    },
    {
        name: "Amazon EKS (IRSA)",
        kind: "oidc",
        issuer: /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\/[A-Za-z0-9]+$/i,
        who: "Every pod of the cluster can get a token for its own service account",
        claims: [
            AUD("sts.amazonaws.com"),
            {
                keys: { sub: (v, like) => (concrete(v, like) === "one" && /^system:serviceaccount:[^:]+:[^:]+$/.test(v) ? "one" : "none") },
                must: "pinned to one service account (system:serviceaccount:<namespace>:<name>)",
                fix: p => `StringEquals "${p}:sub": "system:serviceaccount:<namespace>:<service-account>"`,
            },
        ],
    },
    {
        name: "Amazon Cognito identity pools",
        kind: "oidc",
        builtIn: true,
        issuer: /^cognito-identity\.amazonaws\.com$/i,
        who: "Anyone can get a Cognito identity token, from any identity pool in any account, and as a guest where a pool allows it",
        claims: [
            AUD("<region>:<identity-pool-id>"),
            {
                keys: { amr: (v, like) => (concrete(v, like) === "one" && v.toLowerCase() === "authenticated" ? "one" : "none") },
                multivalued: true,
                must: 'tested with ForAnyValue for "authenticated"',
                fix: p => `ForAnyValue:StringLike "${p}:amr": "authenticated"`,
            },
        ],
    },
    {
        name: "Google",
        kind: "oidc",
        builtIn: true,
        issuer: /^accounts\.google\.com$/i,
        who: "Anyone with a Google account can get a Google ID token for any app, and AWS checks no audience of its own for Google",
        claims: [AUD("<your OAuth client ID>")],
    },
    {
        name: "Login with Amazon",
        kind: "oidc",
        builtIn: true,
        issuer: /^www\.amazon\.com$/i,
        who: "Anyone with an Amazon account can get a token for any app",
        claims: [APP_ID],
    },
    {
        name: "Facebook",
        kind: "oidc",
        builtIn: true,
        issuer: /^graph\.facebook\.com$/i,
        who: "Anyone with a Facebook account can get a token for any app",
        claims: [APP_ID],
    },
    {
        name: "SAML provider",
        kind: "saml",
        issuer: /^saml$/i,
        who: "AWS requires a SAML role's trust to test SAML:aud, the endpoint an assertion was issued for, so that only assertions issued to AWS sign-in assume the role",
        claims: [{ keys: { aud: concrete }, must: "required", fix: () => `StringEquals "SAML:aud": "https://signin.aws.amazon.com/saml"` }],
    },
];

/** Any other OIDC issuer: its audience (client ID) and subject. */
export const OTHER_OIDC: Issuer = {
    name: "OIDC provider",
    kind: "oidc",
    issuer: /^/,
    who: "Every identity of this provider can get a token from it",
    claims: [AUD("<client ID>"), { keys: { sub: concrete }, must: "required", fix: p => `StringEquals "${p}:sub": "<subject>"` }],
};
