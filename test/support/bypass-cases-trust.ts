/**
 * Round two's trust cases of the bypass corpus (prefix `r2-trust-`): federated trust per issuer,
 * network breadth on the union of a clause's CIDRs, policy variables, MFA age and VPC endpoints.
 * They are built with the corpus's own helpers (test/support/bypass-kit.ts).
 */
import { ACCOUNT, base, BypassCase, doc, extra, ONLY, OFFICE, T, trust, TRUST, USER, VENDOR, XACCT } from "./bypass-kit";

const GH = "token.actions.githubusercontent.com";
const EKS = "oidc.eks.us-east-1.amazonaws.com/id/5C3A1B2D6E7F8A9B";

/** Builds the cases, bypasses first. */
function trustCases(): BypassCase[] {
    const oidc = (url: string) => `arn:aws:iam::${ACCOUNT}:oidc-provider/${url}`;
    /** A CI role beside the base stack, trusting a provider through `action`. */
    const federated = (name: string, description: string, mustFire: string[], Principal: unknown, Condition?: Record<string, unknown>, Action = "sts:AssumeRoleWithWebIdentity"): BypassCase =>
        extra(name, description, mustFire, [
            {
                type: T.role,
                name: "ci-role",
                props: { name: "ci-role", arn: `arn:aws:iam::${ACCOUNT}:role/ci-role`, maxSessionDuration: 3600, assumeRolePolicy: doc({ Effect: "Allow", Principal, Action, ...(Condition ? { Condition } : {}) }) },
            },
        ]);
    const gitHub = (name: string, description: string, Condition?: Record<string, unknown>, mustFire = [TRUST]) => federated(name, description, mustFire, { Federated: oidc(GH) }, Condition);
    const aud = { [`${GH}:aud`]: "sts.amazonaws.com" };
    /** The base stack with the app role trusting the user under `condition`. */
    const userTrust = (name: string, description: string, condition: Record<string, unknown>, mustFire = [TRUST], principal: unknown = { AWS: USER }): BypassCase => ({
        name,
        description,
        mustFire,
        resources: base({ trust: trust(condition, principal) }),
    });
    const ip = (...cidrs: string[]) => ({ IpAddress: { "aws:SourceIp": cidrs } });
    return [
        gitHub("r2-trust-github-no-condition", "GitHub Actions OIDC with no condition: any workflow in the world"),
        gitHub("r2-trust-github-aud-only", "GitHub Actions with only :aud, which every workflow chooses itself", { StringEquals: aud }),
        gitHub("r2-trust-github-repo-star", 'GitHub :sub "repo:*" names no owner or repository', { StringEquals: aud, StringLike: { [`${GH}:sub`]: "repo:*" } }),
        gitHub("r2-trust-github-any-owner", 'GitHub :sub "repo:*/name:*" matches that name under any owner', { StringEquals: aud, StringLike: { [`${GH}:sub`]: "repo:*/deploy:*" } }),
        gitHub("r2-trust-github-org-wide", 'GitHub :sub "repo:octo-org/*" is org-wide, and gitHubOrgWide lists no owner', { StringEquals: aud, StringLike: { [`${GH}:sub`]: "repo:octo-org/*" } }),
        gitHub("r2-trust-github-forallvalues-sub", "ForAllValues on :sub is true when the claim matches vacuously", {
            StringEquals: aud,
            "ForAllValues:StringLike": { [`${GH}:sub`]: "repo:octo-org/octo-repo:*" },
        }),
        federated("r2-trust-eks-namespace-wide", "EKS IRSA :sub for any service account of a namespace", [TRUST], { Federated: oidc(EKS) }, {
            StringEquals: { [`${EKS}:aud`]: "sts.amazonaws.com" },
            StringLike: { [`${EKS}:sub`]: "system:serviceaccount:payments:*" },
        }),
        federated("r2-trust-cognito-no-aud", "Cognito with amr but no :aud: an identity from any pool", [TRUST], { Federated: "cognito-identity.amazonaws.com" }, {
            "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
        }),
        federated("r2-trust-google-no-aud", "Google with only :sub: a token of that user for any app", [TRUST], { Federated: "accounts.google.com" }, {
            StringEquals: { "accounts.google.com:sub": "110169484474386276334" },
        }),
        federated("r2-trust-oidc-aud-only", "another OIDC provider with only :aud: every identity of it", [TRUST], { Federated: oidc("gitlab.com") }, { StringEquals: { "gitlab.com:aud": "https://gitlab.com" } }),
        federated("r2-trust-saml-no-aud", "a SAML provider without SAML:aud", [TRUST], { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/okta` }, undefined, "sts:AssumeRoleWithSAML"),
        federated("r2-trust-star-web-identity", '"*" on AssumeRoleWithWebIdentity admits every provider AWS accepts', [TRUST], "*"),
        userTrust("r2-trust-ipv4-halves", "0.0.0.0/1 and 128.0.0.0/1 are all of IPv4", ip("0.0.0.0/1", "128.0.0.0/1")),
        userTrust("r2-trust-ipv6-halves", "::/1 and 8000::/1 are all of IPv6 (and, mapped, of IPv4)", ip("::/1", "8000::/1")),
        userTrust("r2-trust-ipv6-routed", "2000::/3 is all routed IPv6", ip("2000::/3")),
        userTrust("r2-trust-office-plus-quarters", "an office /24 plus the four /2s of IPv4", ip(OFFICE, "0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2")),
        userTrust("r2-trust-external-id-variable", 'StringEquals sts:ExternalId "${aws:username}" is filled in from the caller', { StringEquals: { "sts:ExternalId": "${aws:username}" } }, [TRUST, XACCT], {
            AWS: `arn:aws:iam::${VENDOR}:root`,
        }),
        userTrust("r2-trust-mfa-age-ifexists", "NumericLessThanIfExists aws:MultiFactorAuthAge passes without MFA", { NumericLessThanIfExists: { "aws:MultiFactorAuthAge": "3600" } }),
        {
            name: "r2-trust-user-variable-role",
            description: "an assume-only user whose role ARN is role/${aws:RequestTag/target}: the caller picks the role",
            mustFire: [ONLY],
            resources: base({ userPolicy: doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:aws:iam::${ACCOUNT}:role/\${aws:RequestTag/target}` }) }),
        },
        // Legitimate patterns: none of the mandatory rules may fire.
        gitHub("r2-trust-legit-github-pinned", "GitHub pinned to one repository and branch, with :aud", { StringEquals: { ...aud, [`${GH}:sub`]: "repo:octo-org/octo-repo:ref:refs/heads/main" } }, []),
        federated("r2-trust-legit-eks-irsa", "EKS IRSA pinned to one service account, with :aud", [], { Federated: oidc(EKS) }, {
            StringEquals: { [`${EKS}:aud`]: "sts.amazonaws.com", [`${EKS}:sub`]: "system:serviceaccount:payments:api" },
        }),
        federated("r2-trust-legit-cognito", "Cognito bound to one identity pool, authenticated identities only", [], { Federated: "cognito-identity.amazonaws.com" }, {
            StringEquals: { "cognito-identity.amazonaws.com:aud": "us-east-1:0b1c2d3e-aaaa-bbbb-cccc-0123456789ab" },
            "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
        }),
        federated("r2-trust-legit-saml", "a SAML provider with AWS's documented SAML:aud", [], { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/okta` }, {
            StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" },
        }, "sts:AssumeRoleWithSAML"),
        userTrust("r2-trust-legit-mfa-age", "a trust requiring MFA no older than an hour (the key is absent without MFA)", { NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } }, []),
        userTrust("r2-trust-legit-source-vpce", "a trust bound to one VPC endpoint", { StringEquals: { "aws:SourceVpce": "vpce-0a1b2c3d4e5f67890" } }, []),
        userTrust("r2-trust-legit-office-and-28s", "an office /24 plus two /28s", ip(OFFICE, "203.0.113.0/28", "203.0.113.32/28"), []),
        userTrust("r2-trust-legit-ipv6-48", "an IPv6 /48", ip("2001:db8:1234::/48"), []),
    ];
}

/** The cases, bypasses first. */
export const TRUST_CASES: readonly BypassCase[] = trustCases();
