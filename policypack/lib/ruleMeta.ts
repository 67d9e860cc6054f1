/**
 * A rule's metadata, declared once with the rule: its level, severity, compliance mappings,
 * documentation and strict variant. It becomes @pulumi/policy's own policy fields (`severity`,
 * `framework`, `tags`, `remediationSteps`, `url`, which GetAnalyzerInfo carries to the engine and
 * Pulumi Cloud), and scripts/rule-docs.ts turns it into `docs/rules/<rule>.md`, the README rule
 * tables and `config/default.json`/`strict.json`.
 */
import { EnforcementLevel, Policy, Severity } from "@pulumi/policy";

import { ComplianceMapping, CONTROLS, controlTag, FRAMEWORKS, RelatedControl } from "./compliance";
import { DOCS_URL } from "./pack";

/** What every rule declares about itself. */
export interface RuleMeta {
    readonly name: string;
    /** The compliant condition, in one sentence. */
    readonly description: string;
    readonly enforcementLevel: "advisory" | "mandatory";
    /** How bad a violation is: `low`, `medium`, `high`, `critical` (SARIF's security-severity follows). */
    readonly severity: Severity;
    /** What the rule requires, in full (Markdown): the README rule table and the rule's page. */
    readonly details: string;
    /** One line: how to fix a violation (the policy's `remediationSteps`). */
    readonly fix: string;
    /** Controls the rule checks. */
    readonly compliance?: readonly ComplianceMapping[];
    /** Controls close to the rule that it does not check. */
    readonly related?: readonly RelatedControl[];
    /** How `config/strict.json` differs from the defaults for this rule. */
    readonly strict?: { readonly enforcementLevel?: EnforcementLevel; readonly settings?: Readonly<Record<string, unknown>> };
}

/** The key of a policy's metadata on the policy object (not enumerable: the runtime never sees it). */
export const RULE_META = Symbol.for("assume-guard.ruleMeta");

/** The URL of a rule's documentation page. */
export function ruleUrl(name: string): string {
    return `${DOCS_URL}${name}.md`;
}

/** The policy fields @pulumi/policy defines for metadata, from `meta`. */
export function policyFields(meta: RuleMeta): Pick<Policy, "name" | "description" | "enforcementLevel" | "severity" | "framework" | "tags" | "remediationSteps" | "url"> {
    const first = meta.compliance?.[0];
    const control = first ? CONTROLS[first.control] : undefined;
    return {
        name: meta.name,
        description: meta.description,
        enforcementLevel: meta.enforcementLevel,
        severity: meta.severity,
        // @pulumi/policy carries one framework per policy: the first mapping; tags carry them all.
        ...(control
            ? { framework: { name: FRAMEWORKS[control.framework].name, version: FRAMEWORKS[control.framework].version, reference: control.id, specification: control.title } }
            : {}),
        tags: ["security", ...(meta.compliance ?? []).map(m => controlTag(m.control))],
        remediationSteps: meta.fix,
        url: ruleUrl(meta.name),
    };
}

/** `policy` with its metadata attached. */
export function withMeta<P extends Policy>(policy: P, meta: RuleMeta): P {
    Object.defineProperty(policy, RULE_META, { value: meta, enumerable: false });
    return policy;
}

/** The metadata of a policy of this pack. */
export function metaOf(policy: Policy): RuleMeta {
    const meta = (policy as { [RULE_META]?: RuleMeta })[RULE_META];
    if (!meta) {
        throw new Error(`policy ${policy.name} declares no metadata (build it with defineRule or withMeta)`);
    }
    return meta;
}
