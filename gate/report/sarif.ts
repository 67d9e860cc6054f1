/**
 * SARIF 2.1.0, the format GitHub code scanning and most CI tools ingest. Rules carry their
 * description, default level and fix; each result points at the program (or export) file and
 * names the resource's URN as a logical location.
 */
import { GateReport } from "./model";

const SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** Renders the report as a SARIF log (JSON text). */
export function renderSarif(report: GateReport): string {
    const ruleIndex = new Map(report.rules.map((r, i) => [r.name, i]));
    const log = {
        $schema: SCHEMA,
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: {
                        name: "assume-guard",
                        version: report.packVersion,
                        rules: report.rules.map(r => ({
                            id: r.name,
                            name: r.name,
                            shortDescription: { text: r.description },
                            fullDescription: { text: r.description },
                            help: { text: r.fix || r.description },
                            defaultConfiguration: { level: sarifLevel(r.level), enabled: r.level !== "disabled" },
                            properties: { tags: ["security", "iam"] },
                        })),
                    },
                },
                results: report.findings.map(f => ({
                    ruleId: f.rule,
                    ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule) } : {}),
                    level: sarifLevel(f.level),
                    message: { text: f.fix ? `${f.message} Fix: ${f.fix}` : f.message },
                    locations: [
                        {
                            physicalLocation: { artifactLocation: { uri: report.artifact }, region: { startLine: 1 } },
                            logicalLocations: [{ name: f.resource, fullyQualifiedName: f.urn ?? f.resource, kind: "resource" }],
                        },
                    ],
                    partialFingerprints: { resourceRule: `${f.urn ?? f.resource}/${f.rule}` },
                })),
            },
        ],
    };
    return JSON.stringify(log, null, 2) + "\n";
}

function sarifLevel(level: "mandatory" | "advisory" | "disabled"): "error" | "warning" | "none" {
    return level === "mandatory" ? "error" : level === "advisory" ? "warning" : "none";
}
