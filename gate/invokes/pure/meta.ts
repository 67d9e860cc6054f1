/**
 * The provider's "meta" data sources, which read only the provider's own configuration and the
 * AWS SDK's endpoint data (hashicorp/terraform-provider-aws internal/service/meta): caller identity,
 * partition, region, service principal, default tags and the billing account.
 */
import { optional } from "../args";
import { InvokeFailure } from "../errors";
import { allRegions, ec2Endpoint, KnownRegion, partitionById, partitionOf, RegionNotFound, regionByName, reverseDnsPrefix } from "../partitions";
import { Computed } from "./context";

/** `aws:index/getCallerIdentity`: the provider's account; its session when it assumes a role. */
export const getCallerIdentity: Computed = (_args, { provider, unknown }) => {
    const { accountId, partition, assumedRole } = provider;
    if (assumedRole) {
        const roleName = assumedRole.arn.slice(assumedRole.arn.lastIndexOf("/") + 1);
        const session = assumedRole.sessionName;
        return {
            accountId,
            arn: session ? `arn:${partition}:sts::${accountId}:assumed-role/${roleName}/${session}` : unknown("arn"),
            id: accountId,
            userId: unknown("userId"),
        };
    }
    return { accountId, arn: `arn:${partition}:iam::${accountId}:user/assume-guard-gate`, id: accountId, userId: "AIDAASSUMEGUARDGATE00" };
};

/** `aws:index/getPartition`: the provider's partition. */
export const getPartition: Computed = (_args, { provider }) => {
    const partition = partitionById(provider.partition) ?? partitionOf(provider.region);
    return { dnsSuffix: partition.dnsSuffix, id: partition.id, partition: partition.id, reverseDnsPrefix: reverseDnsPrefix(partition) };
};

/**
 * `aws:index/getRegion`: the region named by `endpoint` (an EC2 endpoint), `name`, or `region`
 * (they must agree), else the provider's. An unknown region is the provider's error.
 */
export const getRegion: Computed = (args, { provider }) => {
    const matches: KnownRegion[] = [];
    const endpoint = optional(args.endpoint, "endpoint");
    if (endpoint !== undefined) {
        const all = allRegions().find(r => ec2Endpoint(r) === endpoint);
        if (!all) {
            throw new InvokeFailure(`finding Region by endpoint: region not found for endpoint "${endpoint}"`);
        }
        matches.push(all);
    }
    for (const key of ["name", "region"]) {
        const name = optional(args[key], key);
        if (name !== undefined) {
            matches.push(find(name));
        }
    }
    if (matches.some(m => m.id !== matches[0].id)) {
        throw new InvokeFailure("multiple Regions matched: use additional constraints to reduce matches to a single Region");
    }
    const region = matches[0] ?? find(provider.region);
    return { description: region.description, endpoint: ec2Endpoint(region), id: region.id, name: region.id, region: region.id };
};

/** `aws:index/getServicePrincipal`: `<service>.<suffix>` in the region's partition. */
export const getServicePrincipal: Computed = (args, { provider }) => {
    const serviceName = optional(args.serviceName, "serviceName");
    if (serviceName === undefined) {
        throw new InvokeFailure("serviceName is required");
    }
    const region = find(optional(args.region, "region") ?? provider.region);
    const suffix = servicePrincipalSuffix(serviceName, region);
    return { id: `${serviceName}.${region.id}.${suffix}`, name: `${serviceName}.${suffix}`, region: region.id, serviceName, suffix };
};

/** The services whose principals take the partition's own DNS suffix, by partition (else amazonaws.com). */
const OWN_SUFFIX_SERVICES: Readonly<Record<string, readonly string[]>> = {
    "aws-iso": ["cloudhsm", "config", "logs", "workspaces"],
    "aws-iso-b": ["dms", "logs"],
    "aws-cn": ["codedeploy", "elasticmapreduce", "logs"],
};

function servicePrincipalSuffix(service: string, region: KnownRegion): string {
    return OWN_SUFFIX_SERVICES[region.partition.id]?.includes(service) ? region.partition.dnsSuffix : "amazonaws.com";
}

/** `aws:index/getDefaultTags`: the provider's default tags, less `aws:` keys and ignored tags. */
export const getDefaultTags: Computed = (_args, { provider }) => {
    const tags = Object.entries(provider.defaultTags).filter(
        ([k]) => !k.startsWith("aws:") && !provider.ignoreTagKeys.includes(k) && !provider.ignoreTagPrefixes.some(p => k.startsWith(p)),
    );
    return { id: provider.partition, tags: Object.fromEntries(tags) };
};

/** The account AWS billing reports are delivered from. */
const BILLING_ACCOUNT_ID = "386209384616";

/** `aws:index/getBillingServiceAccount`. */
export const getBillingServiceAccount: Computed = (_args, { provider }) => ({
    arn: `arn:${provider.partition}:iam::${BILLING_ACCOUNT_ID}:root`,
    id: BILLING_ACCOUNT_ID,
});

function find(name: string): KnownRegion {
    try {
        return regionByName(name);
    } catch (e) {
        if (e instanceof RegionNotFound) {
            throw new InvokeFailure(`finding Region by name (${name}): ${e.message}`);
        }
        throw e;
    }
}
