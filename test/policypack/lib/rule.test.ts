import * as assert from "assert";

import { ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";

import { runPolicies } from "../../../policypack/host";
import { numberSetting } from "../../../policypack/lib/config";
import { findingMessage } from "../../../policypack/lib/finding";
import { defineRule } from "../../../policypack/lib/rule";
import { metaOf } from "../../../policypack/lib/ruleMeta";
import { resource, T, urn } from "../fixtures";

const USER = resource(T.user, "alice", { name: "alice" });
const META = { description: "d", severity: "low", details: "the details", fix: "f" } as const;

describe("lib/rule defineRule", () => {
    it("turns an exception in a resource check into a violation naming the rule and the resource, with its parts", async () => {
        const rule = defineRule({
            ...META,
            name: "throws",
            enforcementLevel: "mandatory",
            config: () => ({}),
            resource: { types: [T.user], check: () => { throw new TypeError("cannot read x of undefined."); } },
        });
        const result = await runPolicies([rule], [USER]);
        assert.deepStrictEqual(result.diagnostics, [
            {
                policyName: "throws",
                enforcementLevel: "mandatory",
                urn: urn(T.user, "alice"),
                description: "d",
                message:
                    "throws failed while judging User 'alice': cannot read x of undefined. A rule that cannot finish fails closed, so this counts as a violation. " +
                    "Fix: correct the resource's properties if they are malformed, or report the failure to the pack's maintainers.",
                finding: {
                    what: "throws failed while judging User 'alice': cannot read x of undefined",
                    why: "A rule that cannot finish fails closed, so this counts as a violation",
                    fix: "correct the resource's properties if they are malformed, or report the failure to the pack's maintainers",
                },
            },
        ]);
    });

    it("turns an exception in a stack check into a violation about the stack, and reports each finding once", async () => {
        const rule = defineRule({
            ...META,
            name: "stacky",
            enforcementLevel: "advisory",
            config: () => ({}),
            stack: (resources, _config, judge) => {
                judge.report({ urn: resources[0].urn, what: "same", why: "why", fix: "how" });
                judge.report({ urn: resources[0].urn, what: "same", why: "why", fix: "how" });
                throw new Error("graph exploded");
            },
        });
        const result = await runPolicies([rule], [USER]);
        assert.deepStrictEqual(
            result.diagnostics.map(d => [d.urn, d.message]),
            [
                [USER.urn, "same. why. Fix: how."],
                [undefined, "stacky failed while judging the stack: graph exploded. A rule that cannot finish fails closed, so this counts as a violation. Fix: correct the resource's properties if they are malformed, or report the failure to the pack's maintainers."],
            ],
        );
    });

    it("reports the rendered message alone to a reportViolation that takes no parts, as the engine's runtime does", () => {
        const rule = defineRule({
            ...META,
            name: "plain",
            enforcementLevel: "mandatory",
            config: () => ({}),
            resource: { types: [T.user], check: (r, _config, judge) => judge.report({ urn: r.urn, what: "User 'alice' is wrong", why: "It matters", fix: "change it" }) },
        });
        const seen: unknown[][] = [];
        const args = { type: T.user, urn: USER.urn, name: "alice", props: {}, getConfig: () => ({}), notApplicable: () => undefined } as unknown as ResourceValidationArgs;
        void (rule.validateResource as ResourceValidation)(args, (...m: unknown[]) => void seen.push(m));
        assert.deepStrictEqual(seen, [["User 'alice' is wrong. It matters. Fix: change it.", USER.urn]]);
        assert.strictEqual(findingMessage({ what: "User 'alice' is wrong", why: "It matters", fix: "change it" }), seen[0][0]);
    });

    it("reads a setting that does not fit its schema as its default, and falls back to the defaults when deriving the config throws", async () => {
        const rule = defineRule({
            ...META,
            name: "picky",
            enforcementLevel: "mandatory",
            settings: { limit: numberSetting({ type: "integer", minimum: 1, maximum: 9 }, "A limit.", 1) },
            config: s => {
                if (s.limit === 7) {
                    throw new Error("seven is unlucky");
                }
                return { limit: s.limit };
            },
            resource: { types: [T.user], check: (r, config, judge) => judge.report({ urn: r.urn, what: `limit ${config.limit}`, why: "why", fix: "how" }) },
        });
        const messages = async (limit: unknown) => (await runPolicies([rule], [USER], { picky: { limit } })).diagnostics.map(d => d.message);
        assert.deepStrictEqual(
            { unfit: await messages("x"), outOfRange: await messages(12), fractional: await messages(2.5), fits: await messages(3), throws: await messages(7) },
            { unfit: ["limit 1. why. Fix: how."], outOfRange: ["limit 1. why. Fix: how."], fractional: ["limit 1. why. Fix: how."], fits: ["limit 3. why. Fix: how."], throws: ["limit 1. why. Fix: how."] },
        );
    });

    it("declares its metadata through @pulumi/policy's own fields, and keeps the rest on the policy for the docs", () => {
        const rule = defineRule({
            ...META,
            name: "mapped",
            enforcementLevel: "advisory",
            compliance: [{ control: "aws-fsbp:DynamoDB.2", why: "the same check" }],
            settings: { limit: numberSetting({ type: "integer", minimum: 1, maximum: 9 }, "A limit.", 1) },
            config: () => ({}),
        });
        const { validateResource: _v, validateStack: _s, configSchema, ...fields } = rule;
        assert.deepStrictEqual(fields, {
            name: "mapped",
            description: "d",
            enforcementLevel: "advisory",
            severity: "low",
            framework: { name: "AWS Foundational Security Best Practices", version: "v1.0.0", reference: "DynamoDB.2", specification: "DynamoDB tables should have point-in-time recovery enabled" },
            tags: ["security", "aws-fsbp/DynamoDB.2"],
            remediationSteps: "f",
            url: "https://github.com/assume-guard/assume-guard/blob/main/docs/rules/mapped.md",
        });
        assert.deepStrictEqual(Object.keys(configSchema?.properties ?? {}), ["onUnknown", "exemptions", "limit"]);
        assert.deepStrictEqual(configSchema?.properties.limit, { type: "integer", minimum: 1, maximum: 9, default: 1, description: "A limit." });
        assert.deepStrictEqual(metaOf(rule), {
            ...META,
            name: "mapped",
            enforcementLevel: "advisory",
            compliance: [{ control: "aws-fsbp:DynamoDB.2", why: "the same check" }],
        });
    });
});
