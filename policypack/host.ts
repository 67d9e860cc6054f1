/**
 * An in-process policy host: runs the pack's policies over a list of resources exactly as
 * @pulumi/policy's server (server.js, 1.21) does for `Analyze` and `AnalyzeStack`, without gRPC:
 * - the enforcement level comes from the config (`all` first, then the policy's own entry, which may
 *   be a bare level), else the policy, else the pack default (advisory); `disabled` skips the
 *   policy, `remediate` reports as mandatory;
 * - resource policies run per resource, in order, then stack policies; a single validation function
 *   with a `__pulumiType` only sees that type, and a stack policy with one is skipped when the stack
 *   has none of it;
 * - props are deserialised by the runtime's own `deserializeProperties` (secrets unwrapped) and
 *   wrapped by `unknownCheckingProxy`; stack resources get parent, dependencies and
 *   propertyDependencies as resource objects;
 * - an UnknownValueError becomes the runtime's advisory "can't run policy … during preview"
 *   diagnostic; `notApplicable` skips; any other exception rejects, as the server fails the RPC.
 *
 * Two differences in shape: a resource policy's diagnostic carries the resource's URN (the engine
 * attaches it to the resource), and the runtime prefixes a string violation with the policy description and a
 * newline (`<description>\n<message>`); `HostDiagnostic.message` is the rule's message alone, and the
 * description is its own field.
 */
import { Policy, PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

import { ExemptionLedger, ExemptionUse, withLedger } from "./lib/exemptions";
import { PACK_NAME, PACK_VERSION } from "./lib/pack";
import { isUnknownValueError, unknownCheckingProxy } from "./lib/runtime";

export type { ExemptionUse };

/** A resource as the host receives it (URN references, plain JSON props). */
export interface HostResource {
    urn: string;
    type: string;
    name: string;
    props: Record<string, unknown>;
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    provider?: { urn: string; type: string; name: string; props: Record<string, unknown> };
}

/** One diagnostic, as the engine would receive it. */
export interface HostDiagnostic {
    policyName: string;
    message: string;
    enforcementLevel: "advisory" | "mandatory";
    urn?: string;
    description: string;
}

/** The outcome of a run. */
export interface HostResult {
    diagnostics: HostDiagnostic[];
    exemptionsUsed: ExemptionUse[];
}

interface DeserializeModule {
    deserializeProperties(struct: { toJavaScript(): unknown }, proxySecrets: boolean): Record<string, unknown>;
}
// The runtime's own deserialiser (internal, untyped): the same code the server runs on every request.
const deserialize: DeserializeModule = require("@pulumi/policy/deserialize");

class NotApplicable extends Error {}

const throwNotApplicable = (reason?: string): never => {
    throw new NotApplicable(reason);
};

/** Runs `policies` over `resources` with a `--policy-pack-config`-shaped config. */
export function runPolicies(
    policies: readonly Policy[],
    resources: readonly HostResource[],
    config: Record<string, Record<string, unknown>> = {},
): Promise<HostResult> {
    const ledger = new ExemptionLedger();
    return withLedger(ledger, async () => {
        const diagnostics: HostDiagnostic[] = [];
        for (const r of resources) {
            for (const p of policies) {
                await analyze(p, r, config, diagnostics);
            }
        }
        for (const p of policies) {
            await analyzeStack(p, resources, config, diagnostics);
        }
        return { diagnostics, exemptionsUsed: ledger.entries() };
    });
}

type Level = "advisory" | "mandatory" | "remediate" | "disabled";

function levelOf(p: Policy, config: Record<string, unknown>): Level {
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

function propsOf(props: Record<string, unknown>): Record<string, unknown> {
    const plain = JSON.parse(JSON.stringify(props ?? {})) as Record<string, unknown>;
    return unknownCheckingProxy(deserialize.deserializeProperties({ toJavaScript: () => plain }, false));
}

function pulumiType(o: unknown): string | undefined {
    const t = o !== null && (typeof o === "object" || typeof o === "function") ? (o as { __pulumiType?: unknown }).__pulumiType : undefined;
    return typeof t === "string" && t.length > 0 ? t : undefined;
}

function isTypeOf(type: string, cls: unknown): boolean {
    const t = pulumiType(cls);
    if (t) {
        return t === type;
    }
    const isInstance = cls !== null && typeof cls === "function" ? (cls as { isInstance?: unknown }).isInstance : undefined;
    return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

function reporter(p: Policy, level: "advisory" | "mandatory", out: HostDiagnostic[], defaultUrn?: string): ReportViolation {
    return (message: string, urn?: string) => {
        out.push({ policyName: p.name, message, enforcementLevel: level, urn: urn ?? defaultUrn, description: p.description });
    };
}

function onError(p: Policy, e: unknown, out: HostDiagnostic[], urn?: string): void {
    if (isUnknownValueError(e)) {
        const from = `policy '${p.name}' from policy pack '${PACK_NAME}@v${PACK_VERSION}'`;
        out.push({ policyName: p.name, message: `can't run ${from} during preview: ${e.message}`, enforcementLevel: "advisory", urn, description: p.description });
    } else if (!(e instanceof NotApplicable)) {
        throw new Error(`Error validating resource with policy '${p.name}': ${e instanceof Error ? e.message : String(e)}`);
    }
}

async function analyze(p: Policy, r: HostResource, config: Record<string, unknown>, out: HostDiagnostic[]): Promise<void> {
    const level = levelOf(p, config);
    const validate = (p as ResourceValidationPolicy).validateResource;
    const validations = Array.isArray(validate) ? validate : typeof validate === "function" ? [validate] : [];
    if (level === "disabled" || validations.length === 0 || (Array.isArray(validate) && validate.some(v => typeof v !== "function"))) {
        return;
    }
    const only = Array.isArray(validate) ? undefined : pulumiType(validate);
    if (only && only !== r.type) {
        return;
    }
    const report = reporter(p, level === "advisory" ? "advisory" : "mandatory", out, r.urn);
    for (const v of validations) {
        try {
            const props = propsOf(r.props);
            const args: ResourceValidationArgs = {
                type: r.type,
                props,
                urn: r.urn,
                name: r.name,
                opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [], ...(r.parent ? { parent: r.parent } : {}) },
                stackTags: new Map<string, string>(),
                isType: cls => isTypeOf(r.type, cls),
                // The runtime hands back the props themselves, typed as the class's args.
                asType: cls => (isTypeOf(r.type, cls) ? (props as never) : undefined),
                getConfig: <T extends object>() => configFor(p, config) as T,
                notApplicable: throwNotApplicable,
                ...(r.provider ? { provider: { ...r.provider, props: propsOf(r.provider.props) } } : {}),
            };
            await Promise.resolve(v(args, report));
        } catch (e) {
            onError(p, e, out, r.urn);
        }
    }
}

async function analyzeStack(p: Policy, resources: readonly HostResource[], config: Record<string, unknown>, out: HostDiagnostic[]): Promise<void> {
    const level = levelOf(p, config);
    const validate = (p as StackValidationPolicy).validateStack;
    if (level === "disabled" || typeof validate !== "function") {
        return;
    }
    const only = pulumiType(validate);
    if (only && !resources.some(r => r.type === only)) {
        return;
    }
    try {
        const objects: PolicyResource[] = resources.map(r => {
            const props = propsOf(r.props);
            return {
                type: r.type,
                props,
                urn: r.urn,
                name: r.name,
                opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
                dependencies: [],
                propertyDependencies: {},
                isType: cls => isTypeOf(r.type, cls),
                asType: cls => (isTypeOf(r.type, cls) ? (props as never) : undefined),
                ...(r.provider ? { provider: { ...r.provider, props: propsOf(r.provider.props) } } : {}),
            };
        });
        const byUrn = new Map(objects.map(o => [o.urn, o]));
        const resolve = (urns: readonly string[] | undefined) => (urns ?? []).map(u => byUrn.get(u)).filter((o): o is PolicyResource => o !== undefined);
        resources.forEach((r, i) => {
            const o = objects[i];
            const parent = r.parent ? byUrn.get(r.parent) : undefined;
            if (parent) {
                o.parent = parent;
            }
            o.dependencies = resolve(r.dependencies);
            for (const [k, v] of Object.entries(r.propertyDependencies ?? {})) {
                o.propertyDependencies[k] = resolve(v);
            }
        });
        const report = reporter(p, level === "advisory" ? "advisory" : "mandatory", out);
        await Promise.resolve(validate({ resources: objects, getConfig: <T extends object>() => configFor(p, config) as T, stackTags: new Map<string, string>(), notApplicable: throwNotApplicable }, report));
    } catch (e) {
        onError(p, e, out);
    }
}
