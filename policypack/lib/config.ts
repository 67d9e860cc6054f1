/**
 * Rule settings, declared once. A setting is its JSON schema (with its default), which becomes the
 * policy's `configSchema`, `config/default.json` and the rule tables of the docs, and the reader that
 * turns a raw `--policy-pack-config` value into a typed one. A value that does not fit the schema
 * reads as the default: the engine does not always fill defaults, and a bad value must never loosen
 * a rule.
 */
import { PolicyConfigSchema } from "@pulumi/policy";

/** A setting's JSON schema, as `configSchema.properties` holds it. */
export type SettingSchema = PolicyConfigSchema["properties"][string];

/** One setting: its schema (with `default`) and its reader. */
export interface Setting<T> {
    readonly schema: SettingSchema;
    /** The default, which `schema.default` states too (absent: no default). */
    readonly fallback: T;
    /** The value of a raw setting, or undefined when it does not fit the schema (the default applies). */
    readonly read: (raw: unknown) => T | undefined;
}

/** A rule's settings, by key. */
export type Settings = Readonly<Record<string, Setting<unknown>>>;

/** The typed values of `S`. */
export type SettingValues<S extends Settings> = { readonly [K in keyof S]: S[K] extends Setting<infer T> ? T : never };

/** What a rule does when a value it needs is unknown during preview. */
export type OnUnknown = "fail" | "warn";

/** A per-resource exemption: `resource` is a name or URN, `*` matches any run of characters. */
export interface Exemption {
    readonly resource: string;
    readonly reason: string;
}

/** A boolean setting. */
export function booleanSetting(description: string, fallback: boolean): Setting<boolean> {
    return { schema: { type: "boolean", default: fallback, description }, fallback, read: v => (typeof v === "boolean" ? v : undefined) };
}

/** A number (`integer` for whole numbers) between `minimum` and `maximum`. */
export function numberSetting(
    range: { readonly type: "number" | "integer"; readonly minimum: number; readonly maximum: number },
    description: string,
    fallback: number,
): Setting<number> {
    const fits = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= range.minimum && v <= range.maximum && (range.type === "number" || Number.isInteger(v));
    return { schema: { ...range, default: fallback, description }, fallback, read: v => (fits(v) ? v : undefined) };
}

/** A list of non-empty strings; an element that does not fit `items` is dropped. */
export function stringListSetting(
    items: { readonly pattern?: string; readonly enum?: readonly string[]; readonly minLength?: number },
    description: string,
    fallback: readonly string[],
): Setting<readonly string[]> {
    const pattern = items.pattern === undefined ? undefined : new RegExp(items.pattern);
    const fits = (x: unknown): x is string => typeof x === "string" && x !== "" && (!pattern || pattern.test(x)) && (!items.enum || items.enum.includes(x));
    const itemSchema: SettingSchema = { type: "string", ...(items.pattern !== undefined ? { pattern: items.pattern } : {}), ...(items.enum ? { enum: [...items.enum] } : {}), ...(items.minLength !== undefined ? { minLength: items.minLength } : {}) };
    return {
        schema: { type: "array", items: itemSchema, default: [...fallback], description },
        fallback,
        read: v => (Array.isArray(v) ? v.filter(fits) : undefined),
    };
}

/** An optional string matching `pattern` (no default). */
export function optionalStringSetting(pattern: string, description: string): Setting<string | undefined> {
    const re = new RegExp(pattern);
    return { schema: { type: "string", pattern, description }, fallback: undefined, read: v => (typeof v === "string" && re.test(v) ? v : undefined) };
}

/** The settings every rule has: `onUnknown` and `exemptions`. */
export const BASE_SETTINGS = {
    onUnknown: {
        schema: {
            type: "string",
            enum: ["fail", "warn"],
            default: "fail",
            description:
                'When a value the rule needs is unknown during preview: "fail" reports a violation naming the property; "warn" lets the engine report the rule as advisory for that run.',
        },
        fallback: "fail",
        // Anything but "warn" means "fail".
        read: (v: unknown): OnUnknown => (v === "warn" ? "warn" : "fail"),
    } satisfies Setting<OnUnknown>,
    exemptions: {
        schema: {
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
        fallback: [],
        // An exemption without a resource or a reason is ignored.
        read: (v: unknown): readonly Exemption[] | undefined => (Array.isArray(v) ? v.flatMap(exemption) : undefined),
    } satisfies Setting<readonly Exemption[]>,
} as const;

/** The settings every rule has, typed. */
export type BaseConfig = SettingValues<typeof BASE_SETTINGS>;

function exemption(e: unknown): Exemption[] {
    if (e === null || typeof e !== "object") {
        return [];
    }
    const { resource, reason } = e as Record<string, unknown>;
    return typeof resource === "string" && resource.trim() !== "" && typeof reason === "string" && reason.trim() !== "" ? [{ resource, reason }] : [];
}

/** Reads `settings` from a raw config object; each missing or unfit value is its default. */
export function readSettings<S extends Settings>(settings: S, raw: Record<string, unknown>): SettingValues<S> {
    const out: Record<string, unknown> = {};
    for (const [key, s] of Object.entries(settings)) {
        out[key] = s.read(raw[key]) ?? s.fallback;
    }
    return out as SettingValues<S>;
}

/** The `configSchema` of a rule with `settings`: the base settings first, then the rule's own. */
export function settingsSchema(settings: Settings = {}): PolicyConfigSchema {
    return { properties: Object.fromEntries(Object.entries({ ...BASE_SETTINGS, ...settings }).map(([key, s]) => [key, s.schema])) };
}

/** The settings that have a default, with it (what `config/default.json` spells out). */
export function settingDefaults(schema: PolicyConfigSchema | undefined): Record<string, unknown> {
    return Object.fromEntries(Object.entries(schema?.properties ?? {}).flatMap(([k, s]) => (typeof s === "object" && s.default !== undefined ? [[k, s.default]] : [])));
}
