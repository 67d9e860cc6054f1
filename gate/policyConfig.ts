/**
 * What the engine does with `--policy-pack-config FILE` before it calls `Configure`
 * (pulumi/pulumi pkg/resource/analyzer/config.go and pkg/engine/update.go; docs/engine-protocol.md §3),
 * used by the gate and by the tests that stand in for the engine:
 * - parse the file (`parsePolicyPackConfig`): a value is a level or an object with `enforcementLevel`
 *   and settings; `environments` is taken out;
 * - start from every policy's level and its schema's top-level defaults, apply the pack's
 *   `initialConfig`, then the file (`all` first; top-level settings replace, nested objects are not
 *   merged);
 * - validate each policy's settings against `{type: "object", properties, required}` and refuse them
 *   with the engine's message and gojsonschema's wording, errors sorted.
 * The gate refuses one thing more ({@link unknownPolicies}): an entry naming no policy of the pack,
 * which the engine silently ignores.
 */
import Ajv from "ajv";
import { closest } from "fastest-levenshtein";

import { goType, goValue, gojsonschemaMessage } from "./goWording";

/** A policy level as the engine knows it. */
export type Level = "advisory" | "mandatory" | "remediate" | "disabled";

const LEVELS: readonly string[] = ["advisory", "mandatory", "remediate", "disabled"];

/** The JSON of a `--policy-pack-config` file. */
export type PolicyPackConfigFile = Record<string, unknown>;

/** One policy's reconciled config, as `Configure` carries it. */
export interface PolicyConfig {
    enforcementLevel: Level | "";
    properties: Record<string, unknown> | undefined;
}

/** The pack as `GetAnalyzerInfo` describes it (only what reconciliation reads). */
export interface PackInfo {
    readonly name: string;
    readonly policies: readonly { name: string; enforcementLevel: Level; configSchema?: { properties: Record<string, unknown>; required?: string[] } }[];
    readonly initialConfig: Record<string, { enforcementLevel: Level | ""; properties?: Record<string, unknown> }>;
}

/** A policy as @pulumi/policy declares it. */
export interface PolicyArgs {
    readonly name: string;
    readonly enforcementLevel?: string;
    readonly configSchema?: { properties?: Record<string, unknown>; required?: string[] };
}

/** The pack's `GetAnalyzerInfo` (protoutil.makeAnalyzerInfo): level defaults to advisory; only properties and required cross. */
export function packInfo(name: string, policies: readonly PolicyArgs[]): PackInfo {
    return {
        name,
        policies: policies.map(p => ({
            name: p.name,
            enforcementLevel: (p.enforcementLevel ?? "advisory") as Level,
            ...(p.configSchema ? { configSchema: { properties: p.configSchema.properties ?? {}, ...(p.configSchema.required ? { required: p.configSchema.required } : {}) } } : {}),
        })),
        initialConfig: {},
    };
}

/** The config file's policies and the ESC environments it names. Throws with the engine's wording. */
export function parseConfigFile(file: PolicyPackConfigFile): { config: Record<string, PolicyConfig>; environments: string[] } {
    const result: Record<string, PolicyConfig> = {};
    const environments: string[] = [];
    for (const [name, value] of Object.entries(file)) {
        if (name === "environments") {
            if (!Array.isArray(value)) {
                throw new Error(`"environments" must be an array of strings, got ${goType(value)}`);
            }
            value.forEach((v, i) => {
                if (typeof v !== "string") {
                    throw new Error(`"environments[${i}]" must be a string, got ${goType(v)}`);
                }
                environments.push(v);
            });
            continue;
        }
        let level: Level | "" = "";
        let properties: Record<string, unknown> | undefined;
        if (typeof value === "string") {
            if (!LEVELS.includes(value)) {
                throw new Error(`parsing enforcement level for "${name}": "${value}" is not a valid enforcement level`);
            }
            level = value as Level;
        } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
            const { enforcementLevel, ...rest } = value as Record<string, unknown>;
            if (enforcementLevel !== undefined) {
                if (typeof enforcementLevel !== "string") {
                    throw new Error(`parsing enforcement level for "${name}": ${goValue(enforcementLevel)} is not a valid enforcement level; must be a string`);
                }
                if (!LEVELS.includes(enforcementLevel)) {
                    throw new Error(`parsing enforcement level for "${name}": "${enforcementLevel}" is not a valid enforcement level`);
                }
                level = enforcementLevel as Level;
            }
            properties = Object.keys(rest).length > 0 ? rest : undefined;
        } else {
            throw new Error(`parsing "${name}": ${goValue(value)} is not a valid value; must be a string or object`);
        }
        if (level !== "" || properties !== undefined) {
            result[name] = { enforcementLevel: level, properties };
        }
    }
    return { config: result, environments };
}

/**
 * The config the engine sends with `Configure` for `file` (undefined: no `--policy-pack-config`).
 * Throws with the engine's message when the settings fail the policies' schemas.
 */
export function reconcileConfig(info: PackInfo, file?: PolicyPackConfigFile): Record<string, PolicyConfig> {
    const result: Record<string, PolicyConfig> = {};
    for (const p of info.policies) {
        const defaults = Object.entries(p.configSchema?.properties ?? {}).filter(([, s]) => s !== null && typeof s === "object" && "default" in s);
        result[p.name] = { enforcementLevel: p.enforcementLevel, properties: defaults.length > 0 ? Object.fromEntries(defaults.map(([k, s]) => [k, (s as { default: unknown }).default])) : undefined };
    }
    apply(result, Object.fromEntries(Object.entries(info.initialConfig).map(([k, c]) => [k, { enforcementLevel: c.enforcementLevel, properties: c.properties }])));
    if (file) {
        apply(result, parseConfigFile(file).config);
    }
    const errors = validateConfig(info, result);
    if (errors.length > 0) {
        throw new Error(`validating policy config for "${info.name}": ${errors.join("; ")}`);
    }
    return result;
}

/** The file's entries that name no policy of the pack (`all` and `environments` aside), each with the nearest name. */
export function unknownPolicies(info: PackInfo, file: PolicyPackConfigFile): string[] {
    const names = info.policies.map(p => p.name);
    return Object.keys(file)
        .filter(k => k !== "all" && k !== "environments" && !names.includes(k))
        .map(k => `"${k}" (did you mean "${closest(k, names)}"?)`);
}

function apply(result: Record<string, PolicyConfig>, given: Record<string, PolicyConfig>): void {
    const all = given["all"];
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

/** Each policy's schema errors, `<policy>: <field>: <description>` in gojsonschema's words, sorted. */
export function validateConfig(info: PackInfo, config: Record<string, PolicyConfig>): string[] {
    const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    const errors: string[] = [];
    for (const p of info.policies) {
        if (!p.configSchema) {
            continue;
        }
        const { properties, required } = p.configSchema;
        const validate = ajv.compile({ type: "object", ...(Object.keys(properties).length > 0 ? { properties } : {}), ...(required && required.length > 0 ? { required } : {}) });
        if (!validate(config[p.name]?.properties ?? {})) {
            const all = validate.errors ?? [];
            const typeFailed = new Set(all.filter(e => e.keyword === "type").map(e => e.instancePath));
            for (const e of all.filter(e => e.keyword === "type" || !typeFailed.has(e.instancePath))) {
                errors.push(`${p.name}: ${gojsonschemaMessage(e)}`);
            }
        }
    }
    return errors.sort();
}
