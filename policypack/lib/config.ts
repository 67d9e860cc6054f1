/**
 * Rule configuration, as `--policy-pack-config` supplies it. Every rule accepts `onUnknown` and
 * `exemptions`; values are read defensively with defaults in code, because the engine does not
 * always fill schema defaults and a bad value must never loosen a rule.
 */
import { PolicyConfigSchema } from "@pulumi/policy";

/** What a rule does when a value it needs is unknown during preview. */
export type OnUnknown = "fail" | "warn";

/** A per-resource exemption: `resource` is a name or URN, `*` matches any run of characters. */
export interface Exemption {
    readonly resource: string;
    readonly reason: string;
}

/** The settings every rule has. */
export interface BaseConfig {
    readonly onUnknown: OnUnknown;
    readonly exemptions: readonly Exemption[];
}

type SchemaProperties = PolicyConfigSchema["properties"];

/** The schema of the settings every rule has. */
export const BASE_SCHEMA: SchemaProperties = {
    onUnknown: {
        type: "string",
        enum: ["fail", "warn"],
        default: "fail",
        description:
            'When a value the rule needs is unknown during preview: "fail" reports a violation naming the property; "warn" lets the engine report the rule as advisory for that run.',
    },
    exemptions: {
        type: "array",
        default: [],
        description: "Resources this rule skips. Each needs a reason; every exemption used is reported by assume-guard-exemptions-used.",
        items: {
            type: "object",
            properties: {
                resource: { type: "string", minLength: 1, description: "Resource name or URN; `*` matches any characters." },
                reason: { type: "string", minLength: 1, description: "Why the exemption is acceptable." },
            },
            required: ["resource", "reason"],
            additionalProperties: false,
        },
    },
};

/** A rule's schema: the base settings plus its own. */
export function ruleSchema(own: SchemaProperties = {}): PolicyConfigSchema {
    return { properties: { ...BASE_SCHEMA, ...own } };
}

/** Reads the base settings. An unrecognised `onUnknown` means "fail"; an exemption without a reason is ignored. */
export function readBaseConfig(raw: Record<string, unknown>): BaseConfig {
    const exemptions: Exemption[] = [];
    const list = raw.exemptions;
    if (Array.isArray(list)) {
        for (const e of list) {
            if (e !== null && typeof e === "object") {
                const { resource, reason } = e as Record<string, unknown>;
                if (typeof resource === "string" && resource.trim() !== "" && typeof reason === "string" && reason.trim() !== "") {
                    exemptions.push({ resource, reason });
                }
            }
        }
    }
    return { onUnknown: raw.onUnknown === "warn" ? "warn" : "fail", exemptions };
}

/** A non-negative number setting, or the default. */
export function numberSetting(raw: Record<string, unknown>, key: string, fallback: number): number {
    const v = raw[key];
    return typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : fallback;
}

/** A boolean setting, or the default. */
export function booleanSetting(raw: Record<string, unknown>, key: string, fallback: boolean): boolean {
    const v = raw[key];
    return typeof v === "boolean" ? v : fallback;
}

/** A list-of-strings setting (non-strings dropped), or the default. */
export function stringListSetting(raw: Record<string, unknown>, key: string, fallback: readonly string[]): readonly string[] {
    const v = raw[key];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x !== "") : fallback;
}

/** A string setting matching `pattern`, or undefined. */
export function stringSetting(raw: Record<string, unknown>, key: string, pattern: RegExp): string | undefined {
    const v = raw[key];
    return typeof v === "string" && pattern.test(v) ? v : undefined;
}
