import * as assert from "assert";

import { parsePolicy, Statement } from "../../../policypack/lib/document";
import { federatedGaps, issuerOf } from "../../../policypack/lib/federatedTrust";
import { admittedPrincipals } from "../../../policypack/lib/principals";

const GITHUB = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
const GH = "token.actions.githubusercontent.com";
const EKS = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/5C3A1B2D";
const EK = "oidc.eks.eu-west-1.amazonaws.com/id/5C3A1B2D";

function statement(principal: unknown, condition: Record<string, unknown> = {}, action = "sts:AssumeRoleWithWebIdentity"): Statement {
    const parsed = parsePolicy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: action, Condition: condition }] });
    assert.ok(parsed.ok);
    return parsed.document.statements[0];
}

/** The gaps of one statement as `issuer: why; why` lines. */
function gaps(principal: unknown, condition: Record<string, unknown> = {}, orgWide: string[] = [], action?: string): string[] {
    const s = statement(principal, condition, action);
    return federatedGaps(s, admittedPrincipals(s.principals), { gitHubOrgWide: orgWide }).map(g => `${g.issuer?.name ?? g.principal}: ${g.unbound.map(u => u.why).join("; ")}`);
}

const AUD = { [`${GH}:aud`]: "sts.amazonaws.com" };
const gitHub = (sub: unknown, op = "StringLike") => gaps({ Federated: GITHUB }, op === "StringEquals" ? { StringEquals: { ...AUD, [`${GH}:sub`]: sub } } : { StringEquals: AUD, [op]: { [`${GH}:sub`]: sub } });

describe("lib/federatedTrust", () => {
    it("reads the issuer of OIDC and SAML provider ARNs and of the built-in providers", () => {
        const read = (f: string) => {
            const found = issuerOf(f);
            return found ? `${found.issuer.name} ${found.prefix}` : undefined;
        };
        assert.deepStrictEqual(
            [
                GITHUB,
                "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com/octo-enterprise",
                "arn:aws:iam::123456789012:oidc-provider/token.actions.octocorp.ghe.com",
                "arn:aws:iam::123456789012:oidc-provider/github.example.com/_services/token",
                EKS,
                "cognito-identity.amazonaws.com",
                "accounts.google.com",
                "www.amazon.com",
                "graph.facebook.com",
                "arn:aws:iam::123456789012:saml-provider/okta",
                "arn:aws:iam::123456789012:oidc-provider/gitlab.com",
                "gitlab.com",
                "*",
            ].map(read),
            [
                `GitHub Actions ${GH}`,
                `GitHub Actions ${GH}/octo-enterprise`,
                "GitHub Actions token.actions.octocorp.ghe.com",
                "GitHub Actions github.example.com/_services/token",
                `Amazon EKS (IRSA) ${EK}`,
                "Amazon Cognito identity pools cognito-identity.amazonaws.com",
                "Google accounts.google.com",
                "Login with Amazon www.amazon.com",
                "Facebook graph.facebook.com",
                "SAML provider SAML",
                "OIDC provider gitlab.com",
                undefined,
                undefined,
            ],
        );
    });

    it("binds GitHub only with the audience and a sub pinned to one owner and repository", () => {
        const notPinned = (v: string, op = "StringLike") => `GitHub Actions: ${op} ${GH}:sub ${JSON.stringify(v)} (not pinned to one owner and repository)`;
        assert.deepStrictEqual(
            [
                gitHub("repo:octo-org/octo-repo:ref:refs/heads/main", "StringEquals"),
                gitHub("repo:octo-org/octo-repo:*"),
                gitHub(["repo:octo-org/octo-repo:environment:prod", "repo:octo-org/other:pull_request"]),
                gitHub("repo:octo-org@65/octo-repo@74:*"),
                gitHub("repo:octo-org/octo-repo", "StringEquals"),
                gitHub("repository_owner_id:65:repository_id:74:*"),
            ],
            [[], [], [], [], [], []],
        );
        assert.deepStrictEqual(
            [gitHub("repo:*"), gitHub("repo:*/octo-repo:*"), gitHub("repo:octo*"), gitHub("*"), gitHub("job_workflow_ref:octo-org/ci/.github/workflows/deploy.yml@refs/heads/main", "StringEquals")],
            [[notPinned("repo:*")], [notPinned("repo:*/octo-repo:*")], [notPinned("repo:octo*")], [`GitHub Actions: StringLike ${GH}:sub "*" (an empty or wildcard value matches anything)`], [notPinned("job_workflow_ref:octo-org/ci/.github/workflows/deploy.yml@refs/heads/main", "StringEquals")]],
        );
    });

    it("allows a GitHub owner's every repository only for owners listed in gitHubOrgWide", () => {
        const orgWide = (v: string) => `GitHub Actions: StringLike ${GH}:sub ${JSON.stringify(v)} (admits every repository of octo-org; list octo-org in gitHubOrgWide to allow that)`;
        assert.deepStrictEqual([gitHub("repo:octo-org/*"), gitHub("repo:octo-org/octo-repo*")], [[orgWide("repo:octo-org/*")], [orgWide("repo:octo-org/octo-repo*")]]);
        const s = statement({ Federated: GITHUB }, { StringEquals: AUD, StringLike: { [`${GH}:sub`]: "repo:Octo-Org/*" } });
        assert.deepStrictEqual(federatedGaps(s, admittedPrincipals(s.principals), { gitHubOrgWide: ["octo-org"] }), []);
    });

    it("accepts GitHub's repository claims in place of sub, as AWS now evaluates them", () => {
        assert.deepStrictEqual(
            [
                gaps({ Federated: GITHUB }, { StringEquals: { ...AUD, [`${GH}:repository`]: "octo-org/octo-repo" } }),
                gaps({ Federated: GITHUB }, { StringEquals: { ...AUD, [`${GH}:repository_id`]: "74" } }),
                gaps({ Federated: GITHUB }, { StringEquals: { ...AUD, [`${GH}:repository_owner_id`]: "65" } }, ["65"]),
            ],
            [[], [], []],
        );
    });

    it("names each unbound claim: missing, IfExists, ForAllValues, negated, a variable", () => {
        assert.deepStrictEqual(
            [
                gaps({ Federated: GITHUB }),
                gaps({ Federated: GITHUB }, { StringEquals: AUD }),
                gaps({ Federated: GITHUB }, { StringEquals: AUD, "ForAllValues:StringLike": { [`${GH}:sub`]: "repo:octo-org/octo-repo:*" } }),
                gaps({ Federated: GITHUB }, { StringEquals: AUD, StringLikeIfExists: { [`${GH}:sub`]: "repo:octo-org/octo-repo:*" } }),
                gaps({ Federated: GITHUB }, { StringEquals: AUD, StringNotLike: { [`${GH}:sub`]: "repo:evil/*" } }),
                gaps({ Federated: GITHUB }, { StringEquals: { [`${GH}:aud`]: "${aws:username}" }, StringLike: { [`${GH}:sub`]: "repo:octo-org/octo-repo:*" } }),
            ],
            [
                [`GitHub Actions: ${GH}:aud is not required; none of ${GH}:sub, ${GH}:repository, ${GH}:repository_id, ${GH}:repository_owner_id is required`],
                [`GitHub Actions: none of ${GH}:sub, ${GH}:repository, ${GH}:repository_id, ${GH}:repository_owner_id is required`],
                [`GitHub Actions: ForAllValues:StringLike ${GH}:sub "repo:octo-org/octo-repo:*" (ForAllValues passes when the key is absent)`],
                [`GitHub Actions: StringLikeIfExists ${GH}:sub "repo:octo-org/octo-repo:*" (IfExists passes when the key is absent)`],
                [`GitHub Actions: StringNotLike ${GH}:sub "repo:evil/*" (a negated operator passes when the key is absent)`],
                [`GitHub Actions: StringEquals ${GH}:aud "\${aws:username}" (a policy variable is filled in from the request itself)`],
            ],
        );
    });

    it("binds EKS, Cognito, Google, SAML and any other OIDC issuer by their rows", () => {
        const cognito = { StringEquals: { "cognito-identity.amazonaws.com:aud": "eu-west-1:0b1c2d3e-aaaa-bbbb-cccc-0123456789ab" } };
        assert.deepStrictEqual(
            [
                gaps({ Federated: EKS }, { StringEquals: { [`${EK}:aud`]: "sts.amazonaws.com", [`${EK}:sub`]: "system:serviceaccount:payments:api" } }),
                gaps({ Federated: EKS }, { StringEquals: { [`${EK}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${EK}:sub`]: "system:serviceaccount:payments:*" } }),
                gaps({ Federated: "cognito-identity.amazonaws.com" }, { ...cognito, "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" } }),
                gaps({ Federated: "cognito-identity.amazonaws.com" }, { ...cognito, StringLike: { "cognito-identity.amazonaws.com:amr": "authenticated" } }),
                gaps({ Federated: "cognito-identity.amazonaws.com" }, { "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "unauthenticated" } }),
                gaps({ Federated: "accounts.google.com" }, { StringEquals: { "accounts.google.com:sub": "110169484474386276334" } }),
                gaps({ Federated: "arn:aws:iam::123456789012:saml-provider/okta" }, { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } }, [], "sts:AssumeRoleWithSAML"),
                gaps({ Federated: "arn:aws:iam::123456789012:saml-provider/okta" }, {}, [], "sts:AssumeRoleWithSAML"),
                gaps({ Federated: "arn:aws:iam::123456789012:oidc-provider/gitlab.com" }, { StringEquals: { "gitlab.com:aud": "https://gitlab.com" } }),
                gaps({ Federated: "gitlab.com" }, {}),
            ],
            [
                [],
                [`Amazon EKS (IRSA): StringLike ${EK}:sub "system:serviceaccount:payments:*" (not pinned to one service account (system:serviceaccount:<namespace>:<name>))`],
                [],
                ['Amazon Cognito identity pools: StringLike cognito-identity.amazonaws.com:amr "authenticated" (the claim has several values; only ForAnyValue tests them)'],
                [
                    'Amazon Cognito identity pools: cognito-identity.amazonaws.com:aud is not required; ForAnyValue:StringLike cognito-identity.amazonaws.com:amr "unauthenticated" (not tested with ForAnyValue for "authenticated")',
                ],
                ["Google: accounts.google.com:aud is not required"],
                [],
                ["SAML provider: SAML:aud is not required"],
                ["OIDC provider: gitlab.com:sub is not required"],
                ["gitlab.com: "],
            ],
        );
    });

    it('binds a "*" principal on AssumeRoleWithWebIdentity only when one issuer\'s claims are all bound', () => {
        assert.deepStrictEqual(
            [
                gaps("*"),
                gaps("*", { StringEquals: { "accounts.google.com:aud": "1234.apps.googleusercontent.com" } }),
                gaps("*", { StringEquals: { "accounts.google.com:sub": "1101" } }),
                gaps("*", { IpAddress: { "aws:SourceIp": "198.51.100.0/24" } }, [], "sts:AssumeRole"),
            ],
            [["*: "], [], ["*: "], []],
        );
    });
});
