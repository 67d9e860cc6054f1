/** The gate's verdict, independent of how it is printed. */
import type { Severity } from "@pulumi/policy";

import { findingMessage } from "../../policypack/lib/finding";
import type { AccessMap } from "../accessMap";

/** A line of the program's source: a path relative to the repository root (or a `file://` URI outside it). */
export interface SourceLocation {
    readonly file: string;
    readonly line: number;
    readonly column?: number;
}

/** One violation, as every format shows it. */
export interface Finding {
    /** The rule (policy) name. */
    readonly rule: string;
    readonly level: "mandatory" | "advisory";
    /** The resource's URN, when the finding is about one resource. */
    readonly urn?: string;
    /** `type name`, or `(stack)`. */
    readonly resource: string;
    /** What is wrong. */
    readonly what: string;
    /** Why it matters. */
    readonly why: string;
    /** How to fix it. */
    readonly fix: string;
    /** The message the engine shows, rendered from the three ({@link messageOf}). */
    readonly message: string;
    /** The line of the program that registered the resource, when known. */
    readonly location?: SourceLocation;
}

/** An exemption from the pack config that suppressed a finding: the finding, and why it is accepted. */
export interface ExemptionUsed extends Omit<Finding, "urn" | "level"> {
    /** The URN of the exempted resource. */
    readonly urn: string;
    /** The level the finding would have had. */
    readonly level: "mandatory" | "advisory";
    /** The exemption's `resource` pattern. */
    readonly pattern: string;
    readonly reason: string;
}

/** A rule's metadata, for formats that describe rules (SARIF). */
export interface RuleInfo {
    readonly name: string;
    readonly description: string;
    /** The level of this run (`--policy-config` may change the default). */
    readonly level: "mandatory" | "advisory" | "disabled";
    readonly severity: Severity;
    readonly fix: string;
    /** What the rule requires, in Markdown. */
    readonly details: string;
    /** The rule's settings, as plain text. */
    readonly help: string;
    /** Its documentation page. */
    readonly url: string;
    /** The compliance controls it maps to, as tags (`aws-fsbp/DynamoDB.2`). */
    readonly controls: readonly string[];
}

/** Everything a report needs. */
export interface GateReport {
    /** The command that judged (`gate` when absent; `audit` for an account's authorization details). */
    readonly tool?: string;
    /** What was judged: `stack dev` or `state path/to/export.json`. */
    readonly source: string;
    /** The file findings without a source line point at (the stack's config or the export), relative to the repository root. */
    readonly artifact: string;
    readonly resourcesJudged: number;
    /** How many resources of each type were judged (type → count, types sorted), so a reader can see what was seen. */
    readonly resourceTypes: Readonly<Record<string, number>>;
    readonly findings: readonly Finding[];
    /**
     * What the program logged with `pulumi.log.warn` during the run (a preview shows these too):
     * advisory, never a reason to fail. Empty for a stack export; absent for reports of other
     * commands, which run no program.
     */
    readonly programWarnings?: readonly string[];
    readonly exemptionsUsed: readonly ExemptionUsed[];
    readonly rules: readonly RuleInfo[];
    readonly packVersion: string;
    /** Who can reach what, for the Markdown report. */
    readonly accessMap: AccessMap;
}

/** True when no mandatory finding blocks the change. */
export function passes(report: GateReport): boolean {
    return !report.findings.some(f => f.level === "mandatory");
}

/**
 * A finding as the engine shows it, `<what>. <why>. Fix: <fix>.` (the pack's one builder); a
 * diagnostic the policy runtime made itself ("can't run policy … during preview") has no parts and
 * reads as it was.
 */
export function messageOf(f: Pick<Finding, "what" | "why" | "fix">): string {
    return f.why || f.fix ? findingMessage(f) : f.what;
}

/** `index.ts:34`: where a finding points, for people. */
export function where(location: SourceLocation | undefined): string | undefined {
    return location ? `${location.file}:${location.line}` : undefined;
}
