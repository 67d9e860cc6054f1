/**
 * An in-process policy host: runs the pack's policies over a list of resources exactly as
 * @pulumi/policy's server (server.js, 1.21) does for `Analyze` and `AnalyzeStack`, without gRPC:
 * - the enforcement level comes from the config (`all` first, then the policy's own entry, which may
 *   be a bare level), else the policy, else the pack default (advisory); `disabled` skips the
 *   policy, `remediate` reports as mandatory;
 * - resource policies run per resource, in order, then stack policies; a single validation function
 *   with a `__pulumiType` only sees that type, and a stack policy with one is skipped when the stack
 *   has none of it;
 * - props are deserialised as the runtime's own `deserializeProperties` does (secrets unwrapped), a
 *   fresh copy per policy, and wrapped by `unknownCheckingProxy`; stack resources get parent,
 *   dependencies and propertyDependencies as resource objects (lib/props.ts and
 *   lib/hostObjects.ts make these on first read, so a policy pays only for what it reads);
 * - what the rules derive from the resources alone (the stack graph, parsed documents) is computed
 *   once per run and shared (lib/runMemo.ts);
 * - a rule of this pack that judges several types (lib/rule.ts, {@link APPLIES_TO}) is called only
 *   for those, as a single-type one is through `__pulumiType`: it returns on any other type first;
 * - an UnknownValueError becomes the runtime's advisory "can't run policy … during preview"
 *   diagnostic; `notApplicable` skips; any other exception rejects, as the server fails the RPC.
 *
 * Two differences in shape: a resource policy's diagnostic carries the resource's URN (the engine
 * attaches it to the resource), and the runtime prefixes a string violation with the policy description and a
 * newline (`<description>\n<message>`); `HostDiagnostic.message` is the rule's message alone, and the
 * description is its own field.
 */
import { Policy, ReportViolation, ResourceValidation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

import { ExemptionLedger, ExemptionUse, withLedger } from "./lib/exemptions";
import { findingMessage, FindingText, REPORT_FINDING } from "./lib/finding";
import { HostResource, pulumiType, ResourceArgs } from "./lib/hostObjects";
import { PACK_NAME, PACK_VERSION } from "./lib/pack";
import { RunProps } from "./lib/props";
import { APPLIES_TO } from "./lib/rule";
import { RunMemo, withRunMemo } from "./lib/runMemo";
import { StackView } from "./lib/stackView";
import { isUnknownValueError } from "./lib/runtime";

export type { ExemptionUse, HostResource };

/** One diagnostic, as the engine would receive it, with the finding's parts when the rule gave them. */
export interface HostDiagnostic {
    policyName: string;
    message: string;
    enforcementLevel: "advisory" | "mandatory";
    urn?: string;
    description: string;
    /** What, why and the fix, as the rule reported them (`message` is rendered from them). */
    finding?: FindingText;
}

/** The outcome of a run. */
export interface HostResult {
    diagnostics: HostDiagnostic[];
    exemptionsUsed: ExemptionUse[];
}

class NotApplicable extends Error {}

const throwNotApplicable = (reason?: string): never => {
    throw new NotApplicable(reason);
};

/** A policy's level for a run. */
export type Level = "advisory" | "mandatory" | "remediate" | "disabled";

/** One policy prepared for a run: its level, config, and which resources its validations see. */
interface Plan {
    readonly policy: Policy;
    readonly level: Level;
    readonly config: () => Record<string, unknown>;
    readonly validations: readonly ResourceValidation[];
    /** The types the resource validations apply to; undefined: every type. */
    readonly types?: ReadonlySet<string>;
}

/**
 * Runs `policies` over `resources` with a `--policy-pack-config`-shaped config. `memo` (fresh by
 * default) receives what the rules derive and share, for a caller that reads it afterwards.
 */
export function runPolicies(
    policies: readonly Policy[],
    resources: readonly HostResource[],
    config: Record<string, Record<string, unknown>> = {},
    memo: RunMemo = new RunMemo(),
): Promise<HostResult> {
    const ledger = new ExemptionLedger();
    return withLedger(ledger, () =>
        withRunMemo(async () => {
            const run: Run = { props: new RunProps(resources), diagnostics: [] };
            const plans = policies.map(p => plan(p, config));
            const resourcePlans = plans.filter(p => p.validations.length > 0);
            for (let i = 0; i < resources.length; i++) {
                const r = resources[i];
                for (const p of resourcePlans) {
                    const pending = !p.types || p.types.has(r.type) ? analyze(p, i, run) : undefined;
                    if (pending) {
                        await pending;
                    }
                }
            }
            for (const p of plans) {
                await analyzeStack(p, resources, run);
            }
            return { diagnostics: run.diagnostics, exemptionsUsed: ledger.entries() };
        }, memo),
    );
}

/** One run's props and output. */
interface Run {
    readonly props: RunProps;
    readonly diagnostics: HostDiagnostic[];
}

function plan(p: Policy, config: Record<string, unknown>): Plan {
    const level = levelOf(p, config);
    const validate = (p as ResourceValidationPolicy).validateResource;
    const list = Array.isArray(validate) ? validate : typeof validate === "function" ? [validate] : [];
    const usable = level !== "disabled" && list.length > 0 && list.every(v => typeof v === "function");
    const only = Array.isArray(validate) ? undefined : pulumiType(validate);
    const declared = !Array.isArray(validate) && typeof validate === "function" ? (validate as { [APPLIES_TO]?: readonly string[] })[APPLIES_TO] : undefined;
    const types = only ? [only] : declared;
    const settings = configFor(p, config);
    return { policy: p, level, config: () => ({ ...settings }), validations: usable ? list : [], ...(types ? { types: new Set(types) } : {}) };
}

/** A policy's level under `config`, as the runtime picks it: the policy's entry, `all`, its default, advisory. */
export function levelOf(p: Policy, config: Record<string, unknown>): Level {
    const entry = (name: string): unknown => {
        const c = config[name];
        return typeof c === "string" ? c : c !== null && typeof c === "object" ? (c as Record<string, unknown>).enforcementLevel : undefined;
    };
    const levels = ["advisory", "mandatory", "remediate", "disabled"];
    const pick = [entry(p.name), entry("all"), p.enforcementLevel, "advisory"].find(l => typeof l === "string" && levels.includes(l));
    return pick as Level;
}

function configFor(p: Policy, config: Record<string, unknown>): Record<string, unknown> {
    const c = config[p.name];
    if (c === null || typeof c !== "object") {
        return {};
    }
    const { enforcementLevel: _level, ...rest } = c as Record<string, unknown>;
    return rest;
}

/** The `reportViolation` a policy gets; it takes a finding's parts too (lib/finding.ts), which the message is rendered from. */
function reporter(p: Policy, level: "advisory" | "mandatory", out: HostDiagnostic[], defaultUrn?: string): ReportViolation {
    const report = (message: string, urn?: string) => {
        out.push({ policyName: p.name, message, enforcementLevel: level, urn: urn ?? defaultUrn, description: p.description });
    };
    const parts = (finding: FindingText, urn?: string) => {
        out.push({ policyName: p.name, message: findingMessage(finding), enforcementLevel: level, urn: urn ?? defaultUrn, description: p.description, finding });
    };
    return Object.assign(report, { [REPORT_FINDING]: parts });
}

function onError(p: Policy, e: unknown, out: HostDiagnostic[], urn?: string): void {
    if (isUnknownValueError(e)) {
        const from = `policy '${p.name}' from policy pack '${PACK_NAME}@v${PACK_VERSION}'`;
        out.push({ policyName: p.name, message: `can't run ${from} during preview: ${e.message}`, enforcementLevel: "advisory", urn, description: p.description });
    } else if (!(e instanceof NotApplicable)) {
        throw new Error(`Error validating resource with policy '${p.name}': ${e instanceof Error ? e.message : String(e)}`);
    }
}

/** Awaits `value` only when it is a promise: a synchronous validation costs no microtask turn. */
function settle(value: unknown): Promise<unknown> | undefined {
    const thenable = value !== null && (typeof value === "object" || typeof value === "function") && typeof (value as { then?: unknown }).then === "function";
    return thenable ? Promise.resolve(value) : undefined;
}

/** Runs a policy's validations (from `from`) on one resource; a promise only once a validation returns one. */
function analyze(p: Plan, index: number, run: Run, from = 0): Promise<void> | undefined {
    const r = run.props.resources[index];
    const report = reporter(p.policy, p.level === "advisory" ? "advisory" : "mandatory", run.diagnostics, r.urn);
    for (let i = from; i < p.validations.length; i++) {
        let pending: Promise<unknown> | undefined;
        try {
            pending = settle(p.validations[i](new ResourceArgs(run.props, index, p.config, throwNotApplicable), report));
        } catch (e) {
            onError(p.policy, e, run.diagnostics, r.urn);
            continue;
        }
        if (pending) {
            return pending.then(
                () => analyze(p, index, run, i + 1),
                e => {
                    onError(p.policy, e, run.diagnostics, r.urn);
                    return analyze(p, index, run, i + 1);
                },
            );
        }
    }
    return undefined;
}

async function analyzeStack(p: Plan, resources: readonly HostResource[], run: Run): Promise<void> {
    const validate = (p.policy as StackValidationPolicy).validateStack;
    if (p.level === "disabled" || typeof validate !== "function") {
        return;
    }
    const only = pulumiType(validate);
    if (only && !resources.some(r => r.type === only)) {
        return;
    }
    try {
        const view = new StackView(run.props);
        const report = reporter(p.policy, p.level === "advisory" ? "advisory" : "mandatory", run.diagnostics);
        const args = { resources: view.resources, getConfig: <T extends object>() => p.config() as T, stackTags: new Map<string, string>(), notApplicable: throwNotApplicable };
        const pending = settle(validate(args, report));
        if (pending) {
            await pending;
        }
    } catch (e) {
        onError(p.policy, e, run.diagnostics);
    }
}
