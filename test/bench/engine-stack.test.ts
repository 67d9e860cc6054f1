import * as assert from "assert";

import { engineStack } from "../../bench/engine-stack";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const PROVIDER = {
    urn: "urn:pulumi:bench::bench::pulumi:providers:aws::default_7_48_0",
    type: "pulumi:providers:aws",
    name: "default_7_48_0",
    props: { region: "us-east-1", skipCredentialsValidation: "false", skipRegionValidation: "true", version: "7.48.0" },
};

describe("bench/engine-stack", () => {
    const s = engineStack(300);
    const byName = (list: typeof s.analyze, name: string) => {
        const r = list.find(x => x.name === name);
        assert.ok(r, `no resource ${name}`);
        return r;
    };

    it("has whole units of at least the size asked, the same resources in the same order for Analyze and AnalyzeStack", () => {
        assert.deepStrictEqual(
            [s.analyze.length, s.stack.map(r => [r.urn, r.type, r.name])],
            [306, s.analyze.map(r => [r.urn, r.type, r.name])],
        );
    });

    it("registers every resource after its parent, its dependencies and its provider, each URN once, each naming its parents' types", () => {
        const seen = new Set<string>();
        const late: string[] = [];
        for (const r of s.stack) {
            const refs = [r.parent, r.provider?.urn, ...(r.dependencies ?? []), ...Object.values(r.propertyDependencies ?? {}).flat()].filter((u): u is string => u !== undefined);
            late.push(...refs.filter(u => !seen.has(u)).map(u => `${r.name} -> ${u}`));
            assert.ok(!seen.has(r.urn), `URN twice: ${r.urn}`);
            seen.add(r.urn);
        }
        assert.deepStrictEqual(late, []);
        assert.strictEqual(byName(s.stack, "fn-0").urn, "urn:pulumi:bench::bench::pulumi:pulumi:Stack$bench:app:Tenant$aws:lambda/function:Function::fn-0");
    });

    it("attaches the default provider, with its inputs, to every custom resource and to nothing else", () => {
        const withProvider = s.analyze.filter(r => r.provider).map(r => r.type);
        const without = s.analyze.filter(r => !r.provider).map(r => r.type);
        assert.deepStrictEqual([...new Set(without)].sort(), ["bench:app:Tenant", "pulumi:providers:aws", "pulumi:pulumi:Stack"]);
        assert.ok(withProvider.every(t => t.startsWith("aws:")));
        assert.deepStrictEqual(byName(s.stack, "user-0").provider, PROVIDER);
    });

    it("sends secrets in the engine's wire form: a function's variable in its inputs, its whole environment and a key's secret in the outputs", () => {
        assert.deepStrictEqual(byName(s.analyze, "fn-0").props.environment, { variables: { TABLE: "table-0", API_TOKEN: { [SIG]: SECRET_SIG, value: "token-0" } } });
        assert.deepStrictEqual(byName(s.stack, "fn-0").props.environment, { [SIG]: SECRET_SIG, value: { variables: { TABLE: "table-0", API_TOKEN: "token-0" } } });
        assert.deepStrictEqual(byName(s.stack, "user-0-key").props.secret, { [SIG]: SECRET_SIG, value: "key-secret-0" });
    });

    it("gives Analyze the inputs and AnalyzeStack the outputs, which add what the provider computes (but no access key id)", () => {
        assert.deepStrictEqual(byName(s.analyze, "user-0").props, { forceDestroy: false, name: "user-0", path: "/" });
        assert.deepStrictEqual(byName(s.stack, "user-0").props, {
            forceDestroy: false,
            name: "user-0",
            path: "/",
            arn: "arn:aws:iam::123456789012:user/user-0",
            permissionsBoundary: "",
            uniqueId: "AIDA0",
            id: "user-0",
            tags: { team: "platform", "cost-center": "1234" },
            tagsAll: { team: "platform", "cost-center": "1234" },
        });
        assert.strictEqual("id" in byName(s.stack, "user-0-key").props, false);
    });
});
