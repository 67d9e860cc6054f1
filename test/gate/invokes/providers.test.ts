import * as assert from "assert";

import { Providers } from "../../../gate/invokes/providers";

const ENV = { accountId: "123456789012", region: "eu-west-1", partition: "aws" };
const REF = (id: string) => `urn:pulumi:test::assume-guard::pulumi:providers:aws::p::${id}`;

describe("gate/invokes/providers", () => {
    it("configures the default provider from the stack's aws: config over the environment", () => {
        const providers = new Providers(ENV, () => ({ "aws:region": "ignored: the environment has the region", "aws:defaultTags": '{"tags":{"team":"data"}}', "aws:ignoreTags": '{"keyPrefixes":["k8s/"]}' }));
        assert.deepStrictEqual(providers.configFor(undefined), {
            region: "eu-west-1",
            partition: "aws",
            accountId: "123456789012",
            defaultTags: { team: "data" },
            ignoreTagKeys: [],
            ignoreTagPrefixes: ["k8s/"],
            assumedRole: undefined,
        });
    });

    it("configures an explicit provider from its inputs: region, partition, the assumed role's account, tags sent as JSON", () => {
        const providers = new Providers(ENV, () => ({}));
        providers.record("pulumi:providers:aws", "p-id", {
            region: "cn-north-1",
            assumeRoles: '[{"roleArn":"arn:aws-cn:iam::210987654321:role/deployer","sessionName":"gate"}]',
            defaultTags: '{"tags":{"env":"prod"}}',
        });
        providers.record("pulumi:providers:random", "r-id", { region: "ignored" });
        assert.deepStrictEqual(providers.configFor(REF("p-id")), {
            region: "cn-north-1",
            partition: "aws-cn",
            accountId: "210987654321",
            defaultTags: { env: "prod" },
            ignoreTagKeys: [],
            ignoreTagPrefixes: [],
            assumedRole: { arn: "arn:aws-cn:iam::210987654321:role/deployer", sessionName: "gate" },
        });
        assert.strictEqual(providers.configFor(REF("r-id")).region, "eu-west-1", "a provider of another package is the default AWS provider's business");
    });

    it("takes an explicit provider's single allowed account when it assumes no role", () => {
        const providers = new Providers(ENV, () => ({}));
        providers.record("pulumi:providers:aws", "a", { allowedAccountIds: ["555555555555"] });
        providers.record("pulumi:providers:aws", "b", { allowedAccountIds: ["555555555555", "666666666666"] });
        assert.deepStrictEqual([providers.configFor(REF("a")).accountId, providers.configFor(REF("b")).accountId], ["555555555555", "123456789012"]);
    });
});
