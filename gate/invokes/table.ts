/**
 * How the gate answers each invoke token — the one table:
 * - **computed**: the AWS functions that need no cloud, computed locally as the provider computes
 *   them (the rows below);
 * - **look-up**: every other function of @pulumi/aws (data/aws-functions.json, generated from the
 *   installed package), answered with unknown markers in the shape of its result (lookups.ts);
 * - **refused**: anything else (another provider's functions, unknown tokens), unless the user
 *   supplies an answer with --invoke-results.
 * `pulumi:pulumi:getResource` never reaches the mocks: the SDK's MockMonitor answers it itself.
 */
import { awsFunctions } from "./data";
import { getPolicyDocument } from "./policyDocument";
import { arnBuild, arnParse, getArn, trimIamRolePath, userAgent } from "./pure/arns";
import { Computed } from "./pure/context";
import { getBillingServiceAccount, getCallerIdentity, getDefaultTags, getPartition, getRegion, getServicePrincipal } from "./pure/meta";
import { getAvailabilityZone, getAvailabilityZones } from "./pure/zones";

/** The functions the gate computes, by token. */
export const COMPUTED: Readonly<Record<string, Computed>> = {
    "aws:iam/getPolicyDocument:getPolicyDocument": args => getPolicyDocument(args),
    "aws:index/getCallerIdentity:getCallerIdentity": getCallerIdentity,
    "aws:index/getPartition:getPartition": getPartition,
    "aws:index/getRegion:getRegion": getRegion,
    "aws:index/getAvailabilityZones:getAvailabilityZones": getAvailabilityZones,
    "aws:index/getAvailabilityZone:getAvailabilityZone": getAvailabilityZone,
    "aws:index/getServicePrincipal:getServicePrincipal": getServicePrincipal,
    "aws:index/getArn:getArn": getArn,
    "aws:index/getDefaultTags:getDefaultTags": getDefaultTags,
    "aws:index/getBillingServiceAccount:getBillingServiceAccount": getBillingServiceAccount,
    "aws:index/arnParse:arnParse": arnParse,
    "aws:index/arnBuild:arnBuild": arnBuild,
    "aws:index/trimIamRolePath:trimIamRolePath": trimIamRolePath,
    "aws:index/userAgent:userAgent": userAgent,
};

/** How the gate answers an invoke. */
export type InvokeKind = "computed" | "lookup" | "refused";

/** How the gate answers `token`. */
export function invokeKind(token: string): InvokeKind {
    if (Object.prototype.hasOwnProperty.call(COMPUTED, token)) {
        return "computed";
    }
    return awsFunctions().functions[token] !== undefined ? "lookup" : "refused";
}
