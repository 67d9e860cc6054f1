/**
 * The pack served the way `pulumi preview --policy-pack policypack` serves it (test/support/analyzer.ts,
 * docs/engine-protocol.md): node on @pulumi/pulumi/cmd/run-policy-pack in policypack/, port read from
 * stdout, then GetAnalyzerInfo, Configure, Analyze and AnalyzeStack over gRPC. Our stand-in for the
 * CLI, which cannot be installed here.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { Policy } from "@pulumi/policy";

import { compiledMain } from "../../policypack/freshness";
import { HostResource, runPolicies } from "../../policypack/host";
import { policies } from "../../policypack/policies";
import { Analyzer, startAnalyzer } from "../support/analyzer";
import { packInfo, PolicyPackConfigFile } from "../../gate/policyConfig";
import { DOCS_URL, PACK_NAME } from "../../policypack/lib/pack";
import { metaOf } from "../../policypack/lib/ruleMeta";
import { Diagnostic, engineDiagnostic, secret, UNKNOWN } from "../support/wire";
import { ARN, compliantStack, doc, goodStack, trustPolicy, urn, withProps } from "./fixtures";

const PACK_DIR = path.join(__dirname, "..", "..", "policypack");
const PACK_VERSION = (JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as { version: string }).version;
const USER_POLICY_URN = urn("aws:iam/userPolicy:UserPolicy", "app-user-assume");
const ROLE_URN = urn("aws:iam/role:Role", "app-role");

const policy = (name: string): Policy => {
    const p = policies.find(q => q.name === name);
    assert.ok(p, `no policy ${name}`);
    return p;
};

/** A diagnostic as the engine receives a string violation: the description, a newline, the message. */
const violation = (policyName: string, message: string, resourceUrn: string, enforcementLevel: Diagnostic["enforcementLevel"] = "mandatory"): Diagnostic => ({
    policyName,
    message: `${policy(policyName).description}\n${message}`,
    enforcementLevel,
    urn: resourceUrn,
});

const USER_DATA_MESSAGE =
    "IAM user 'app-user' can perform data-plane actions through inline UserPolicy 'app-user-assume': statement 1 allows Action \"dynamodb:GetItem\", reaching dynamodb:GetItem. " +
    "A leaked access key of this user reaches the data directly, with no role, source-IP, external-ID or MFA condition in between. " +
    "Fix: let the user call only sts:AssumeRole on a guarded role, and grant the data access to that role.";
const USER_NOT_ASSUME_ONLY_MESSAGE =
    "IAM user 'app-user' is allowed more than assuming named roles through inline UserPolicy 'app-user-assume': statement 1 allows \"dynamodb:GetItem\". " +
    "Anything beyond sts:AssumeRole on named roles is usable with a leaked key alone, without the role's conditions. " +
    "Fix: reduce the user's Allow statements to sts:AssumeRole on explicit role ARNs (conditions go on the roles' trust).";
const TRUST_MESSAGE =
    "Role 'app-role' can be assumed without a binding condition: statement 1 admits arn:aws:iam::111111111111:user/app-user and it has no condition. " +
    "Anyone holding such a principal's credentials, such as a leaked access key, can assume the role from anywhere. " +
    'Fix: add IpAddress aws:SourceIp, StringEquals sts:ExternalId or Bool aws:MultiFactorAuthPresent "true" to each such statement (two of them for a "*" principal).';

/** The advisory every stack built on the good stack gets: its user holds its policy inline. */
const THROUGH_GROUPS = (): Diagnostic =>
    violation(
        "iam-user-permissions-through-groups",
        "IAM user 'app-user' holds a policy of its own, held inline in UserPolicy 'app-user-assume'. " +
            "A policy on one user is reviewed, and forgotten, user by user; AWS Security Hub IAM.2 and CIS 1.15 expect users to receive permissions only through groups. " +
            'Fix: attach the policy to a group and make the user a member (AssumeOnlyUser does so by default, grantVia "group").',
        USER_POLICY_URN,
        "advisory",
    );

const unknownMessage = (policyName: string) =>
    "UserPolicy 'app-user-assume' has a value that is unknown during preview (string value at .policy can't be known during preview), " +
    `so ${policyName} cannot judge it. An unjudged resource may be exactly what the rule exists to stop. ` +
    `Fix: build the value from names and the account ID rather than from another resource's outputs, or set onUnknown to "warn" for ${policyName} to accept an advisory until the update.`;

const userWithDataAction = () => withProps(goodStack(), "app-user-assume", { policy: doc({ Effect: "Allow", Action: "dynamodb:GetItem", Resource: ARN.table }) });
const trustWithoutCondition = () => withProps(goodStack(), "app-role", { assumeRolePolicy: JSON.stringify(trustPolicy({})) });
const unknownUserPolicy = () => withProps(goodStack(), "app-user-assume", { policy: UNKNOWN });
/** Every resource with the explicit provider and, for the role policy, the role as parent. */
const withProviderAndParent = (stack: HostResource[]): HostResource[] => {
    const provider = stack.find(r => r.type === "pulumi:providers:aws");
    assert.ok(provider);
    return stack.map(r => ({
        ...r,
        ...(r === provider ? {} : { provider: { urn: provider.urn, type: provider.type, name: provider.name, props: provider.props } }),
        ...(r.name === "app-role-items" ? { parent: ROLE_URN } : {}),
    }));
};

/** What the in-process host reports, in the engine's shape. */
async function viaHost(resources: HostResource[], config: PolicyPackConfigFile = {}): Promise<Diagnostic[]> {
    const { diagnostics } = await runPolicies(policies, resources, config as Record<string, Record<string, unknown>>);
    return diagnostics.map(engineDiagnostic);
}

const readConfig = (name: string) => JSON.parse(fs.readFileSync(path.join(PACK_DIR, "config", name), "utf8")) as PolicyPackConfigFile;

describe("policy pack over gRPC, served as the engine serves it", function () {
    let analyzer: Analyzer;
    // Exemptions are recorded in a process-wide ledger (one process per engine run): a second process keeps them apart.
    let exemptionsAnalyzer: Analyzer;

    before(async () => {
        [analyzer, exemptionsAnalyzer] = await Promise.all([startAnalyzer(PACK_DIR), startAnalyzer(PACK_DIR)]);
    });
    after(async () => {
        await Promise.all([analyzer?.close(), exemptionsAnalyzer?.close()]);
    });
    beforeEach(async () => {
        await analyzer.configure();
    });

    it("Start-up: serves bin/ silently when it matches the sources, else the TypeScript with one warning", () => {
        const expected = compiledMain(PACK_DIR)
            ? ""
            : "assume-guard policy pack: bin/ is missing or stale, serving the TypeScript sources (slower); run `npm run build:pack`.\n";
        assert.strictEqual(analyzer.pack.stderr(), expected);
        assert.strictEqual(analyzer.pluginVersion, "1.21.0");
    });

    it("GetAnalyzerInfo: lists every policy with its description, level, type, config schema and metadata (severity, framework, tags, remediation steps, URL)", async () => {
        const info = await analyzer.getAnalyzerInfo();
        assert.deepStrictEqual(info, {
            name: "assume-guard",
            version: PACK_VERSION,
            supportsConfig: true,
            initialConfig: {},
            policies: policies.map(p => ({
                name: p.name,
                description: p.description,
                enforcementLevel: p.enforcementLevel ?? "advisory",
                policyType: "validateResource" in p && p.validateResource ? "resource" : "stack",
                ...(p.configSchema
                    ? { configSchema: { properties: JSON.parse(JSON.stringify(p.configSchema.properties)) as unknown, ...(p.configSchema.required ? { required: p.configSchema.required } : {}) } }
                    : {}),
                severity: metaOf(p).severity,
                ...(p.framework ? { framework: p.framework } : {}),
                tags: p.tags,
                remediationSteps: metaOf(p).fix,
                url: `${DOCS_URL}${p.name}.md`,
            })),
        });
        assert.deepStrictEqual(info.policies.find(p => p.name === "dynamodb-table-protected")?.framework, {
            name: "AWS Foundational Security Best Practices",
            version: "v1.0.0",
            reference: "DynamoDB.2",
            specification: "DynamoDB tables should have point-in-time recovery enabled",
        });
    });

    it("GetAnalyzerInfo: what the gate reconciles config against (gate/policyConfig packInfo) is what the engine receives", async () => {
        const info = await analyzer.getAnalyzerInfo();
        const engine = { name: info.name, initialConfig: info.initialConfig, policies: info.policies.map(({ name, enforcementLevel, configSchema }) => ({ name, enforcementLevel, ...(configSchema ? { configSchema } : {}) })) };
        assert.deepStrictEqual(JSON.parse(JSON.stringify(packInfo(PACK_NAME, policies))), engine);
    });

    it("Compliance: the good stack, its user granted through a group, gets no diagnostic from Analyze or AnalyzeStack", async () => {
        assert.deepStrictEqual(await analyzer.analyzeAll(compliantStack()), []);
    });

    it("Advisory: the good stack whose user holds its policy inline gets only the through-groups advisory", async () => {
        assert.deepStrictEqual(await analyzer.analyzeAll(goodStack()), [THROUGH_GROUPS()]);
    });

    it("Noncompliance: a user with a data action is reported, mandatory, on its inline policy", async () => {
        assert.deepStrictEqual(await analyzer.analyzeAll(userWithDataAction()), [
            violation("iam-user-no-direct-data-access", USER_DATA_MESSAGE, USER_POLICY_URN),
            violation("iam-user-assume-only", USER_NOT_ASSUME_ONLY_MESSAGE, USER_POLICY_URN),
            THROUGH_GROUPS(),
        ]);
    });

    it("Noncompliance: a user policy sent as a secret is unwrapped and judged like any other", async () => {
        const stack = withProps(goodStack(), "app-user-assume", { policy: secret(doc({ Effect: "Allow", Action: "dynamodb:GetItem", Resource: ARN.table })) });
        assert.deepStrictEqual(await analyzer.analyzeAll(stack), await analyzer.analyzeAll(userWithDataAction()));
    });

    it("Noncompliance: a role whose trust binds no condition is reported", async () => {
        assert.deepStrictEqual(await analyzer.analyzeAll(trustWithoutCondition()), [THROUGH_GROUPS(), violation("iam-role-trust-requires-conditions", TRUST_MESSAGE, ROLE_URN)]);
    });

    it("Configure: an enforcementLevel override makes the violation advisory", async () => {
        await analyzer.configure({ "iam-role-trust-requires-conditions": "advisory" });
        assert.deepStrictEqual(await analyzer.analyzeAll(trustWithoutCondition()), [THROUGH_GROUPS(), violation("iam-role-trust-requires-conditions", TRUST_MESSAGE, ROLE_URN, "advisory")]);
    });

    it("Configure: `all: disabled` silences every policy", async () => {
        await analyzer.configure({ all: "disabled" });
        assert.deepStrictEqual(await analyzer.analyzeAll(userWithDataAction()), []);
    });

    it("Configure: a setting that fails its schema is refused before the pack sees it, as the engine refuses it", async () => {
        await assert.rejects(analyzer.configure({ "iam-user-assume-only": { onUnknown: "sometimes" } }), {
            message: 'validating policy config for "assume-guard": iam-user-assume-only: onUnknown: onUnknown must be one of the following: "fail", "warn"',
        });
    });

    it("Configure: the example configs pass the engine's schema check and behave like the defaults", async () => {
        for (const name of ["default.json", "strict.json"]) {
            await analyzer.configure(readConfig(name));
            assert.deepStrictEqual(await analyzer.analyzeAll(compliantStack()), [], name);
        }
    });

    it("Unknown value during preview: the rules fail closed with their own mandatory violation", async () => {
        assert.deepStrictEqual(await analyzer.analyzeAll(unknownUserPolicy()), [
            violation("iam-user-no-direct-data-access", unknownMessage("iam-user-no-direct-data-access"), USER_POLICY_URN),
            violation("iam-user-assume-only", unknownMessage("iam-user-assume-only"), USER_POLICY_URN),
            violation("iam-deny-outside-ip-exempts-aws-services", unknownMessage("iam-deny-outside-ip-exempts-aws-services"), USER_POLICY_URN, "advisory"),
            THROUGH_GROUPS(),
            // Stack policies report after every resource policy, as the engine runs them.
            violation("iam-user-no-mfa-self-management", unknownMessage("iam-user-no-mfa-self-management"), USER_POLICY_URN),
            violation("iam-within-aws-quotas", unknownMessage("iam-within-aws-quotas"), USER_POLICY_URN),
        ]);
    });

    it("Unknown value with onUnknown warn: the runtime's advisory instead", async () => {
        await analyzer.configure({ "iam-user-no-direct-data-access": { onUnknown: "warn" } });
        const diagnostics = await analyzer.analyzeAll(unknownUserPolicy());
        assert.deepStrictEqual(
            diagnostics.filter(d => d.policyName === "iam-user-no-direct-data-access"),
            [
                {
                    policyName: "iam-user-no-direct-data-access",
                    message: `can't run policy 'iam-user-no-direct-data-access' from policy pack 'assume-guard@v${PACK_VERSION}' during preview: string value at .policy can't be known during preview`,
                    enforcementLevel: "advisory",
                    urn: USER_POLICY_URN,
                },
            ],
        );
    });

    it("Configure: an exemption removes the violation, and its use is reported", async () => {
        const config: PolicyPackConfigFile = {
            "iam-user-no-direct-data-access": { exemptions: [{ resource: "app-user-assume", reason: "Migration ticket OPS-12." }] },
        };
        await exemptionsAnalyzer.configure(config);
        const diagnostics = await exemptionsAnalyzer.analyzeAll(userWithDataAction());
        assert.deepStrictEqual(diagnostics, [
            violation("iam-user-assume-only", USER_NOT_ASSUME_ONLY_MESSAGE, USER_POLICY_URN),
            THROUGH_GROUPS(),
            violation(
                "assume-guard-exemptions-used",
                "iam-user-no-direct-data-access did not report 'app-user-assume' because of the exemption \"app-user-assume\": Migration ticket OPS-12. " +
                    "An exempted resource is not checked by that rule. Fix: remove the exemption from the iam-user-no-direct-data-access config once the resource complies.",
                USER_POLICY_URN,
                "advisory",
            ),
        ]);
        assert.deepStrictEqual(diagnostics, await viaHost(userWithDataAction(), config));
    });

    describe("equivalence: host.ts#runPolicies and gRPC report identical diagnostics", () => {
        const cases: [string, () => HostResource[], PolicyPackConfigFile][] = [
            ["the good stack", goodStack, {}],
            ["the good stack, its user granted through a group", compliantStack, {}],
            ["a user with a data action", userWithDataAction, {}],
            ["a trust without a condition", trustWithoutCondition, {}],
            ["an unknown user policy", unknownUserPolicy, {}],
            ["an unknown user policy, onUnknown warn", unknownUserPolicy, { "iam-user-assume-only": { onUnknown: "warn" } }],
            ["a trust without a condition, level overridden", trustWithoutCondition, { all: "advisory", "iam-user-assume-only": "disabled" }],
            ["a user with a data action, strict config", userWithDataAction, readConfig("strict.json")],
            ["resources with a provider and a parent", () => withProviderAndParent(trustWithoutCondition()), {}],
        ];
        for (const [name, stack, config] of cases) {
            it(`Equivalence: ${name}`, async () => {
                await analyzer.configure(config);
                assert.deepStrictEqual(await analyzer.analyzeAll(stack()), await viaHost(stack(), config));
            });
        }
    });
});
