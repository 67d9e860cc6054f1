/**
 * The rule kit. Every rule is built with {@link defineRule}, which gives it the pack's contract:
 * - it never throws: any exception becomes a violation naming the rule and the resource;
 * - an unknown value is caught per resource; `onUnknown: "fail"` reports it, `"warn"` rethrows the
 *   runtime's UnknownValueError once the other resources are judged, so the engine reports the rule
 *   as advisory for this run;
 * - exemptions suppress a violation and are recorded in the ledger;
 * - violations are deduplicated, carry the URN they are about, and say what, why and the fix;
 * - its metadata and settings are declared once, in the definition (lib/ruleMeta.ts, lib/config.ts).
 */
import { ResourceValidation, ResourceValidationPolicy, StackValidation, StackValidationArgs } from "@pulumi/policy";

import { BASE_SETTINGS, BaseConfig, readSettings, Settings, settingsSchema, SettingValues } from "./config";
import { FindingReporter } from "./finding";
import { Judge, RuleResource } from "./judge";
import { policyFields, RuleMeta, withMeta } from "./ruleMeta";
import { withRequestMemo } from "./runMemo";

export { Judge, label, nameOfUrn } from "./judge";
export type { Finding, RuleResource } from "./judge";

/** A policy of this pack: a resource policy, a stack policy, or both. */
export type RulePolicy = ResourceValidationPolicy & { validateStack?: StackValidation };

/** A rule: its metadata, its settings, and its checks. `config` derives what the checks read from the typed settings. */
export interface RuleDefinition<S extends Settings, C> extends RuleMeta {
    /** The rule's own settings (every rule also has `onUnknown` and `exemptions`). */
    readonly settings?: S;
    readonly config: (settings: SettingValues<S>) => C;
    /** Judges one resource of one of `types` before it is created. */
    readonly resource?: {
        readonly types: readonly string[];
        readonly check: (r: RuleResource, config: C & BaseConfig, judge: Judge) => void;
    };
    /** Judges the whole stack. */
    readonly stack?: (resources: readonly RuleResource[], config: C & BaseConfig, judge: Judge) => void;
}

/**
 * The types a rule's resource validation judges, on the validation function: the in-process host
 * calls it only for those (the runtime itself calls it for every type, and it returns at once).
 */
export const APPLIES_TO = Symbol.for("assume-guard.appliesTo");

/** Builds a policy with the pack's contract from a rule definition. */
export function defineRule<S extends Settings = Record<never, never>, C = unknown>(d: RuleDefinition<S, C>): RulePolicy {
    const own = (d.settings ?? {}) as S;
    // Settings are read defensively; should a derivation still throw, the defaults apply.
    const configOf = (raw: unknown): C & BaseConfig => {
        const obj = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
        try {
            return { ...d.config(readSettings(own, obj)), ...readSettings(BASE_SETTINGS, obj) };
        } catch {
            return { ...d.config(readSettings(own, {})), ...readSettings(BASE_SETTINGS, {}) };
        }
    };
    const { settings: _settings, config: _config, resource: res, stack, ...meta } = d;
    const policy: RulePolicy = { ...policyFields(meta), configSchema: settingsSchema(own) };
    if (res) {
        const validate: ResourceValidation = (args, reportViolation) => {
            if (!res.types.includes(args.type)) {
                return;
            }
            const config = configOf(args.getConfig());
            const judge = new Judge(d.name, config, reportViolation as FindingReporter);
            judge.each(args, () => res.check(args, config, judge));
            judge.finish();
        };
        policy.validateResource = Object.assign(validate, { [APPLIES_TO]: [...res.types] }, res.types.length === 1 ? { __pulumiType: res.types[0] } : {});
    }
    if (stack) {
        policy.validateStack = (args: StackValidationArgs, reportViolation) => {
            const config = configOf(args.getConfig());
            const judge = new Judge(d.name, config, reportViolation as FindingReporter);
            withRequestMemo(args.resources, () => judge.each(undefined, () => stack(args.resources, config, judge)));
            judge.finish();
        };
    }
    return withMeta(policy, meta);
}
