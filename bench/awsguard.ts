/**
 * @pulumi/awsguard 0.3.1's policies, without its gRPC server: `new AwsGuard()` is a PolicyPack and
 * starts one, so the policies are taken from the modules that define them (each area module exports
 * its policies and registers them; index.js requires exactly these seven). They run through the
 * pack's own host (policypack/host.ts), so both packs pay the same host costs.
 *
 * Its IAM/DynamoDB subset is the policies named `dynamodb-*`, `access-keys-*` and
 * `mfa-enabled-for-iam-*`; its config is every policy's schema defaults, as the engine would send.
 */
import { Policy } from "@pulumi/policy";

const AREAS = ["apiGateway", "compute", "database", "elasticsearch", "network", "security", "storage"];

/** Every policy awsguard registers, in registration order. */
export function awsguardPolicies(): Policy[] {
    const out: Policy[] = [];
    for (const area of AREAS) {
        const mod = require(`@pulumi/awsguard/${area}`) as Record<string, unknown>;
        for (const value of Object.values(mod)) {
            const p = value as Partial<Policy> & { validateResource?: unknown; validateStack?: unknown };
            if (p !== null && typeof p === "object" && typeof p.name === "string" && (p.validateResource !== undefined || p.validateStack !== undefined)) {
                out.push(p as Policy);
            }
        }
    }
    return out;
}

/** The IAM and DynamoDB policies among them. */
export function iamDynamoSubset(all: readonly Policy[]): Policy[] {
    return all.filter(p => /^(dynamodb-|access-keys-|mfa-enabled-for-iam-)/.test(p.name));
}

/** Each policy's schema defaults, as `--policy-pack-config` would give them. */
export function schemaDefaults(all: readonly Policy[]): Record<string, Record<string, unknown>> {
    const config: Record<string, Record<string, unknown>> = {};
    for (const p of all) {
        const defaults = Object.entries(p.configSchema?.properties ?? {}).filter(([, s]) => typeof s === "object" && s.default !== undefined);
        if (defaults.length > 0) {
            config[p.name] = Object.fromEntries(defaults.map(([k, s]) => [k, (s as { default: unknown }).default]));
        }
    }
    return config;
}

