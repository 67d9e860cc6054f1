/**
 * Round two's role cases of the bypass corpus (prefix `r2-roles-`, issue 12 deliverables 7 and 8):
 * a role the user can assume that holds a policy the pack cannot read, that can escalate itself, or
 * that reaches data beyond named resources (S3 buckets, secrets, keys), and IAM documents and
 * principals AWS would refuse for their size; and the legitimate patterns beside them: an S3 prefix,
 * a Lambda service role with broad grants, an external policy exempted with a reason, a trust near
 * its quota, a deploy role passing one named role. Built with the corpus's own kit.
 */
import { ACCOUNT, assume, base, BypassCase, doc, Props, Res, ROLE, SCOPED, T, trust, urnOf } from "./bypass-kit";

export const READABLE = "iam-role-policies-readable";
export const ESCALATION = "iam-role-no-self-escalation";
export const QUOTAS = "iam-within-aws-quotas";

const REGION = "us-east-1";
const EXTERNAL_POLICY = `arn:aws:iam::${ACCOUNT}:policy/vendor-managed`;
const SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:api-key-AbCdEf`;
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const role = urnOf(T.role, "app-role");
const allow = (Action: unknown, Resource: unknown, Condition?: Props) => ({ Effect: "Allow", Action, Resource, ...(Condition ? { Condition } : {}) });

/** `n` distinct /24s inside 100.64.0.0/16 (their union stays far within one /8: only their number is at fault). */
export const cidrs = (n: number) => Array.from({ length: n }, (_, i) => `100.64.${i}.0/24`);

/** The base stack with the app role's policy replaced by these statements. */
const rolePolicy = (...statements: Props[]) => base({ rolePolicy: doc(...statements) });
const attachToRole = (name: string, policyArn: string): Res => ({ type: T.roleAttach, name, props: { role: "app-role", policyArn }, deps: { role: [role] } });
const customerPolicy = (name: string, statement: Props): Res => ({ type: T.policy, name, props: { name, arn: `arn:aws:iam::${ACCOUNT}:policy/${name}`, policy: doc(statement) } });

const bypass = (name: string, description: string, mustFire: string[], resources: Res[]): BypassCase => ({ name: `r2-roles-${name}`, description, mustFire, resources });
const legit = (name: string, description: string, resources: Res[], config?: BypassCase["config"]): BypassCase => ({ name: `r2-roles-legit-${name}`, description, mustFire: [], resources, ...(config ? { config } : {}) });

/** Eleven customer policies, each reading the table, attached to the app role. */
function elevenPolicies(): Res[] {
    return Array.from({ length: 11 }, (_, i) => [customerPolicy(`items-read-${i}`, allow("dynamodb:GetItem", `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/items`)), attachToRole(`items-read-${i}-attach`, `arn:aws:iam::${ACCOUNT}:policy/items-read-${i}`)]).flat();
}

/** Round two's role cases, bypasses first. */
export const ROLE_CASES: readonly BypassCase[] = [
    bypass("external-customer-policy", "a customer policy the stack does not define, attached to a role the user can assume", [READABLE], [...base(), attachToRole("app-role-vendor", EXTERNAL_POLICY)]),
    bypass(
        "unknown-managed-arn",
        "an AWS managed ARN the pack does not know, in the assumable role's managedPolicyArns",
        [SCOPED, READABLE],
        base().map(r => (r.type === T.role ? { ...r, props: { ...r.props, managedPolicyArns: ["arn:aws:iam::aws:policy/NotARealPolicy"] } } : r)),
    ),
    bypass("put-role-policy-self", "iam:PutRolePolicy on its own ARN: the role can grant itself anything", [ESCALATION], rolePolicy(allow("iam:PutRolePolicy", ROLE))),
    bypass("attach-role-policy-star", "iam:AttachRolePolicy on *: the role can attach AdministratorAccess to itself", [ESCALATION], rolePolicy(allow("iam:AttachRolePolicy", "*"))),
    bypass("passrole-star-lambda", "iam:PassRole on every role with lambda:CreateFunction: the role becomes any Lambda role", [ESCALATION], rolePolicy(allow("iam:PassRole", "*"), allow(["lambda:CreateFunction", "lambda:InvokeFunction"], "*"))),
    bypass("s3-star", "s3:* on *: the user's key reaches every bucket through the role", [SCOPED], rolePolicy(allow("s3:*", "*"))),
    bypass("s3-getobject-all-buckets", "s3:GetObject on arn:aws:s3:::*/*: every object of every bucket", [SCOPED], rolePolicy(allow("s3:GetObject", "arn:aws:s3:::*/*"))),
    bypass("secret-star", "secretsmanager:GetSecretValue on *: every secret of the account", [SCOPED], rolePolicy(allow("secretsmanager:GetSecretValue", "*"))),
    bypass("kms-decrypt-star", "kms:Decrypt on *: every key whose policy enables IAM (AWS's default)", [SCOPED], rolePolicy(allow("kms:Decrypt", "*"))),
    bypass("trust-over-quota", "a trust listing 150 office CIDRs: 2,780 characters, over IAM's 2,048 (pulumi up would fail)", [QUOTAS], base({ trust: trust({ IpAddress: { "aws:SourceIp": cidrs(150) } }) })),
    bypass(
        "user-policy-over-quota",
        "an assume-only user denied outside 150 CIDRs: its policy is over IAM's 2,048 for a user's inline policies",
        [QUOTAS],
        base({ userPolicy: doc(assume, { Effect: "Deny", Action: "*", Resource: "*", Condition: { NotIpAddress: { "aws:SourceIp": cidrs(150) }, Bool: { "aws:ViaAWSService": "false" } } }) }),
    ),
    bypass("too-many-managed-policies", "eleven managed policies attached to one role, over IAM's quota of 10", [QUOTAS], [...base(), ...elevenPolicies()]),
    // Legitimate patterns: none of the mandatory rules may fire.
    legit(
        "s3-prefix",
        "an assumable role reading one bucket prefix (objects under it, and listing it)",
        rolePolicy(allow("s3:GetObject", "arn:aws:s3:::exports/vendor/*"), allow("s3:ListBucket", "arn:aws:s3:::exports", { StringLike: { "s3:prefix": "vendor/*" } })),
    ),
    legit(
        "lambda-service-role",
        "a Lambda execution role with logs:* and s3:* on *: no user can assume it",
        base({
            trust: doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } }),
            rolePolicy: doc(allow(["logs:*", "s3:*"], "*")),
        }),
    ),
    legit(
        "external-policy-exempted",
        "an external customer policy on the assumable role, exempted with a reason",
        [...base(), attachToRole("app-role-vendor", EXTERNAL_POLICY)],
        { [READABLE]: { exemptions: [{ resource: "app-role-vendor", reason: "SEC-1234: the vendor policy is reviewed in the vendor's own pipeline" }] } },
    ),
    legit("trust-near-quota", "a trust listing 109 office CIDRs: 2,042 characters, just under IAM's 2,048", base({ trust: trust({ IpAddress: { "aws:SourceIp": cidrs(109) } }) })),
    legit("named-secret-and-key", "an assumable role reading one secret and decrypting with one key", rolePolicy(allow("secretsmanager:GetSecretValue", SECRET), allow("kms:Decrypt", KEY))),
    legit(
        "deploy-role-passes-one-role",
        "a deploy role passing one named Lambda role and creating functions, trusted from the office",
        rolePolicy(allow("iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/lambda-exec`), allow(["lambda:CreateFunction", "lambda:UpdateFunctionCode"], "*")),
    ),
];
