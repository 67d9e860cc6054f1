import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { HostResult } from "../../policypack/host";
import { assertHasViolation, assertNoViolations, runPack } from "./assertions";
import { ARN, compliantStack, doc, goodStack, resource, T, trustPolicy, urn, withProps } from "./fixtures";

const config = (file: string) => JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "policypack", "config", file), "utf8")) as Record<string, Record<string, unknown>>;

/** What reported, on which resource, at which level. */
const summary = (r: HostResult) => r.diagnostics.map(d => [d.policyName, d.urn?.slice(d.urn.lastIndexOf("::") + 2), d.enforcementLevel]);

describe("the whole pack on a hand-written stack", () => {
    it("Compliance: the good stack, its user granted through a group, passes every rule, advisories included", async () => {
        assertNoViolations(await runPack(compliantStack()));
    });

    it("Compliance: the good stack passes the default and the strict example configs", async () => {
        assertNoViolations(await runPack(compliantStack(), config("default.json")));
        assertNoViolations(await runPack(compliantStack(), config("strict.json")));
    });

    it("Noncompliance: the broken twin whose trust binds no condition", async () => {
        const result = await runPack(withProps(compliantStack(), "app-role", { assumeRolePolicy: trustPolicy({}) }));
        assert.deepStrictEqual(summary(result), [["iam-role-trust-requires-conditions", "app-role", "mandatory"]]);
        assertHasViolation(result, {
            policyName: "iam-role-trust-requires-conditions",
            urn: urn(T.role, "app-role"),
            enforcementLevel: "mandatory",
            message:
                `Role 'app-role' can be assumed without a binding condition: statement 1 admits ${ARN.user} and it has no condition. ` +
                "Anyone holding such a principal's credentials, such as a leaked access key, can assume the role from anywhere. " +
                'Fix: add IpAddress aws:SourceIp, StringEquals sts:ExternalId or Bool aws:MultiFactorAuthPresent "true" to each such statement (two of them for a "*" principal).',
        });
    });

    it("Noncompliance: the broken twin whose user holds a data action", async () => {
        const policy = JSON.stringify({ Statement: [{ Effect: "Allow", Action: ["sts:AssumeRole"], Resource: ARN.role }, { Effect: "Allow", Action: "dynamodb:Scan", Resource: ARN.table }] });
        const result = await runPack(withProps(goodStack(), "app-user-assume", { policy }));
        assert.deepStrictEqual(summary(result), [
            ["iam-user-no-direct-data-access", "app-user-assume", "mandatory"],
            ["iam-user-assume-only", "app-user-assume", "mandatory"],
            ["iam-user-permissions-through-groups", "app-user-assume", "advisory"],
        ]);
        assertHasViolation(result, {
            policyName: "iam-user-no-direct-data-access",
            urn: urn(T.userPolicy, "app-user-assume"),
            message:
                "IAM user 'app-user' can perform data-plane actions through inline UserPolicy 'app-user-assume': statement 2 allows Action \"dynamodb:Scan\", reaching dynamodb:Scan. " +
                "A leaked access key of this user reaches the data directly, with no role, source-IP, external-ID or MFA condition in between. " +
                "Fix: let the user call only sts:AssumeRole on a guarded role, and grant the data access to that role.",
        });
    });

    it("Noncompliance: the broken twin whose role reaches every table", async () => {
        const result = await runPack(withProps(compliantStack(), "app-role-items", { policy: doc({ Effect: "Allow", Action: "dynamodb:*", Resource: "*" }) }));
        assert.deepStrictEqual(summary(result), [["iam-data-permissions-scoped", "app-role-items", "mandatory"]]);
    });

    it("Noncompliance: the broken twin with an unprotected table and a long session, under the strict config", async () => {
        const stack = withProps(withProps(compliantStack(), "items", { deletionProtectionEnabled: false }), "app-role", { maxSessionDuration: 43200 });
        assert.deepStrictEqual(summary(await runPack(stack)), [["iam-role-session-duration", "app-role", "advisory"]]);
        assert.deepStrictEqual(summary(await runPack(stack, config("strict.json"))), [
            ["iam-role-session-duration", "app-role", "mandatory"],
            ["dynamodb-table-protected", "items", "mandatory"],
        ]);
    });

    it("Noncompliance: a stack mixing every path at once reports each rule once per resource", async () => {
        const group = resource(T.group, "ops", { name: "ops" });
        const stack = [
            ...compliantStack(),
            group,
            resource(T.groupMembership, "ops-members", { group: "ops", users: ["app-user"] }),
            resource(T.groupPolicyAttachment, "ops-admin", { group: "ops", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }),
            resource(T.rolePolicyAttachment, "role-admin", { role: "app-role", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }),
        ];
        assert.deepStrictEqual(summary(await runPack(stack)), [
            ["iam-user-no-direct-data-access", "app-user", "mandatory"],
            ["iam-user-assume-only", "app-user", "mandatory"],
            ["iam-user-no-mfa-self-management", "app-user", "mandatory"],
            // The role the user assumes from the office without MFA holds AdministratorAccess: it could enrol MFA devices too.
            ["iam-user-no-mfa-self-management", "app-role", "mandatory"],
            ["iam-data-permissions-scoped", "app-role", "mandatory"],
        ]);
    });
});
