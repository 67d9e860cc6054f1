import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as assert from "assert";

import { toHostResources } from "../../../gate/judge";
import { fromMockedRun, SecretScrubber } from "../../../gate/resources";
import { runPolicies } from "../../../policypack/host";
import { policies } from "../../../policypack/policies";
import { doc, only, runComponents } from "../../support/mocked";

const POLICY_JSON = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadItems",
      "Effect": "Allow",
      "Action": [
        "dynamodb:Query",
        "dynamodb:GetItem"
      ],
      "Resource": "arn:aws:dynamodb:eu-west-1:123456789012:table/items",
      "Condition": {
        "IpAddress": {
          "aws:SourceIp": "198.51.100.0/24"
        }
      }
    }
  ]
}`;

const STATEMENTS = [
    {
        sid: "ReadItems",
        actions: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:GetItem"],
        resources: ["arn:aws:dynamodb:eu-west-1:123456789012:table/items"],
        conditions: [{ test: "IpAddress", variable: "aws:SourceIp", values: ["198.51.100.0/24"] }],
    },
];

describe("gate/invokes under the mocked runtime", () => {
    it("computes getPolicyDocument (promise form) and the policy reaches the resource as the provider writes it", async () => {
        const run = await runComponents(async () => {
            const document = await aws.iam.getPolicyDocument({ statements: STATEMENTS });
            new aws.iam.Policy("reader", { policy: document.json });
        });
        assert.strictEqual(only(run, "aws:iam/policy:Policy", "reader").inputs.policy, POLICY_JSON);
    });

    it("computes getPolicyDocumentOutput and its minifiedJson from outputs", async () => {
        const run = await runComponents(() => {
            const user = new aws.iam.User("app", { name: "app" });
            const document = aws.iam.getPolicyDocumentOutput({ statements: STATEMENTS });
            new aws.iam.UserPolicy("app-read", { user: user.name, policy: document.minifiedJson });
        });
        assert.strictEqual(only(run, "aws:iam/userPolicy:UserPolicy", "app-read").inputs.policy, JSON.stringify(JSON.parse(POLICY_JSON)));
    });

    it("answers getRegion through an explicit provider with that provider's region", async () => {
        const run = await runComponents(async () => {
            const useast = new aws.Provider("use1", { region: "us-east-1" });
            const [own, other] = await Promise.all([aws.getRegion(), aws.getRegion({}, { provider: useast })]);
            return { own: own.description, other: other.description };
        });
        assert.deepStrictEqual(run.outputs, { own: "Europe (Ireland)", other: "US East (N. Virginia)" });
    });

    it("makes a trust policy and a user policy built from getRole's answer unknown to the pack, which reports them", async () => {
        const run = await runComponents(async () => {
            const deployer = await aws.iam.getRole({ name: "deployer" });
            const user = new aws.iam.User("ci", { name: "ci" });
            new aws.iam.UserPolicy("ci-assume", {
                user: user.name,
                policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: deployer.arn }] }),
            });
            const trust = await aws.iam.getPolicyDocument({
                statements: [{ actions: ["sts:AssumeRole"], principals: [{ type: "AWS", identifiers: [deployer.arn] }] }],
            });
            new aws.iam.Role("worker", { name: "worker", assumeRolePolicy: trust.json });
            return { roleName: deployer.name };
        });
        assert.deepStrictEqual(run.outputs, { roleName: "deployer" }, "an argument the look-up was given comes back as given");
        const resources = fromMockedRun(run.resources, new SecretScrubber());
        const props = (type: string) => resources.find(r => r.type === type)?.props;
        assert.strictEqual(props("aws:iam/userPolicy:UserPolicy")?.policy, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
        assert.strictEqual(props("aws:iam/role:Role")?.assumeRolePolicy, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
        const result = await runPolicies(policies, toHostResources(resources));
        const unknown = result.diagnostics.filter(d => /unknown during preview/.test(d.message)).map(d => [d.policyName, d.urn?.split("::").pop()]);
        assert.deepStrictEqual(unknown, [
            ["iam-user-no-direct-data-access", "ci-assume"],
            ["iam-user-assume-only", "ci-assume"],
            ["iam-deny-outside-ip-exempts-aws-services", "ci-assume"],
            ["iam-role-trust-requires-conditions", "worker"],
            ["iam-role-service-trust-confused-deputy", "worker"],
            ["iam-user-no-mfa-self-management", "ci-assume"],
            ["iam-role-cross-account-external-id", "worker"],
            // Whether a user can assume "worker" depends on its unknown trust: the role rules fail closed on it too.
            ["iam-data-permissions-scoped", "worker"],
            ["iam-role-policies-readable", "worker"],
            ["iam-role-no-self-escalation", "worker"],
            ["iam-within-aws-quotas", "worker"],
            ["iam-within-aws-quotas", "ci-assume"],
        ]);
        assert.strictEqual(
            result.diagnostics.find(d => d.policyName === "iam-user-assume-only")?.message,
            "UserPolicy 'ci-assume' has a value that is unknown during preview (string value at .policy can't be known during preview), so iam-user-assume-only cannot judge it. " +
                "An unjudged resource may be exactly what the rule exists to stop. " +
                "Fix: build the value from names and the account ID rather than from another resource's outputs, " +
                'or set onUnknown to "warn" for iam-user-assume-only to accept an advisory until the update.',
        );
    });

    it("rejects an invoke nobody can answer with a message naming the token and the fix", async () => {
        let message: string | undefined;
        await runComponents(async () => {
            try {
                await pulumi.runtime.invoke("tls:index/getPublicKey:getPublicKey", { privateKeyPem: "x" });
            } catch (e) {
                message = (e as Error).message;
            }
        });
        assert.strictEqual(
            message,
            "invoke tls:index/getPublicKey:getPublicKey cannot be answered offline: the gate computes the AWS functions that need no cloud, answers AWS look-ups as unknown, " +
                'and knows no other provider\'s functions. Fix: give its result in a file passed with --invoke-results, e.g. {"tls:index/getPublicKey:getPublicKey": [{"args": {"privateKeyPem":"x"}, "result": {...}}]}',
        );
    });

    it("rejects getPolicyDocument where the provider fails, with the provider's reason", async () => {
        let message: string | undefined;
        const run = await runComponents(async () => {
            try {
                await aws.iam.getPolicyDocument({ statements: [{ sid: "One", actions: ["s3:GetObject"] }, { sid: "One", actions: ["s3:PutObject"] }] });
            } catch (e) {
                message = (e as Error).message;
            }
        });
        assert.strictEqual(
            message,
            "invocation of aws:iam/getPolicyDocument:getPolicyDocument returned an error: writing IAM Policy Document: duplicate Sid (One). Remove the Sid or ensure the Sid is unique.",
        );
        assert.deepStrictEqual(run.resources.map(r => r.type), ["pulumi:pulumi:Stack"]);
    });

    it("keeps a document from getPolicyDocument known when every input is known", async () => {
        const run = await runComponents(async () => {
            const identity = await aws.getCallerIdentity();
            const partition = await aws.getPartition();
            const trust = await aws.iam.getPolicyDocument({
                statements: [{ actions: ["sts:AssumeRole"], principals: [{ type: "AWS", identifiers: [`arn:${partition.partition}:iam::${identity.accountId}:root`] }] }],
            });
            new aws.iam.Role("known", { name: "known", assumeRolePolicy: trust.json });
        });
        assert.deepStrictEqual(doc(only(run, "aws:iam/role:Role", "known"), "assumeRolePolicy"), {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: "arn:aws:iam::123456789012:root" } }],
        });
    });
});
