/**
 * The report's findings, exemptions and rules, from the host's run: each finding with what, why and
 * the fix as the rule gave them (never parsed back out of the message), secrets scrubbed, and the
 * line of the program that registered its resource; each rule with the level of this run.
 */
import { HostResult, levelOf } from "../policypack/host";
import { policies, ruleDocs } from "../policypack/policies";
import { controlTag } from "../policypack/lib/compliance";
import { ExemptionUsed, Finding, messageOf, RuleInfo, SourceLocation } from "./report/model";
import { InputResource, SecretScrubber } from "./resources";
import { registrationSites, rootRelative } from "./sourceLocation";

/** What the report says about a run. */
export interface Verdict {
    readonly findings: Finding[];
    readonly exemptionsUsed: ExemptionUsed[];
    readonly rules: RuleInfo[];
}

/** Where the finding about a resource (by URN) points, when known: a program line, or a line of the judged input. */
export type Locator = (urn: string) => SourceLocation | undefined;

/** The program lines that registered `resources` (./sourceLocation.ts), with paths relative to `root`. */
export function programLines(resources: readonly InputResource[], root: string): Locator {
    const sites = registrationSites(resources);
    return urn => {
        const at = sites.get(urn);
        return at ? { file: rootRelative(root, at.file), line: at.line, ...(at.column ? { column: at.column } : {}) } : undefined;
    };
}

/** Builds the verdict of `result` over `resources` (by URN: `type name` in reports); `locate` places each finding. */
export function verdictOf(
    result: HostResult,
    resources: readonly { readonly urn: string; readonly type: string; readonly name: string }[],
    config: Record<string, Record<string, unknown>>,
    scrubber: SecretScrubber,
    locateUrn: Locator,
): Verdict {
    const byUrn = new Map(resources.map(r => [r.urn, r]));
    const locate = (urn: string | undefined) => (urn ? locateUrn(urn) : undefined);
    const resourceOf = (urn: string | undefined) => {
        const r = urn ? byUrn.get(urn) : undefined;
        return r ? `${r.type} ${r.name}` : "(stack)";
    };
    const text = (parts: { what: string; why: string; fix: string }) => {
        const scrubbed = { what: scrubber.scrub(parts.what), why: scrubber.scrub(parts.why), fix: scrubber.scrub(parts.fix) };
        return { ...scrubbed, message: messageOf(scrubbed) };
    };
    const findings: Finding[] = result.diagnostics.map(d => {
        const location = locate(d.urn);
        return {
            rule: d.policyName,
            level: d.enforcementLevel,
            urn: d.urn,
            resource: resourceOf(d.urn),
            // A diagnostic the runtime made itself ("can't run policy … during preview") has no parts.
            ...text(d.finding ?? { what: d.message, why: "", fix: "" }),
            ...(location ? { location } : {}),
        };
    });
    findings.sort((a, b) => rank(a) - rank(b) || collator.compare(a.rule, b.rule) || collator.compare(a.resource, b.resource));
    const levels = new Map(policies.map(p => [p.name, levelOf(p, config)]));
    const level = (name: string) => (levels.get(name) === "advisory" ? "advisory" : "mandatory");
    const exemptionsUsed: ExemptionUsed[] = result.exemptionsUsed.map(e => {
        const location = locate(e.urn);
        return {
            rule: e.policyName,
            level: level(e.policyName),
            urn: e.urn,
            resource: resourceOf(e.urn),
            ...text(e.finding),
            pattern: e.pattern,
            reason: scrubber.scrub(e.reason),
            ...(location ? { location } : {}),
        };
    });
    const rules: RuleInfo[] = ruleDocs.map(r => {
        const l = levels.get(r.name);
        return {
            name: r.name,
            description: r.description,
            level: l === "disabled" ? "disabled" : l === "advisory" ? "advisory" : "mandatory",
            severity: r.severity,
            fix: r.fix,
            details: r.details,
            help: r.help,
            url: r.url,
            controls: (r.compliance ?? []).map(m => controlTag(m.control)),
        };
    });
    return { findings, exemptionsUsed, rules };
}

/** String order as `localeCompare` gives it, without making a collator per comparison (an account's audit sorts many findings). */
const collator = new Intl.Collator();

function rank(f: Finding): number {
    return f.level === "mandatory" ? 0 : 1;
}
