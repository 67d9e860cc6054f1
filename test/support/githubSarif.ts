/**
 * GitHub code scanning's documented rules for an uploaded SARIF file, as a checker for tests. From
 * docs.github.com, "SARIF support for code scanning" (github/docs,
 * content/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning.md
 * at 058fa63bfe93d4d06889d0d18c601d6c56b66c56, and data/reusables/code-scanning/sarif-limits.md at
 * 2fd966a1c87269853aff5500141ffbf40c62d9c2; CC-BY-4.0):
 * - "For each gzip-compressed SARIF file, SARIF upload supports a maximum size of 10 MB";
 * - maximum values (a file over any is rejected): 20 runs per file, 25,000 results per run, 25,000
 *   rules per run, 100 tool extensions per run, 10,000 thread flow locations per result, 1,000
 *   locations per result, 20 tags per rule (only 10 shown);
 * - required, non-empty properties: `$schema`, `version` 2.1.0, `runs`, `tool.driver.name`,
 *   `rules[].id`, `shortDescription.text` and `fullDescription.text` (at most 1,024 characters),
 *   `help.text`, `results[].message.text`, `locations` (at least one; "up to a maximum of 10"; only
 *   the first is used), `physicalLocation.artifactLocation.uri`, `region.startLine`,
 *   `partialFingerprints`; a rule `name` of at most 255 characters;
 * - `defaultConfiguration.level` one of note, warning, error; `security-severity` a number string
 *   greater than 0.0 up to 10.0 (anything else has no security severity).
 */
import * as zlib from "zlib";

/** The documented maximums. */
export const GITHUB_SARIF_LIMITS = {
    gzipBytes: 10 * 1000 * 1000,
    runsPerFile: 20,
    resultsPerRun: 25_000,
    rulesPerRun: 25_000,
    extensionsPerRun: 100,
    threadFlowLocationsPerResult: 10_000,
    locationsPerResult: 10,
    tagsPerRule: 20,
    tagsShown: 10,
    ruleName: 255,
    description: 1024,
} as const;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string | undefined => (typeof obj(v).text === "string" && (obj(v).text as string) !== "" ? (obj(v).text as string) : undefined);

/** What GitHub would reject or not display in a SARIF file (empty: nothing). */
export function githubSarifProblems(sarif: string): string[] {
    const L = GITHUB_SARIF_LIMITS;
    const out: string[] = [];
    const gz = zlib.gzipSync(Buffer.from(sarif, "utf8")).length;
    if (gz > L.gzipBytes) {
        out.push(`gzip size ${gz} > ${L.gzipBytes}`);
    }
    const log = obj(JSON.parse(sarif));
    if (typeof log.$schema !== "string" || log.version !== "2.1.0") {
        out.push("$schema and version 2.1.0 are required");
    }
    const runs = list(log.runs);
    if (runs.length === 0 || runs.length > L.runsPerFile) {
        out.push(`${runs.length} runs (1 to ${L.runsPerFile})`);
    }
    runs.forEach((r, ri) => {
        const run = obj(r);
        const driver = obj(obj(run.tool).driver);
        const rules = list(driver.rules).map(obj);
        const results = list(run.results).map(obj);
        const at = (what: string) => `runs[${ri}].${what}`;
        if (typeof driver.name !== "string" || driver.name === "") out.push(at("tool.driver.name is required"));
        if (rules.length > L.rulesPerRun) out.push(at(`${rules.length} rules > ${L.rulesPerRun}`));
        if (list(obj(run.tool).extensions).length > L.extensionsPerRun) out.push(at("too many tool extensions"));
        if (results.length > L.resultsPerRun) out.push(at(`${results.length} results > ${L.resultsPerRun}`));
        const ids = new Set<string>();
        rules.forEach((rule, i) => {
            const where = at(`rules[${i}]`);
            const tags = list(obj(rule.properties).tags);
            const severity = obj(rule.properties)["security-severity"];
            if (typeof rule.id !== "string" || rule.id === "") out.push(`${where}.id is required`);
            ids.add(String(rule.id));
            if (typeof rule.name === "string" && rule.name.length > L.ruleName) out.push(`${where}.name over ${L.ruleName} characters`);
            for (const d of ["shortDescription", "fullDescription"]) {
                const t = text(rule[d]);
                if (!t || t.length > L.description) out.push(`${where}.${d}.text is required, at most ${L.description} characters`);
            }
            if (!text(rule.help)) out.push(`${where}.help.text is required`);
            const level = obj(rule.defaultConfiguration).level;
            if (level !== undefined && !["note", "warning", "error"].includes(String(level))) out.push(`${where}.defaultConfiguration.level ${String(level)}`);
            if (tags.length > L.tagsShown) out.push(`${where}: ${tags.length} tags, only ${L.tagsShown} shown (${L.tagsPerRule} accepted)`);
            if (severity !== undefined && !(typeof severity === "string" && Number(severity) > 0 && Number(severity) <= 10)) out.push(`${where}: security-severity ${JSON.stringify(severity)} is not a number string in (0, 10]`);
        });
        results.forEach((res, i) => {
            const where = at(`results[${i}]`);
            const locations = list(res.locations).map(obj);
            if (!text(res.message)) out.push(`${where}.message.text is required`);
            if (typeof res.ruleId === "string" && !ids.has(res.ruleId)) out.push(`${where}.ruleId ${res.ruleId} names no rule`);
            if (locations.length === 0 || locations.length > L.locationsPerResult) out.push(`${where}: ${locations.length} locations (1 to ${L.locationsPerResult})`);
            const physical = obj(locations[0]?.physicalLocation);
            const uri = obj(physical.artifactLocation).uri;
            if (typeof uri !== "string" || uri === "") out.push(`${where}: physicalLocation.artifactLocation.uri is required`);
            else if (!uri.includes(":") && (uri.startsWith("/") || uri.split("/").includes(".."))) out.push(`${where}: ${uri} is not relative to the repository root`);
            const line = obj(physical.region).startLine;
            if (!(typeof line === "number" && Number.isInteger(line) && line >= 1)) out.push(`${where}: region.startLine is required`);
            if (Object.keys(obj(res.partialFingerprints)).length === 0) out.push(`${where}: partialFingerprints are required`);
            const flows = list(res.codeFlows).flatMap(c => list(obj(c).threadFlows)).flatMap(t => list(obj(t).locations));
            if (flows.length > L.threadFlowLocationsPerResult) out.push(`${where}: too many thread flow locations`);
        });
    });
    return out;
}
