/**
 * @pulumi/awsguard 0.3.1's policies, without its gRPC server: `new AwsGuard()` is a PolicyPack and
 * starts one, so the policies are taken from the modules that define them (each area module exports
 * its policies and registers them; index.js requires exactly these seven). They run through the
 * pack's own host (policypack/host.ts), so both packs pay the same host costs.
 *
 * For the engine's path (E1), {@link awsguardPackDir} writes a pack folder that serves its full set
 * as its README tells users to: `new AwsGuard()`.
 *
 * Its IAM/DynamoDB subset is the policies named `dynamodb-*`, `access-keys-*` and
 * `mfa-enabled-for-iam-*`; its config is every policy's schema defaults, as the engine would send.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

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

/** A pack folder, in a temporary directory, and how to remove it. */
export interface PackDir {
    readonly dir: string;
    readonly dispose: () => void;
}

/**
 * A policy pack folder serving awsguard's full set, with its defaults, as its README shows
 * (`new AwsGuard()`). Its `node_modules` is a link to `root`'s, so the engine's resolution from the
 * folder finds the same @pulumi/pulumi, @pulumi/policy and @pulumi/awsguard as this pack's.
 */
export function awsguardPackDir(root: string): PackDir {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "assume-guard-bench-awsguard-"));
    const version = (JSON.parse(fs.readFileSync(require.resolve("@pulumi/awsguard/package.json"), "utf8")) as { version: string }).version.replace(/^v/, "");
    fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify({ name: "bench-awsguard", version, private: true, main: "index.js" }, null, 2)}\n`);
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\ndescription: awsguard's full set, for the E1 benchmark.\n");
    fs.writeFileSync(path.join(dir, "index.js"), '"use strict";\nconst { AwsGuard } = require("@pulumi/awsguard");\n\nnew AwsGuard();\n');
    fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
    return { dir, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
