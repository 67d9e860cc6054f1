/** The gate's verdict, independent of how it is printed. */
import type { AccessMap } from "../accessMap";

/** One violation, as every format shows it. */
export interface Finding {
    /** The rule (policy) name. */
    readonly rule: string;
    readonly level: "mandatory" | "advisory";
    /** The resource's URN, when the finding is about one resource. */
    readonly urn?: string;
    /** `type name`, or `(stack)`. */
    readonly resource: string;
    /** What is wrong and why it matters. */
    readonly message: string;
    /** How to fix it (the text after ` Fix: ` in the rule's message). */
    readonly fix: string;
}

/** An exemption from the pack config that suppressed a finding. */
export interface ExemptionUsed {
    readonly rule: string;
    readonly resource: string;
    readonly reason: string;
}

/** A rule's metadata, for formats that describe rules (SARIF). */
export interface RuleInfo {
    readonly name: string;
    readonly description: string;
    readonly level: "mandatory" | "advisory" | "disabled";
    readonly fix: string;
}

/** Everything a report needs. */
export interface GateReport {
    /** The command that judged (`gate` when absent; `audit` for an account's authorization details). */
    readonly tool?: string;
    /** What was judged: `stack dev` or `state path/to/export.json`. */
    readonly source: string;
    /** The file findings point at (the program or the export), relative to the working directory. */
    readonly artifact: string;
    readonly resourcesJudged: number;
    /** How many resources of each type were judged (type → count, types sorted), so a reader can see what was seen. */
    readonly resourceTypes: Readonly<Record<string, number>>;
    readonly findings: readonly Finding[];
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

/** Splits a rule message `<what>. <why>. Fix: <how>` into message and fix. */
export function splitFix(message: string): { message: string; fix: string } {
    const at = message.lastIndexOf(" Fix: ");
    return at < 0 ? { message, fix: "" } : { message: message.slice(0, at), fix: message.slice(at + " Fix: ".length) };
}
