import * as assert from "assert";

import { InvokeFailure } from "../../../gate/invokes/errors";
import { markerFor } from "../../../gate/invokes/markers";
import { ProviderConfig } from "../../../gate/invokes/providers";
import { arnBuild, arnParse, getArn, trimIamRolePath, userAgent } from "../../../gate/invokes/pure/arns";
import { Computed, InvokeContext } from "../../../gate/invokes/pure/context";
import { getBillingServiceAccount, getCallerIdentity, getDefaultTags, getPartition, getRegion, getServicePrincipal } from "../../../gate/invokes/pure/meta";
import { getAvailabilityZone, getAvailabilityZones, zoneIdPrefix } from "../../../gate/invokes/pure/zones";

const PROVIDER: ProviderConfig = {
    region: "eu-west-1",
    partition: "aws",
    accountId: "123456789012",
    defaultTags: {},
    ignoreTagKeys: [],
    ignoreTagPrefixes: [],
};

function ctx(provider: Partial<ProviderConfig> = {}): InvokeContext {
    return { provider: { ...PROVIDER, ...provider }, unknown: path => markerFor("t:m:f", path) };
}

function fails(fn: Computed, args: Record<string, unknown>, provider: Partial<ProviderConfig> = {}): string {
    try {
        fn(args, ctx(provider));
    } catch (e) {
        assert.ok(e instanceof InvokeFailure, String(e));
        return e.message;
    }
    throw new Error("expected a failure");
}

describe("gate/invokes/pure", () => {
    describe("meta", () => {
        it("getCallerIdentity: the gate's user in the provider's account; a provider's assumed-role session", () => {
            assert.deepStrictEqual(getCallerIdentity({}, ctx()), {
                accountId: "123456789012",
                arn: "arn:aws:iam::123456789012:user/assume-guard-gate",
                id: "123456789012",
                userId: "AIDAASSUMEGUARDGATE00",
            });
            assert.deepStrictEqual(getCallerIdentity({}, ctx({ accountId: "210987654321", assumedRole: { arn: "arn:aws:iam::210987654321:role/ops/deployer", sessionName: "ci" } })), {
                accountId: "210987654321",
                arn: "arn:aws:sts::210987654321:assumed-role/deployer/ci",
                id: "210987654321",
                userId: "GATEUNKNOWN_t_m_f__userId",
            });
        });

        it("getPartition: the provider's partition with its DNS suffix, reversed for the prefix", () => {
            assert.deepStrictEqual(getPartition({}, ctx()), { dnsSuffix: "amazonaws.com", id: "aws", partition: "aws", reverseDnsPrefix: "com.amazonaws" });
            assert.deepStrictEqual(getPartition({}, ctx({ region: "cn-north-1", partition: "aws-cn" })), {
                dnsSuffix: "amazonaws.com.cn",
                id: "aws-cn",
                partition: "aws-cn",
                reverseDnsPrefix: "cn.com.amazonaws",
            });
        });

        it("getRegion: the provider's region, or the one named by region, name or EC2 endpoint", () => {
            const ireland = { description: "Europe (Ireland)", endpoint: "ec2.eu-west-1.amazonaws.com", id: "eu-west-1", name: "eu-west-1", region: "eu-west-1" };
            assert.deepStrictEqual(getRegion({}, ctx()), ireland);
            assert.deepStrictEqual(getRegion({ endpoint: "ec2.cn-northwest-1.amazonaws.com.cn" }, ctx()), {
                description: "China (Ningxia)",
                endpoint: "ec2.cn-northwest-1.amazonaws.com.cn",
                id: "cn-northwest-1",
                name: "cn-northwest-1",
                region: "cn-northwest-1",
            });
            assert.deepStrictEqual(getRegion({ region: "eu-west-1", name: "eu-west-1" }, ctx({ region: "us-east-1" })), ireland);
        });

        it("getRegion fails as the provider does on an unknown or ambiguous region", () => {
            assert.strictEqual(fails(getRegion, { name: "eu-west-9" }), 'finding Region by name (eu-west-9): region not found for name "eu-west-9"');
            assert.strictEqual(fails(getRegion, { name: "eu-west-1", region: "eu-west-2" }), "multiple Regions matched: use additional constraints to reduce matches to a single Region");
            assert.strictEqual(fails(getRegion, { endpoint: "ec2.example.com" }), 'finding Region by endpoint: region not found for endpoint "ec2.example.com"');
        });

        it("getServicePrincipal: amazonaws.com, except the services that take their partition's suffix", () => {
            assert.deepStrictEqual(getServicePrincipal({ serviceName: "logs" }, ctx()), {
                id: "logs.eu-west-1.amazonaws.com",
                name: "logs.amazonaws.com",
                region: "eu-west-1",
                serviceName: "logs",
                suffix: "amazonaws.com",
            });
            assert.deepStrictEqual(getServicePrincipal({ serviceName: "logs", region: "cn-north-1" }, ctx()), {
                id: "logs.cn-north-1.amazonaws.com.cn",
                name: "logs.amazonaws.com.cn",
                region: "cn-north-1",
                serviceName: "logs",
                suffix: "amazonaws.com.cn",
            });
            assert.strictEqual(getServicePrincipal({ serviceName: "s3", region: "cn-north-1" }, ctx()).name, "s3.amazonaws.com");
            assert.strictEqual(fails(getServicePrincipal, { serviceName: "s3", region: "mars-1" }), 'finding Region by name (mars-1): region not found for name "mars-1"');
        });

        it("getDefaultTags: the provider's default tags, less aws: keys and the tags it ignores", () => {
            const provider = { defaultTags: { team: "data", "aws:x": "y", env: "dev", "kubernetes.io/a": "b" }, ignoreTagKeys: ["env"], ignoreTagPrefixes: ["kubernetes.io/"] };
            assert.deepStrictEqual(getDefaultTags({}, ctx(provider)), { id: "aws", tags: { team: "data" } });
        });

        it("getBillingServiceAccount: AWS's billing account in the provider's partition", () => {
            assert.deepStrictEqual(getBillingServiceAccount({}, ctx({ partition: "aws-us-gov" })), { arn: "arn:aws-us-gov:iam::386209384616:root", id: "386209384616" });
        });
    });

    describe("arns", () => {
        it("getArn and arnParse split an ARN into its sections, the resource keeping its colons", () => {
            const arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/app:*";
            assert.deepStrictEqual(getArn({ arn }, ctx()), { account: "123456789012", arn, id: arn, partition: "aws", region: "eu-west-1", resource: "log-group:/app:*", service: "logs" });
            assert.deepStrictEqual(arnParse({ arn }, ctx()), { partition: "aws", service: "logs", region: "eu-west-1", accountId: "123456789012", resource: "log-group:/app:*" });
            assert.strictEqual(fails(getArn, { arn: "aws:s3:::b" }), "arn: invalid prefix");
            assert.strictEqual(fails(arnParse, { arn: "arn:aws:s3::" }), "arn: not enough sections");
        });

        it("arnBuild joins the sections", () => {
            assert.deepStrictEqual(arnBuild({ partition: "aws", service: "s3", region: "", accountId: "", resource: "bucket" }, ctx()), { result: "arn:aws:s3:::bucket" });
        });

        it("trimIamRolePath drops a role's path and refuses what is not a role ARN", () => {
            assert.deepStrictEqual(trimIamRolePath({ arn: "arn:aws:iam::123456789012:role/a/b/deployer" }, ctx()), { result: "arn:aws:iam::123456789012:role/deployer" });
            assert.strictEqual(fails(trimIamRolePath, { arn: "arn:aws:iam::123456789012:user/a/b" }), 'resource must begin with "role/"');
            assert.strictEqual(fails(trimIamRolePath, { arn: "arn:aws:sts::123456789012:role/x" }), 'service must be "iam"');
            assert.strictEqual(fails(trimIamRolePath, { arn: "arn:aws:iam:eu-west-1:123456789012:role/x" }), "region must be empty");
        });

        it("userAgent formats name/version (comment)", () => {
            assert.deepStrictEqual(userAgent({ productName: "gate", productVersion: "1.0", comment: "ci" }, ctx()), { result: "gate/1.0 (ci)" });
            assert.deepStrictEqual(userAgent({ productName: "gate", productVersion: "", comment: "" }, ctx()), { result: "gate" });
            assert.strictEqual(fails(userAgent, { productName: "" }), "product_name must be set");
        });
    });

    describe("zones", () => {
        it("names three plausible zones per region, honouring exclusions", () => {
            assert.deepStrictEqual(getAvailabilityZones({ excludeNames: ["eu-west-1b"] }, ctx()), {
                excludeNames: ["eu-west-1b"],
                groupNames: ["eu-west-1"],
                id: "eu-west-1",
                names: ["eu-west-1a", "eu-west-1c"],
                region: "eu-west-1",
                zoneIds: ["euw1-az1", "euw1-az3"],
            });
            assert.deepStrictEqual(["us-east-1", "ap-southeast-2", "us-gov-west-1", "cn-northwest-1"].map(zoneIdPrefix), ["use1", "apse2", "usgw1", "cnnw1"]);
        });

        it("answers filters it cannot evaluate as unknown", () => {
            const filters = [{ name: "opt-in-status", values: ["opted-in"] }];
            assert.deepStrictEqual(getAvailabilityZones({ filters }, ctx()), {
                filters,
                groupNames: ["GATEUNKNOWN_t_m_f__groupNames_0"],
                id: "eu-west-1",
                names: ["GATEUNKNOWN_t_m_f__names_0"],
                region: "eu-west-1",
                zoneIds: ["GATEUNKNOWN_t_m_f__zoneIds_0"],
            });
        });

        it("getAvailabilityZone finds one of those zones by name or ID", () => {
            assert.deepStrictEqual(getAvailabilityZone({ zoneId: "euw1-az2" }, ctx()), {
                zoneId: "euw1-az2",
                groupLongName: "GATEUNKNOWN_t_m_f__groupLongName",
                groupName: "eu-west-1",
                id: "eu-west-1b",
                name: "eu-west-1b",
                nameSuffix: "b",
                networkBorderGroup: "eu-west-1",
                optInStatus: "opt-in-not-required",
                parentZoneId: "",
                parentZoneName: "",
                region: "eu-west-1",
                state: "available",
                zoneType: "availability-zone",
            });
        });
    });
});
