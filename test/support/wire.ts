/**
 * The Analyzer protocol's messages, built and read the way the Pulumi engine does
 * (pkg/resource/plugin/analyzer_plugin.go; see docs/engine-protocol.md): plain resources in,
 * protobuf `AnalyzeRequest`/`AnalyzerResource` out, and `AnalyzeDiagnostic`/`AnalyzerInfo` back to
 * plain objects.
 */
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

import { HostDiagnostic, HostResource } from "../../policypack/host";

/** The engine's sentinel for an unknown string, and for every unknown output (rpc.go `UnknownStringValue`). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The engine's sentinel for an unknown bool (rpc.go `UnknownBoolValue`). */
export const UNKNOWN_BOOL = "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7";
/** The engine's sentinel for an unknown number (rpc.go `UnknownNumberValue`). */
export const UNKNOWN_NUMBER = "3eeb2bf0-c639-47a8-9e75-3b44932eb421";
/** The engine's sentinel for an unknown array (rpc.go `UnknownArrayValue`). */
export const UNKNOWN_ARRAY = "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2";
/** The engine's sentinel for an unknown object (rpc.go `UnknownObjectValue`). */
export const UNKNOWN_OBJECT = "dd056dcd-154b-4c76-9bd3-c8f88648b5ff";

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A JSON value as it can travel in a protobuf `Struct`. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** `value` marked secret, as the engine marshals secrets (`KeepSecrets: true`). */
export function secret(value: Json): { [key: string]: Json } {
    return { [SIG_KEY]: SECRET_SIG, value };
}

/** An enforcement level on the wire. */
export type Level = "advisory" | "mandatory" | "remediate" | "disabled";

const LEVELS: Record<analyzerpb.EnforcementLevel, Level> = {
    [analyzerpb.EnforcementLevel.ADVISORY]: "advisory",
    [analyzerpb.EnforcementLevel.MANDATORY]: "mandatory",
    [analyzerpb.EnforcementLevel.DISABLED]: "disabled",
    [analyzerpb.EnforcementLevel.REMEDIATE]: "remediate",
};

/** The protobuf enum of a level. */
export function levelToProto(level: Level): analyzerpb.EnforcementLevel {
    const found = Object.entries(LEVELS).find(([, l]) => l === level);
    if (!found) {
        throw new Error(`invalid enforcement level "${String(level)}"`);
    }
    return Number(found[0]) as analyzerpb.EnforcementLevel;
}

/**
 * A resource as the engine describes it to an analyzer: the in-process host's shape, so that the same
 * resources go through both. Props are the inputs for `Analyze` and the outputs for `AnalyzeStack`,
 * unknowns as the sentinels above.
 */
export type EngineResource = HostResource;

/** One diagnostic as the engine receives it, attributed as the engine attributes it. */
export interface Diagnostic {
    policyName: string;
    /** For a string violation: `<policy description>\n<message>`. */
    message: string;
    enforcementLevel: Level;
    urn?: string;
}

/**
 * What the engine receives for a diagnostic of the in-process host: the server prefixes a rule's message
 * with the policy's description, but not its own "can't run … during preview" advisory.
 */
export function engineDiagnostic(d: HostDiagnostic): Diagnostic {
    return {
        policyName: d.policyName,
        message: d.message.startsWith(`can't run policy '${d.policyName}' from policy pack `) ? d.message : `${d.description}\n${d.message}`,
        enforcementLevel: d.enforcementLevel,
        ...(d.urn ? { urn: d.urn } : {}),
    };
}

/** Props to a `Struct`, through JSON (as the engine's PropertyMap has no `undefined`). */
export function toStruct(props: Record<string, unknown>): Struct {
    return Struct.fromJavaScript(JSON.parse(JSON.stringify(props ?? {})) as { [key: string]: Json });
}

function options(r: EngineResource): analyzerpb.AnalyzerResourceOptions {
    const opts = new analyzerpb.AnalyzerResourceOptions();
    opts.setProtect(false);
    opts.setCustomtimeouts(new analyzerpb.AnalyzerResourceOptions.CustomTimeouts());
    opts.setParent(r.parent ?? "");
    return opts;
}

function provider(r: EngineResource): analyzerpb.AnalyzerProviderResource | undefined {
    if (!r.provider) {
        return undefined;
    }
    const p = new analyzerpb.AnalyzerProviderResource();
    p.setUrn(r.provider.urn);
    p.setType(r.provider.type);
    p.setName(r.provider.name);
    p.setProperties(toStruct(r.provider.props));
    return p;
}

/** What `AnalyzeRequest` and `AnalyzerResource` have in common. */
interface ResourceMessage<M> {
    setUrn(v: string): M;
    setType(v: string): M;
    setName(v: string): M;
    setProperties(v?: Struct): M;
    setOptions(v?: analyzerpb.AnalyzerResourceOptions): M;
    setProvider(v?: analyzerpb.AnalyzerProviderResource): M;
}

function fillResource<M extends ResourceMessage<M>>(m: M, r: EngineResource): M {
    return m.setUrn(r.urn).setType(r.type).setName(r.name).setProperties(toStruct(r.props)).setOptions(options(r)).setProvider(provider(r));
}

/** The `Analyze` request for one resource. */
export function toAnalyzeRequest(r: EngineResource): analyzerpb.AnalyzeRequest {
    return fillResource(new analyzerpb.AnalyzeRequest(), r);
}

/** One resource of an `AnalyzeStack` request; properties without dependencies are left out, as the engine does. */
export function toAnalyzerResource(r: EngineResource): analyzerpb.AnalyzerResource {
    const res = fillResource(new analyzerpb.AnalyzerResource(), r).setParent(r.parent ?? "").setDependenciesList(r.dependencies ?? []);
    const deps = res.getPropertydependenciesMap();
    for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
        if (urns.length > 0) {
            deps.set(key, new analyzerpb.AnalyzerPropertyDependencies().setUrnsList(urns));
        }
    }
    return res;
}

/** A wire diagnostic as a plain object; `urn` falls back to `defaultUrn` (the engine's attribution of `Analyze`). */
export function fromDiagnostic(d: analyzerpb.AnalyzeDiagnostic, defaultUrn?: string): Diagnostic {
    const urn = d.getUrn() || defaultUrn;
    return {
        policyName: d.getPolicyname(),
        message: d.getMessage(),
        enforcementLevel: LEVELS[d.getEnforcementlevel()],
        ...(urn ? { urn } : {}),
    };
}

/** A policy as `GetAnalyzerInfo` describes it. */
export interface PolicyInfo {
    name: string;
    description: string;
    enforcementLevel: Level;
    policyType: "resource" | "stack" | "unknown";
    /** Only `properties` and `required` cross the wire. */
    configSchema?: { properties: Record<string, unknown>; required?: string[] };
    /** The metadata fields, each only when the policy sets it. */
    severity?: "low" | "medium" | "high" | "critical";
    framework?: { name: string; version: string; reference: string; specification: string };
    tags?: string[];
    remediationSteps?: string;
    url?: string;
}

const SEVERITIES: Record<analyzerpb.PolicySeverity, PolicyInfo["severity"]> = {
    [analyzerpb.PolicySeverity.POLICY_SEVERITY_UNSPECIFIED]: undefined,
    [analyzerpb.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
    [analyzerpb.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
    [analyzerpb.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
    [analyzerpb.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

/** The pack as `GetAnalyzerInfo` describes it. */
export interface AnalyzerInfo {
    name: string;
    version: string;
    supportsConfig: boolean;
    policies: PolicyInfo[];
    initialConfig: Record<string, { enforcementLevel: Level; properties: Record<string, unknown> }>;
}

const POLICY_TYPES: Record<analyzerpb.PolicyType, PolicyInfo["policyType"]> = {
    [analyzerpb.PolicyType.POLICY_TYPE_UNKNOWN]: "unknown",
    [analyzerpb.PolicyType.POLICY_TYPE_RESOURCE]: "resource",
    [analyzerpb.PolicyType.POLICY_TYPE_STACK]: "stack",
};

/** `AnalyzerInfo` as a plain object. */
export function fromAnalyzerInfo(info: analyzerpb.AnalyzerInfo): AnalyzerInfo {
    const initialConfig: AnalyzerInfo["initialConfig"] = {};
    info.getInitialconfigMap().forEach((c, name) => {
        initialConfig[name] = { enforcementLevel: LEVELS[c.getEnforcementlevel()], properties: c.getProperties()?.toJavaScript() ?? {} };
    });
    return {
        name: info.getName(),
        version: info.getVersion(),
        supportsConfig: info.getSupportsconfig(),
        policies: info.getPoliciesList().map(p => {
            const schema = p.getConfigschema();
            const required = schema?.getRequiredList() ?? [];
            const severity = SEVERITIES[p.getSeverity()];
            const framework = p.getFramework()?.toObject();
            return {
                name: p.getName(),
                description: p.getDescription(),
                enforcementLevel: LEVELS[p.getEnforcementlevel()],
                policyType: POLICY_TYPES[p.getPolicyType()],
                ...(schema
                    ? { configSchema: { properties: schema.getProperties()?.toJavaScript() ?? {}, ...(required.length > 0 ? { required } : {}) } }
                    : {}),
                ...(severity ? { severity } : {}),
                ...(framework ? { framework } : {}),
                ...(p.getTagsList().length > 0 ? { tags: p.getTagsList() } : {}),
                ...(p.getRemediationSteps() ? { remediationSteps: p.getRemediationSteps() } : {}),
                ...(p.getUrl() ? { url: p.getUrl() } : {}),
            };
        }),
        initialConfig,
    };
}
