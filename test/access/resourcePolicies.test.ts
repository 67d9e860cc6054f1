/**
 * Resource policies as AWS evaluates them, for an assume-only user: which principals reach the user
 * and which do not, proven with the evaluator and set beside the pack's verdict on the same stack.
 * An account's root (own or another's, as in AWS's default KMS key policy and ELB log delivery)
 * delegates to identity policies and gives the user nothing; `*` reaches the user unless
 * aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalOrgID or s3:DataAccessPointAccount (AWS's
 * access-point delegation) narrows the user out, or a service-source key (aws:SourceArn, SNS's
 * AWS:SourceOwner in AWS's default topic policy) admits only services calling for a resource.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { HostResource, runPolicies } from "../../policypack/host";
import { iamUserAssumeOnly } from "../../policypack/rules/iam-user-assume-only";
import { iamUserNoDirectDataAccess } from "../../policypack/rules/iam-user-no-direct-data-access";
import { ACCOUNT, ARN, assumeOnlyPolicy, deployed, OFFICE, T, VENDOR } from "../policypack/fixtures";
import { CASES } from "../support/bypass-cases";
import { REPO_ROOT } from "../support/mocked";
import { Decision, evaluate, RequestContext } from "../support/simulate";

const OFFICE_IP: RequestContext = { sourceIp: OFFICE.replace("0/24", "7"), mfa: null, viaAwsService: false };
const BUCKET = "arn:aws:s3:::exports";
const OBJECT = `${BUCKET}/2026/report.csv`;
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ACCESS_POINT = `arn:aws:s3:eu-west-1:${ACCOUNT}:accesspoint/reports`;
const ELB_LOG_DELIVERY = "arn:aws:iam::127311923021:root";
const ORG = { own: "o-ownorg1234", partner: "o-partner5678" };
const TOPIC = `arn:aws:sns:eu-west-1:${ACCOUNT}:alerts`;
const QUEUE = `arn:aws:sqs:eu-west-1:${ACCOUNT}:jobs`;

/** One resource policy, the request the proof makes, and the resource that holds the policy in the stack. */
interface Shape {
    readonly policy: Record<string, unknown>;
    readonly action: string;
    readonly resource: string;
    readonly holder: (policy: string) => HostResource;
    readonly context?: RequestContext;
    readonly settings?: Record<string, unknown>;
}

const statement = (Principal: unknown, Action: string, Resource: string, Condition?: Record<string, unknown>) => ({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal, Action, Resource, ...(Condition ? { Condition } : {}) }],
});
const bucketPolicy = (policy: string) => deployed(T.bucketPolicy, "exports-policy", { bucket: "exports", policy });
const keyPolicy = (policy: string) => deployed("aws:kms/key:Key", "data-key", { arn: KEY, policy });
const accessPointPolicy = (policy: string) => deployed("aws:s3control/accessPointPolicy:AccessPointPolicy", "reports-policy", { accessPointArn: ACCESS_POINT, policy });
const topic = (policy: string) => deployed("aws:sns/topic:Topic", "alerts", { name: "alerts", arn: TOPIC, policy });
const queue = (policy: string) => deployed("aws:sqs/queue:Queue", "jobs", { name: "jobs", arn: QUEUE, policy });

/** The policy AWS gives a topic created without one (SNS Developer Guide, "Amazon SNS access control"). */
const DEFAULT_TOPIC_POLICY = {
    Version: "2008-10-17",
    Id: "__default_policy_ID",
    Statement: [
        {
            Sid: "__default_statement_ID",
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: ["SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission", "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish"],
            Resource: TOPIC,
            Condition: { StringEquals: { "AWS:SourceOwner": ACCOUNT } },
        },
    ],
};
const onObjects = (Principal: unknown, Condition?: Record<string, unknown>): Shape => ({ policy: statement(Principal, "s3:GetObject", `${BUCKET}/*`, Condition), action: "s3:GetObject", resource: OBJECT, holder: bucketPolicy });

/** AWS's default key policy (AWS KMS Developer Guide, "Default key policy"). */
const DEFAULT_KEY_POLICY = {
    Version: "2012-10-17",
    Id: "key-default-1",
    Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }],
};

/** AWS's access-point delegation (S3 User Guide, "Delegating access control to access points"). */
const DELEGATION = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "*", Resource: [BUCKET, `${BUCKET}/*`], Condition: { StringEquals: { "s3:DataAccessPointAccount": ACCOUNT } } }],
};

const SHAPES: Readonly<Record<string, Shape>> = {
    "own account root": onObjects({ AWS: `arn:aws:iam::${ACCOUNT}:root` }),
    "own account ID": onObjects({ AWS: ACCOUNT }),
    "another account's root (ELB log delivery)": { ...onObjects({ AWS: ELB_LOG_DELIVERY }), policy: statement({ AWS: ELB_LOG_DELIVERY }, "s3:PutObject", `${BUCKET}/*`), action: "s3:PutObject" },
    "the user's ARN": onObjects({ AWS: ARN.user }),
    "*": onObjects("*"),
    "KMS default key policy": { policy: DEFAULT_KEY_POLICY, action: "kms:Decrypt", resource: KEY, holder: keyPolicy },
    "access-point delegation, request to the bucket": { policy: DELEGATION, action: "s3:GetObject", resource: OBJECT, holder: bucketPolicy },
    "access point policy naming the account": { policy: statement({ AWS: `arn:aws:iam::${ACCOUNT}:root` }, "s3:GetObject", `${ACCESS_POINT}/object/*`), action: "s3:GetObject", resource: `${ACCESS_POINT}/object/report.csv`, holder: accessPointPolicy },
    "access point policy naming the user": { policy: statement({ AWS: ARN.user }, "s3:GetObject", `${ACCESS_POINT}/object/*`), action: "s3:GetObject", resource: `${ACCESS_POINT}/object/report.csv`, holder: accessPointPolicy },
    "* narrowed by aws:PrincipalAccount to a partner": onObjects("*", { StringEquals: { "aws:PrincipalAccount": VENDOR } }),
    "* narrowed by aws:PrincipalAccount to the own account": onObjects("*", { StringEquals: { "aws:PrincipalAccount": ACCOUNT } }),
    "* narrowed by aws:PrincipalArn to roles": onObjects("*", { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/*` } }),
    "* narrowed by aws:PrincipalArn to the user": onObjects("*", { ArnEquals: { "aws:PrincipalArn": ARN.user } }),
    "SNS default topic policy (AWS:SourceOwner)": { policy: DEFAULT_TOPIC_POLICY, action: "sns:Publish", resource: TOPIC, holder: topic },
    "* with aws:SourceArn (a queue fed by a topic)": { policy: statement("*", "sqs:SendMessage", QUEUE, { ArnEquals: { "aws:SourceArn": TOPIC } }), action: "sqs:SendMessage", resource: QUEUE, holder: queue },
    "* narrowed by aws:PrincipalOrgID to a partner's organisation": {
        ...onObjects("*", { StringEquals: { "aws:PrincipalOrgID": ORG.partner } }),
        context: { ...OFFICE_IP, extra: { "aws:PrincipalOrgID": ORG.own } },
        settings: { ownOrganizationIds: [ORG.own] },
    },
    "* narrowed by aws:PrincipalOrgID to the own organisation": { ...onObjects("*", { StringEquals: { "aws:PrincipalOrgID": ORG.own } }), context: { ...OFFICE_IP, extra: { "aws:PrincipalOrgID": ORG.own } } },
};

/** The assume-only user, in the own account. */
function userStack(): HostResource[] {
    const user = deployed(T.user, "app-user", { name: "app-user", path: "/", arn: ARN.user });
    return [user, deployed(T.userPolicy, "app-user-assume", { user: "app-user", policy: JSON.stringify(assumeOnlyPolicy()) }, { user: [user] })];
}

async function packFlags(shape: Shape): Promise<string[]> {
    const rules = [iamUserNoDirectDataAccess, iamUserAssumeOnly];
    const settings = shape.settings ?? {};
    const result = await runPolicies(rules, [...userStack(), shape.holder(JSON.stringify(shape.policy))], Object.fromEntries(rules.map(r => [r.name, settings])));
    return [...new Set(result.diagnostics.map(d => d.policyName))].sort();
}

function verdict(shape: Shape): Promise<Decision> {
    return evaluate({
        principal: ARN.user,
        action: shape.action,
        resource: shape.resource,
        resourceAccount: ACCOUNT,
        identityPolicies: [assumeOnlyPolicy()],
        resourcePolicy: shape.policy,
        context: shape.context ?? OFFICE_IP,
    });
}

describe("access proofs: resource policies and an assume-only user", () => {
    it("Proof: the pack flags a resource policy exactly when the evaluator lets the assume-only user in", async () => {
        const seen: Record<string, [Decision, string[]]> = {};
        for (const [name, shape] of Object.entries(SHAPES)) {
            seen[name] = [await verdict(shape), await packFlags(shape)];
        }
        const both = ["iam-user-assume-only", "iam-user-no-direct-data-access"];
        assert.deepStrictEqual(seen, {
            "own account root": ["ImplicitlyDenied", []],
            "own account ID": ["ImplicitlyDenied", []],
            "another account's root (ELB log delivery)": ["ImplicitlyDenied", []],
            "the user's ARN": ["Allowed", both],
            "*": ["Allowed", both],
            "KMS default key policy": ["ImplicitlyDenied", []],
            "access-point delegation, request to the bucket": ["ImplicitlyDenied", []],
            "access point policy naming the account": ["ImplicitlyDenied", []],
            "access point policy naming the user": ["Allowed", both],
            "* narrowed by aws:PrincipalAccount to a partner": ["ImplicitlyDenied", []],
            "* narrowed by aws:PrincipalAccount to the own account": ["Allowed", both],
            "* narrowed by aws:PrincipalArn to roles": ["ImplicitlyDenied", []],
            "* narrowed by aws:PrincipalArn to the user": ["Allowed", both],
            "SNS default topic policy (AWS:SourceOwner)": ["ImplicitlyDenied", []],
            "* with aws:SourceArn (a queue fed by a topic)": ["ImplicitlyDenied", []],
            "* narrowed by aws:PrincipalOrgID to a partner's organisation": ["ImplicitlyDenied", []],
            "* narrowed by aws:PrincipalOrgID to the own organisation": ["Allowed", both],
        });
    });

    it("Proof: the account root delegates to identity policies: a user whose own policy allows kms:Decrypt gets it, the assume-only user does not", async () => {
        const ask = (identity: Record<string, unknown>) =>
            evaluate({ principal: ARN.user, action: "kms:Decrypt", resource: KEY, identityPolicies: [identity], resourcePolicy: DEFAULT_KEY_POLICY, context: OFFICE_IP });
        const decrypt = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:Decrypt", Resource: KEY }] };
        assert.deepStrictEqual({ assumeOnly: await ask(assumeOnlyPolicy()), identityAllows: await ask(decrypt) }, { assumeOnly: "ImplicitlyDenied", identityAllows: "Allowed" });
    });

    it("Proof: bucket-policy-account-root (round one's corpus) is not a bypass: the evaluator denies the corpus user, and the corpus expects no rule", async () => {
        const c = CASES.find(x => x.name === "bucket-policy-account-root");
        const doc = (type: string) => JSON.parse(String(c?.resources.find(r => r.type === type)?.props.policy)) as Record<string, unknown>;
        const user = String(c?.resources.find(r => r.type === T.user)?.props.arn);
        const decision = await evaluate({
            principal: user,
            action: "s3:GetObject",
            resource: "arn:aws:s3:::exports/2026/report.csv",
            resourceAccount: user.split(":")[4],
            identityPolicies: [doc(T.userPolicy)],
            resourcePolicy: doc(T.bucketPolicy),
            context: { sourceIp: "198.51.100.7", mfa: null, viaAwsService: false },
        });
        const expected = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "test", "fixtures", "bypass", "expected.json"), "utf8")) as Record<string, string[]>;
        assert.deepStrictEqual({ decision, expected: expected["bucket-policy-account-root"], mustFire: c?.mustFire }, { decision: "ImplicitlyDenied", expected: [], mustFire: [] });
    });
});
