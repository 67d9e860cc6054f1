/**
 * What the engine does with `--policy-pack-config FILE` before it calls `Configure`
 * (pulumi/pulumi pkg/resource/analyzer/config.go; see docs/engine-protocol.md §3):
 * parse the file, start from every policy's level and its schema's top-level defaults, apply `all`,
 * then each entry (top-level properties replace, nested objects are not merged), validate each policy
 * against `{type: "object", properties, required}`, and send every policy with an explicit level.
 */
import Ajv from "ajv";

import { AnalyzerInfo, Level } from "./wire";

/** The JSON of a `--policy-pack-config` file: a level, or an object with `enforcementLevel` and settings. */
export type PolicyPackConfigFile = Record<string, Level | ({ enforcementLevel?: Level } & Record<string, unknown>)>;

/** One policy's reconciled config, as `Configure` carries it. */
export interface PolicyConfig {
    enforcementLevel: Level | "";
    properties: Record<string, unknown> | undefined;
}

const VALID_LEVELS: readonly string[] = ["advisory", "mandatory", "remediate", "disabled"];

/** Parses a config file's JSON as `parsePolicyPackConfig` does (an `environments` key is dropped). */
export function parseConfigFile(file: PolicyPackConfigFile): Record<string, PolicyConfig> {
    const result: Record<string, PolicyConfig> = {};
    for (const [name, value] of Object.entries(file)) {
        if (name === "environments") {
            continue;
        }
        let level: Level | "" = "";
        let properties: Record<string, unknown> | undefined;
        if (typeof value === "string") {
            if (!VALID_LEVELS.includes(value)) {
                throw new Error(`parsing enforcement level for "${name}": "${value}" is not a valid enforcement level`);
            }
            level = value;
        } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
            const { enforcementLevel, ...rest } = value;
            if (enforcementLevel !== undefined) {
                if (typeof enforcementLevel !== "string" || !VALID_LEVELS.includes(enforcementLevel)) {
                    throw new Error(`parsing enforcement level for "${name}": "${String(enforcementLevel)}" is not a valid enforcement level`);
                }
                level = enforcementLevel;
            }
            properties = Object.keys(rest).length > 0 ? rest : undefined;
        } else {
            throw new Error(`parsing "${name}": ${JSON.stringify(value)} is not a valid value; must be a string or object`);
        }
        if (level !== "" || properties !== undefined) {
            result[name] = { enforcementLevel: level, properties };
        }
    }
    return result;
}

function defaults(info: AnalyzerInfo): Record<string, PolicyConfig> {
    const result: Record<string, PolicyConfig> = {};
    for (const p of info.policies) {
        let properties: Record<string, unknown> | undefined;
        for (const [key, schema] of Object.entries(p.configSchema?.properties ?? {})) {
            if (schema !== null && typeof schema === "object" && "default" in schema) {
                properties = { ...properties, [key]: (schema as { default: unknown }).default };
            }
        }
        result[p.name] = { enforcementLevel: p.enforcementLevel, properties };
    }
    return result;
}

function apply(result: Record<string, PolicyConfig>, given: Record<string, PolicyConfig>): void {
    const all = given.all;
    if (all && all.enforcementLevel !== "") {
        for (const c of Object.values(result)) {
            c.enforcementLevel = all.enforcementLevel;
        }
    }
    // Every key is applied, `all` and unknown policy names included, as the engine does.
    for (const [name, c] of Object.entries(given)) {
        const current = result[name] ?? { enforcementLevel: "", properties: undefined };
        result[name] = {
            enforcementLevel: c.enforcementLevel !== "" ? c.enforcementLevel : current.enforcementLevel,
            properties: c.properties ? { ...current.properties, ...c.properties } : current.properties,
        };
    }
}

/** Each policy's schema errors, `<policy>: <path>: <message>`, sorted. */
export function validateConfig(info: AnalyzerInfo, config: Record<string, PolicyConfig>): string[] {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const errors: string[] = [];
    for (const p of info.policies) {
        if (!p.configSchema) {
            continue;
        }
        const { properties, required } = p.configSchema;
        const schema = {
            type: "object",
            ...(Object.keys(properties).length > 0 ? { properties } : {}),
            ...(required && required.length > 0 ? { required } : {}),
        };
        const validate = ajv.compile(schema);
        if (!validate(config[p.name]?.properties ?? {})) {
            for (const e of validate.errors ?? []) {
                errors.push(`${p.name}: ${e.instancePath || "(root)"}: ${e.message ?? "invalid"}`);
            }
        }
    }
    return errors.sort();
}

/**
 * The config the engine sends with `Configure` for `file` (undefined: no `--policy-pack-config`).
 * Throws with the engine's wording when the file is invalid or fails the policies' schemas.
 */
export function reconcileConfig(info: AnalyzerInfo, file?: PolicyPackConfigFile): Record<string, PolicyConfig> {
    const result = defaults(info);
    apply(result, info.initialConfig);
    if (file) {
        apply(result, parseConfigFile(file));
    }
    const errors = validateConfig(info, result);
    if (errors.length > 0) {
        throw new Error(`validating policy config for "${info.name}": ${errors.join("; ")}`);
    }
    return result;
}
