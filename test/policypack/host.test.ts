import * as assert from "assert";

import { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

import { HostResource, runPolicies } from "../../policypack/host";
import { APPLIES_TO } from "../../policypack/lib/rule";
import { iamUserNoDirectDataAccess } from "../../policypack/rules/iam-user-no-direct-data-access";
import { assumeGuardExemptionsUsed } from "../../policypack/rules/assume-guard-exemptions-used";
import { goodStack, resource, T, UNKNOWN, urn } from "./fixtures";

/** A resource policy that reports every resource it sees, with its name. */
function echo(name: string, enforcementLevel: "advisory" | "mandatory" = "mandatory", only?: string): ResourceValidationPolicy {
    const validate = (args: ResourceValidationArgs, report: (m: string) => void) => report(`saw ${args.name}`);
    return { name, description: `${name} description`, enforcementLevel, validateResource: only ? Object.assign(validate, { __pulumiType: only }) : validate };
}

const USER = resource(T.user, "alice", { name: "alice" });
const TABLE = resource(T.table, "items", { name: "items" });

describe("host runPolicies", () => {
    it("reports each resource policy per resource, with the resource's URN and the policy's level", async () => {
        const result = await runPolicies([echo("p1"), echo("p2", "advisory")], [USER, TABLE]);
        assert.deepStrictEqual(result, {
            diagnostics: [
                { policyName: "p1", message: "saw alice", enforcementLevel: "mandatory", urn: USER.urn, description: "p1 description" },
                { policyName: "p2", message: "saw alice", enforcementLevel: "advisory", urn: USER.urn, description: "p2 description" },
                { policyName: "p1", message: "saw items", enforcementLevel: "mandatory", urn: TABLE.urn, description: "p1 description" },
                { policyName: "p2", message: "saw items", enforcementLevel: "advisory", urn: TABLE.urn, description: "p2 description" },
            ],
            exemptionsUsed: [],
        });
    });

    it("takes the level from the config: a bare level, an object, `all`, and remediate as mandatory", async () => {
        const config = { all: { enforcementLevel: "advisory" }, p1: "disabled", p2: { enforcementLevel: "remediate" } } as unknown as Record<string, Record<string, unknown>>;
        const result = await runPolicies([echo("p1"), echo("p2", "advisory"), echo("p3")], [USER], config);
        assert.deepStrictEqual(
            result.diagnostics.map(d => [d.policyName, d.enforcementLevel]),
            [
                ["p2", "mandatory"],
                ["p3", "advisory"],
            ],
        );
    });

    it("runs a validation with a __pulumiType only on that type", async () => {
        const result = await runPolicies([echo("tables", "mandatory", T.table)], [USER, TABLE]);
        assert.deepStrictEqual(result.diagnostics.map(d => d.message), ["saw items"]);
    });

    it("calls a validation that declares its types (APPLIES_TO) only for those", async () => {
        const seen: string[] = [];
        const validate = Object.assign((args: ResourceValidationArgs) => void seen.push(args.name), { [APPLIES_TO]: [T.table, T.role] });
        const typed: ResourceValidationPolicy = { name: "typed", description: "typed", validateResource: validate };
        await runPolicies([typed], [USER, TABLE]);
        assert.deepStrictEqual(seen, ["items"]);
    });

    it("awaits asynchronous validations in order, and rejects as the server does when one fails", async () => {
        const later = (m: string) => new Promise<string>(resolve => setImmediate(() => resolve(m)));
        const list: ResourceValidationPolicy = {
            name: "list",
            description: "list",
            enforcementLevel: "mandatory",
            validateResource: [async (args, report) => report(await later(`first ${args.name}`)), (args, report) => report(`second ${args.name}`)],
        };
        const result = await runPolicies([list, echo("after")], [USER]);
        assert.deepStrictEqual(result.diagnostics.map(d => d.message), ["first alice", "second alice", "saw alice"]);
        const failing: ResourceValidationPolicy = { name: "failing", description: "f", validateResource: async () => Promise.reject(new Error("late boom")) };
        await assert.rejects(runPolicies([failing], [USER]), { message: "Error validating resource with policy 'failing': late boom" });
    });

    it("turns an unknown value read by a rule into the runtime's advisory", async () => {
        const reader: ResourceValidationPolicy = {
            name: "reader",
            description: "reads name",
            enforcementLevel: "mandatory",
            validateResource: args => void String(args.props.name),
        };
        const result = await runPolicies([reader], [resource(T.user, "bob", { name: UNKNOWN })]);
        assert.deepStrictEqual(result.diagnostics, [
            {
                policyName: "reader",
                message: "can't run policy 'reader' from policy pack 'assume-guard@v0.1.0' during preview: string value at .name can't be known during preview",
                enforcementLevel: "advisory",
                urn: urn(T.user, "bob"),
                description: "reads name",
            },
        ]);
    });

    it("unwraps secrets, passes the provider with its props, and honours notApplicable", async () => {
        const seen: unknown[] = [];
        const probe: ResourceValidationPolicy = {
            name: "probe",
            description: "probe",
            validateResource: args => {
                seen.push([args.props.password, args.provider?.name, args.provider?.props.region, args.getConfig()]);
                args.notApplicable("done");
            },
        };
        const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "hunter2" };
        const r: HostResource = { ...USER, props: { password: secret }, provider: { urn: "urn:p", type: T.provider, name: "eu", props: { region: "eu-west-1" } } };
        const result = await runPolicies([probe], [r], { probe: { enforcementLevel: "advisory", limit: 3 } });
        assert.deepStrictEqual({ seen, diagnostics: result.diagnostics }, { seen: [["hunter2", "eu", "eu-west-1", { limit: 3 }]], diagnostics: [] });
    });

    it("gives stack policies parent, dependencies and propertyDependencies as resource objects", async () => {
        const shapes: unknown[] = [];
        const graph: StackValidationPolicy = {
            name: "graph",
            description: "graph",
            validateStack: args => {
                const byName = (n: string) => args.resources.find(r => r.name === n) as PolicyResource;
                const key = byName("key");
                shapes.push([key.parent?.name, key.dependencies.map(d => d.name), Object.entries(key.propertyDependencies).map(([k, v]) => [k, v.map(d => d.name)])]);
            },
        };
        const key: HostResource = { ...resource(T.accessKey, "key", { user: "alice" }, { user: [USER] }), parent: USER.urn };
        await runPolicies([graph], [USER, key]);
        assert.deepStrictEqual(shapes, [["alice", ["alice"], [["user", ["alice"]]]]]);
    });

    it("rejects when a policy throws something other than an unknown value", async () => {
        const broken: ResourceValidationPolicy = { name: "broken", description: "b", validateResource: () => { throw new Error("boom"); } };
        await assert.rejects(runPolicies([broken], [USER]), { message: "Error validating resource with policy 'broken': boom" });
    });

    it("keeps each run's exemptions to itself, even when runs overlap", async () => {
        const stack = [...goodStack(), resource(T.userPolicyAttachment, "attach", { user: "app-user", policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" })];
        const pack = [iamUserNoDirectDataAccess, assumeGuardExemptionsUsed];
        const exempt = (reason: string) => ({ "iam-user-no-direct-data-access": { exemptions: [{ resource: "attach", reason }] } });
        const [a, b, none] = await Promise.all([runPolicies(pack, stack, exempt("run a")), runPolicies(pack, stack, exempt("run b")), runPolicies(pack, stack)]);
        const ATTACH = urn(T.userPolicyAttachment, "attach");
        const ATTACH_FINDING = none.diagnostics[0].finding;
        assert.ok(ATTACH_FINDING?.what.startsWith("IAM user 'app-user' can perform data-plane actions through AWS managed policy AmazonS3FullAccess"), JSON.stringify(ATTACH_FINDING));
        assert.deepStrictEqual(
            [a, b, none].map(r => r.exemptionsUsed),
            [
                [{ policyName: "iam-user-no-direct-data-access", urn: ATTACH, pattern: "attach", reason: "run a", finding: ATTACH_FINDING }],
                [{ policyName: "iam-user-no-direct-data-access", urn: ATTACH, pattern: "attach", reason: "run b", finding: ATTACH_FINDING }],
                [],
            ],
        );
        assert.deepStrictEqual(
            none.diagnostics.map(d => d.policyName),
            ["iam-user-no-direct-data-access"],
        );
    });

    it("ignores an exemption without a reason", async () => {
        const stack = [...goodStack(), resource(T.userPolicyAttachment, "attach", { user: "app-user", policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" })];
        const result = await runPolicies([iamUserNoDirectDataAccess], stack, { "iam-user-no-direct-data-access": { exemptions: [{ resource: "attach", reason: " " }] } });
        assert.deepStrictEqual([result.exemptionsUsed, result.diagnostics.length], [[], 1]);
    });
});
