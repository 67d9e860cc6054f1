/**
 * SARIF 2.1.0, the format GitHub code scanning and most CI tools ingest, with what code scanning
 * reads (docs.github.com, "SARIF support for code scanning"):
 * - each result points at the line of the program that registered the resource (its
 *   `physicalLocation`, relative to the repository root, `%SRCROOT%`), or at line 1 of the stack's
 *   config or the export when the line is not known, and names the resource's URN as a logical
 *   location; the audit's point at the line of the authorization-details file naming the entity;
 * - rules carry their description, a `helpUri` to their page, Markdown help with the fix, tags (with
 *   the compliance controls they map to) and GitHub's `security-severity` from the rule's severity;
 * - levels are the run's (`--policy-config`): mandatory → error, advisory → warning; disabled rules
 *   are left out;
 * - exempted findings are results with a `suppressions` entry carrying the exemption's reason.
 */
import type { Severity } from "@pulumi/policy";

import { DOCS_URL } from "../../policypack/lib/pack";
import { ExemptionUsed, Finding, GateReport, RuleInfo } from "./model";

const SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** GitHub's `security-severity` for each severity: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, below low. */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

/** Results GitHub code scanning accepts in one run (a file with more is rejected); the rest are left out, with a notification. */
export const MAX_RESULTS = 25_000;

/** GitHub shows at most 1,024 characters of a rule's descriptions. */
const MAX_DESCRIPTION = 1024;

/** Renders the report as a SARIF log (JSON text). */
export function renderSarif(report: GateReport): string {
    const rules = report.rules.filter(r => r.level !== "disabled");
    const ruleIndex = new Map(rules.map((r, i) => [r.name, i]));
    const all = [...report.findings.map(f => result(f, ruleIndex, report.artifact)), ...report.exemptionsUsed.map(e => suppressed(e, ruleIndex, report.artifact))];
    fingerprint(all);
    const results = all.slice(0, MAX_RESULTS).map(r => r.sarif);
    const left = all.length - results.length;
    const notifications = [
        ...(report.programWarnings ?? []).map(w => ({ level: "warning", message: { text: `The program warned (pulumi.log.warn): ${w}` } })),
        ...(left > 0 ? [{ level: "warning", message: { text: `${left} more results left out: GitHub code scanning accepts at most ${MAX_RESULTS} per run. The text and JSON reports list them all.` } }] : []),
    ];
    const log = {
        $schema: SCHEMA,
        version: "2.1.0",
        runs: [
            {
                tool: { driver: { name: "assume-guard", version: report.packVersion, semanticVersion: report.packVersion, informationUri: DOCS_URL, rules: rules.map(descriptor) } },
                automationDetails: { id: `assume-guard/${report.source.replace(/[^A-Za-z0-9._-]+/g, "-")}/` },
                originalUriBaseIds: { "%SRCROOT%": { description: { text: "The repository root: the git root above the project (the audit's: above its working folder); without one, the working folder when it holds the project, else the project folder." } } },
                ...(notifications.length > 0 ? { invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }] } : {}),
                results,
            },
        ],
    };
    return JSON.stringify(log, null, 2) + "\n";
}

function descriptor(r: RuleInfo) {
    return {
        id: r.name,
        name: r.name,
        shortDescription: { text: r.description },
        fullDescription: { text: cut(r.details, MAX_DESCRIPTION) },
        help: {
            text: `Fix: ${r.fix}\n\n${r.help}\n\nDocumentation: ${r.url}`,
            markdown: `**Fix:** ${r.fix}\n\n${r.details}\n\n[Documentation of \`${r.name}\`](${r.url}): settings, compliance mappings.`,
        },
        helpUri: r.url,
        defaultConfiguration: { level: sarifLevel(r.level) },
        properties: { tags: ["security", "iam", ...r.controls], "security-severity": SECURITY_SEVERITY[r.severity] },
    };
}

interface Pending {
    readonly identity: string;
    readonly sarif: Record<string, unknown> & { partialFingerprints?: Record<string, string> };
}

function result(f: Finding, ruleIndex: ReadonlyMap<string, number>, artifact: string): Pending {
    return {
        identity: `${f.urn ?? f.resource}/${f.rule}`,
        sarif: {
            ruleId: f.rule,
            ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule) } : {}),
            level: sarifLevel(f.level),
            message: { text: f.message },
            locations: [location(f, artifact)],
        },
    };
}

function suppressed(e: ExemptionUsed, ruleIndex: ReadonlyMap<string, number>, artifact: string): Pending {
    const r = result(e, ruleIndex, artifact);
    return { identity: r.identity, sarif: { ...r.sarif, suppressions: [{ kind: "external", status: "accepted", justification: e.reason }] } };
}

function location(f: Finding, artifact: string) {
    const at = f.location;
    const uri = at?.file ?? artifact;
    return {
        physicalLocation: {
            artifactLocation: { uri, ...(uri.startsWith("file:") ? {} : { uriBaseId: "%SRCROOT%" }) },
            region: at ? { startLine: at.line, ...(at.column ? { startColumn: at.column } : {}) } : { startLine: 1 },
        },
        logicalLocations: [{ name: f.resource, fullyQualifiedName: f.urn ?? f.resource, kind: "resource" }],
    };
}

/** A stable identity per result: the resource and the rule, numbered when a rule reports a resource more than once. */
function fingerprint(results: readonly Pending[]): void {
    const seen = new Map<string, number>();
    for (const r of results) {
        const n = (seen.get(r.identity) ?? 0) + 1;
        seen.set(r.identity, n);
        r.sarif.partialFingerprints = { resourceRule: n === 1 ? r.identity : `${r.identity}/${n}` };
    }
}

function sarifLevel(level: "mandatory" | "advisory" | "disabled"): "error" | "warning" | "none" {
    return level === "mandatory" ? "error" : level === "advisory" ? "warning" : "none";
}

function cut(text: string, max: number): string {
    return text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, "")}…`;
}
