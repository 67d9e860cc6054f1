/**
 * The rule kit. Every rule is built with {@link defineRule}, which gives it the pack's contract:
 * - it never throws: any exception becomes a violation naming the rule and the resource;
 * - an unknown value is caught per resource; `onUnknown: "fail"` reports it, `"warn"` rethrows the
 *   runtime's UnknownValueError once the other resources are judged, so the engine reports the rule
 *   as advisory for this run;
 * - exemptions suppress a violation and are recorded in the ledger;
 * - violations are deduplicated and carry the URN they are about.
 */
import {
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidation,
    ResourceValidationPolicy,
    StackValidation,
    StackValidationArgs,
} from "@pulumi/policy";

import { BaseConfig, readBaseConfig, ruleSchema } from "./config";
import { currentLedger, findExemption, Subject } from "./exemptions";
import { isUnknownValueError, UnknownValueErrorLike } from "./runtime";

/** The parts of a resource every rule reads (the runtime's resource and stack args both have them). */
export interface RuleResource {
    readonly urn: string;
    readonly name: string;
    readonly type: string;
    readonly props: Record<string, unknown>;
    readonly propertyDependencies?: Record<string, readonly { readonly urn: string; readonly type: string }[]>;
    readonly provider?: { readonly urn: string; readonly type: string; readonly name: string; readonly props: Record<string, unknown> };
}

/** A policy of this pack: a resource policy, a stack policy, or both. */
export type RulePolicy = ResourceValidationPolicy & { validateStack?: StackValidation };

/** A violation: its message (`<what>. <why>. Fix: <how>`), the resource it is about, and who may exempt it. */
export interface Finding {
    readonly message: string;
    readonly urn?: string;
    /** Further subjects whose name or URN an exemption may match (the resource itself always may). */
    readonly subjects?: readonly Subject[];
}

/** `UserPolicy 'alice-inline'`: how messages name a resource. */
export function label(r: { readonly type: string; readonly name: string }): string {
    return r.type.startsWith("pulumi:providers:") ? `Provider '${r.name}'` : `${r.type.slice(r.type.lastIndexOf(":") + 1)} '${r.name}'`;
}

/** One run of one rule: reporting, exemptions, unknowns and failures. */
export class Judge {
    private readonly seen = new Set<string>();
    private readonly unknowns: UnknownValueErrorLike[] = [];

    public constructor(
        private readonly policyName: string,
        private readonly config: BaseConfig,
        private readonly reportViolation: ReportViolation,
    ) {}

    /** Reports a finding unless an exemption covers it. */
    public report(f: Finding): void {
        const key = `${f.urn ?? ""}\u0000${f.message}`;
        if (this.seen.has(key)) {
            return;
        }
        this.seen.add(key);
        const subjects = [...(f.urn ? [{ urn: f.urn, name: nameOfUrn(f.urn) }] : []), ...(f.subjects ?? [])];
        const exemption = findExemption(this.config.exemptions, subjects);
        if (exemption && f.urn) {
            currentLedger().record({ policyName: this.policyName, urn: f.urn, pattern: exemption.resource, reason: exemption.reason });
            return;
        }
        this.reportViolation(f.message, f.urn);
    }

    /** A value of `r` is unknown during preview. */
    public unknown(r: RuleResource, error: UnknownValueErrorLike): void {
        if (this.config.onUnknown === "warn") {
            this.unknowns.push(error);
            return;
        }
        this.report({
            urn: r.urn,
            message:
                `${label(r)} has a value that is unknown during preview (${error.message}), so ${this.policyName} cannot judge it. ` +
                `An unjudged resource may be exactly what the rule exists to stop. ` +
                `Fix: build the value from names and the account ID rather than from another resource's outputs, ` +
                `or set onUnknown to "warn" for ${this.policyName} to accept an advisory until the update.`,
        });
    }

    /** Runs `fn` for one resource; an unknown value or an exception is reported against `r`. */
    public each(r: RuleResource | undefined, fn: () => void): void {
        try {
            fn();
        } catch (e) {
            if (isUnknownValueError(e) && r) {
                this.unknown(r, e);
            } else {
                this.failed(r, e);
            }
        }
    }

    /** Ends the run: with `onUnknown: "warn"`, hands the first unknown to the runtime. */
    public finish(): void {
        if (this.unknowns.length > 0) {
            throw this.unknowns[0];
        }
    }

    private failed(r: RuleResource | undefined, e: unknown): void {
        const what = e instanceof Error ? e.message : String(e);
        this.report({
            urn: r?.urn,
            message:
                `${this.policyName} failed while judging ${r ? label(r) : "the stack"}: ${what.replace(/\.$/, "")}. ` +
                `A rule that cannot finish fails closed, so this counts as a violation. ` +
                `Fix: correct the resource's properties if they are malformed, or report the failure to the pack's maintainers.`,
        });
    }
}

/** The parts of a rule's definition. `config` reads the rule's own settings from the raw config. */
export interface RuleDefinition<C> {
    readonly name: string;
    readonly description: string;
    readonly enforcementLevel: "advisory" | "mandatory";
    /** One line: how to fix a violation (also the policy's `remediationSteps`). */
    readonly fix: string;
    readonly schema?: PolicyConfigSchema["properties"];
    readonly config: (raw: Record<string, unknown>) => C;
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
export function defineRule<C>(d: RuleDefinition<C>): RulePolicy {
    // Settings are read defensively; should a reader still throw, the defaults apply.
    const configOf = (raw: unknown): C & BaseConfig => {
        const obj = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
        try {
            return { ...d.config(obj), ...readBaseConfig(obj) };
        } catch {
            return { ...d.config({}), ...readBaseConfig({}) };
        }
    };
    const policy: RulePolicy = {
        name: d.name,
        description: d.description,
        enforcementLevel: d.enforcementLevel,
        remediationSteps: d.fix,
        configSchema: ruleSchema(d.schema),
    };
    const res = d.resource;
    if (res) {
        const validate: ResourceValidation = (args, reportViolation) => {
            if (!res.types.includes(args.type)) {
                return;
            }
            const config = configOf(args.getConfig());
            const judge = new Judge(d.name, config, reportViolation);
            judge.each(args, () => res.check(args, config, judge));
            judge.finish();
        };
        policy.validateResource = Object.assign(validate, { [APPLIES_TO]: [...res.types] }, res.types.length === 1 ? { __pulumiType: res.types[0] } : {});
    }
    const stack = d.stack;
    if (stack) {
        policy.validateStack = (args: StackValidationArgs, reportViolation: ReportViolation) => {
            const config = configOf(args.getConfig());
            const judge = new Judge(d.name, config, reportViolation);
            judge.each(undefined, () => stack(args.resources, config, judge));
            judge.finish();
        };
    }
    return policy;
}

/** The resource name in a URN (its last `::` segment). */
export function nameOfUrn(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}
