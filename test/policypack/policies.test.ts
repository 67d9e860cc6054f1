import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import Ajv from "ajv";
import * as yaml from "js-yaml";

import { CONTROLS, controlTag } from "../../policypack/lib/compliance";
import { DOCS_URL } from "../../policypack/lib/pack";
import { metaOf } from "../../policypack/lib/ruleMeta";
import { policies, ruleDocs } from "../../policypack/policies";
import { iamRoleSessionDuration } from "../../policypack/rules/iam-role-session-duration";

const PACK = path.join(__dirname, "..", "..", "policypack");
const camel = (kebab: string) => kebab.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const RULES = policies.filter(p => p.name !== "assume-guard-exemptions-used");

function packFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => (e.isDirectory() ? packFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
}

describe("policies", () => {
    it("lists every rule file once, named after its rule, with the exemptions report last", () => {
        const files = fs.readdirSync(path.join(PACK, "rules")).map(f => f.replace(/\.ts$/, "")).sort();
        assert.deepStrictEqual([...policies.map(p => p.name)].sort(), files);
        assert.strictEqual(policies[policies.length - 1].name, "assume-guard-exemptions-used");
        for (const p of policies) {
            const mod = require(path.join(PACK, "rules", p.name)) as Record<string, unknown>;
            assert.strictEqual(mod[camel(p.name)], p, `rules/${p.name}.ts must export ${camel(p.name)}`);
        }
    });

    it("gives every rule onUnknown and exemptions settings", () => {
        for (const p of RULES) {
            const props = p.configSchema?.properties ?? {};
            assert.deepStrictEqual([typeof props.onUnknown, typeof props.exemptions], ["object", "object"], p.name);
        }
    });

    it("documents every rule for reports and docs, from the rule's own definition", () => {
        assert.deepStrictEqual(ruleDocs.find(d => d.name === "iam-role-session-duration"), {
            name: "iam-role-session-duration",
            description: "Roles' maxSessionDuration is at or below the configured bound (default one hour).",
            enforcementLevel: "advisory",
            severity: "low",
            details:
                "A role's `maxSessionDuration` (AWS's default 3600 s when absent) is at or below `maxSessionDurationSeconds` (3600 s by default): stolen session credentials stay usable until the session ends.",
            fix: "Lower the role's maxSessionDuration to the configured bound.",
            strict: { enforcementLevel: "mandatory" },
            url: "https://github.com/assume-guard/assume-guard/blob/main/docs/rules/iam-role-session-duration.md",
            configSchema: iamRoleSessionDuration.configSchema,
            help:
                "Roles' maxSessionDuration is at or below the configured bound (default one hour).\n" +
                "Settings:\n" +
                '- onUnknown (default "fail"): When a value the rule needs is unknown during preview: "fail" reports a violation naming the property; "warn" lets the engine report the rule as advisory for that run.\n' +
                "- exemptions (default []): Resources this rule skips. Each needs a reason; every exemption used is reported by assume-guard-exemptions-used.\n" +
                "- maxSessionDurationSeconds (default 3600): The longest acceptable maxSessionDuration, in seconds.",
        });
        assert.deepStrictEqual(
            ruleDocs.filter(d => d.fix === "" || d.description === "" || d.details === ""),
            [],
        );
    });

    it("gives every policy @pulumi/policy's metadata fields: severity, tags, remediation steps, its page's URL, and a framework when it maps a control", () => {
        assert.deepStrictEqual(
            policies.map(p => [p.name, p.severity, p.framework?.reference, p.tags, p.remediationSteps === metaOf(p).fix, p.url]),
            policies.map(p => {
                const first = metaOf(p).compliance?.[0];
                return [p.name, metaOf(p).severity, first ? CONTROLS[first.control].id : undefined, ["security", ...(metaOf(p).compliance ?? []).map(m => controlTag(m.control))], true, `${DOCS_URL}${p.name}.md`];
            }),
        );
        assert.deepStrictEqual(
            Object.fromEntries(policies.filter(p => p.framework).map(p => [p.name, [p.framework, p.tags]])),
            {
                "dynamodb-table-protected": [
                    { name: "AWS Foundational Security Best Practices", version: "v1.0.0", reference: "DynamoDB.2", specification: "DynamoDB tables should have point-in-time recovery enabled" },
                    ["security", "aws-fsbp/DynamoDB.2", "aws-fsbp/DynamoDB.6"],
                ],
                "iam-user-permissions-through-groups": [
                    { name: "AWS Foundational Security Best Practices", version: "v1.0.0", reference: "IAM.2", specification: "IAM users should not have IAM policies attached" },
                    ["security", "aws-fsbp/IAM.2", "cis-aws/1.15"],
                ],
            },
        );
    });

    it("names a setting in a strict override only when the rule declares it", () => {
        const unknown = ruleDocs.flatMap(d => Object.keys(d.strict?.settings ?? {}).filter(k => !(k in d.configSchema.properties)).map(k => `${d.name}.${k}`));
        assert.deepStrictEqual(unknown, []);
    });

    describe("example configs", () => {
        const ajv = new Ajv({ strict: false });
        for (const file of ["default.json", "strict.json"]) {
            it(`config/${file} names every policy and validates against its schema`, () => {
                const config = JSON.parse(fs.readFileSync(path.join(PACK, "config", file), "utf8")) as Record<string, Record<string, unknown>>;
                assert.deepStrictEqual(Object.keys(config).sort(), policies.map(p => p.name).sort());
                for (const p of policies) {
                    const schema = {
                        type: "object",
                        properties: { ...p.configSchema?.properties, enforcementLevel: { enum: ["advisory", "mandatory", "remediate", "disabled"] } },
                        additionalProperties: false,
                    };
                    assert.ok(ajv.validate(schema, config[p.name]), `${file} ${p.name}: ${ajv.errorsText()}`);
                }
            });
        }

        it("config/default.json states the defaults the code applies", () => {
            const config = JSON.parse(fs.readFileSync(path.join(PACK, "config", "default.json"), "utf8")) as Record<string, Record<string, unknown>>;
            const defaults = Object.fromEntries(
                policies.map(p => [
                    p.name,
                    {
                        enforcementLevel: p.enforcementLevel,
                        ...Object.fromEntries(Object.entries(p.configSchema?.properties ?? {}).flatMap(([k, s]) => (typeof s === "object" && s.default !== undefined ? [[k, s.default]] : []))),
                    },
                ]),
            );
            assert.deepStrictEqual(config, defaults);
        });
    });

    it("ships a self-contained pack: PulumiPolicy.yaml, a versioned package, an index that only assembles", () => {
        assert.deepStrictEqual(yaml.load(fs.readFileSync(path.join(PACK, "PulumiPolicy.yaml"), "utf8")), {
            runtime: "nodejs",
            description: "assume-guard: IAM users may only assume roles; role trust must bind a source IP, an external ID or MFA; data access stays scoped to named tables.",
        });
        const pkg = JSON.parse(fs.readFileSync(path.join(PACK, "package.json"), "utf8")) as Record<string, unknown>;
        assert.deepStrictEqual([pkg.name, pkg.version, pkg.main], ["assume-guard-policypack", "0.1.0", "entry.js"]);
        const index = fs.readFileSync(path.join(PACK, "index.ts"), "utf8");
        assert.deepStrictEqual(index.match(/^import .*$/gm), ['import { PolicyPack } from "@pulumi/policy";', 'import { PACK_NAME } from "./lib/pack";', 'import { policies } from "./policies";']);
        assert.strictEqual(index.match(/new PolicyPack\(/g)?.length, 1);
    });

    it("imports neither the components nor the AGPL evaluator", () => {
        const offending = packFiles(PACK).filter(f => /from "(\.\.\/)+components|@cloud-copilot\/iam-simulate/.test(fs.readFileSync(f, "utf8")));
        assert.deepStrictEqual(offending, []);
    });
});
