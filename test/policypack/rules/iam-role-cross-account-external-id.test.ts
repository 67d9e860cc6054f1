import { iamRoleCrossAccountExternalId as rule } from "../../../policypack/rules/iam-role-cross-account-external-id";
import { assertNoViolations, assertViolations, runRule, unknownMessage } from "../assertions";
import { ACCOUNT, goodStack, OFFICE, resource, T, trustPolicy, UNKNOWN, urn, VENDOR, withProps } from "../fixtures";

const NAME = "iam-role-cross-account-external-id";
const ROLE = urn(T.role, "app-role");
const VENDOR_ROOT = `arn:aws:iam::${VENDOR}:root`;
const WHY =
    "Without an external ID the other account can be tricked into assuming the role for someone else (the confused deputy), and a leaked key there is enough. " +
    "Fix: add StringEquals sts:ExternalId with a per-account secret to those statements, require MFA, or set accountId if the account is your own.";
const missing = (found: string, own: string) => `Role 'app-role' trusts principals of other accounts without requiring sts:ExternalId: ${found} (${own}). ${WHY}`;
const FROM_PROVIDER = `the stack's account is ${ACCOUNT}, from the AWS provider's account`;

const vendorTrust = (condition: Record<string, unknown>, principal: unknown = { AWS: VENDOR_ROOT }) =>
    withProps(goodStack(), "app-role", { assumeRolePolicy: JSON.stringify(trustPolicy(condition, principal)) });
const vendorRole = (name: string, account: string, externalId: string) =>
    resource(T.role, name, { name, assumeRolePolicy: trustPolicy({ StringEquals: { "sts:ExternalId": externalId } }, { AWS: `arn:aws:iam::${account}:root` }) });

describe("rule iam-role-cross-account-external-id", () => {
    it("Compliance: a same-account user trusted from the office network", async () => {
        assertNoViolations(await runRule(rule, goodStack()));
    });

    it("Compliance: a vendor account with an external ID", async () => {
        assertNoViolations(await runRule(rule, vendorTrust({ StringEquals: { "sts:ExternalId": "customer-7f3a" } })));
    });

    it("Compliance: a vendor account with MFA instead of an external ID", async () => {
        assertNoViolations(await runRule(rule, vendorTrust({ Bool: { "aws:MultiFactorAuthPresent": "true" } })));
    });

    it("Noncompliance: MFA does not replace the external ID when allowMfaInsteadOfExternalId is false", async () => {
        const result = await runRule(rule, vendorTrust({ Bool: { "aws:MultiFactorAuthPresent": "true" } }), { allowMfaInsteadOfExternalId: false });
        assertViolations(result, NAME, [{ urn: ROLE, message: missing(`statement 1 admits ${VENDOR_ROOT} (${VENDOR})`, FROM_PROVIDER) }]);
    });

    it("Noncompliance: a vendor account trusted from an IP range only", async () => {
        const result = await runRule(rule, vendorTrust({ IpAddress: { "aws:SourceIp": OFFICE } }));
        assertViolations(result, NAME, [{ urn: ROLE, message: missing(`statement 1 admits ${VENDOR_ROOT} (${VENDOR})`, FROM_PROVIDER) }]);
    });

    it("Noncompliance: a wildcard external ID binds nothing", async () => {
        const result = await runRule(rule, vendorTrust({ StringLike: { "sts:ExternalId": "*" } }));
        assertViolations(result, NAME, [{ urn: ROLE, message: missing(`statement 1 admits ${VENDOR_ROOT} (${VENDOR})`, FROM_PROVIDER) }]);
    });

    it("Noncompliance: an external ID under StringEqualsIfExists binds nothing", async () => {
        const result = await runRule(rule, vendorTrust({ StringEqualsIfExists: { "sts:ExternalId": "customer-7f3a" } }));
        assertViolations(result, NAME, [{ urn: ROLE, message: missing(`statement 1 admits ${VENDOR_ROOT} (${VENDOR})`, FROM_PROVIDER) }]);
    });

    it('Noncompliance: "*" is every account', async () => {
        const result = await runRule(rule, vendorTrust({ IpAddress: { "aws:SourceIp": OFFICE } }, "*"));
        assertViolations(result, NAME, [{ urn: ROLE, message: missing("statement 1 admits * (any account)", FROM_PROVIDER) }]);
    });

    it("Compliance: accountId in the config overrides the provider", async () => {
        assertNoViolations(await runRule(rule, vendorTrust({ IpAddress: { "aws:SourceIp": OFFICE } }), { accountId: VENDOR }));
    });

    it("Noncompliance: without a provider or config, the account comes from the stack's ARNs", async () => {
        const stack = vendorTrust({}).filter(r => r.type !== T.provider);
        const result = await runRule(rule, stack);
        assertViolations(result, NAME, [{ urn: ROLE, message: missing(`statement 1 admits ${VENDOR_ROOT} (${VENDOR})`, `the stack's account is ${ACCOUNT}, from the ARNs in the stack`) }]);
    });

    describe("Noncompliance: an undetermined account makes every account foreign", () => {
        const officeRole = (extra: Record<string, unknown>) => resource(T.role, "app-role", { name: "app-role", ...extra, assumeRolePolicy: trustPolicy({ IpAddress: { "aws:SourceIp": OFFICE } }) });
        const cases: [string, ReturnType<typeof resource>[], string][] = [
            ["nothing names an account", [officeRole({})], "no setting, provider or ARN in the stack names it"],
            [
                "ARNs name two accounts equally often",
                [officeRole({ arn: `arn:aws:iam::${ACCOUNT}:role/app-role` }), resource(T.user, "other", { name: "other", arn: `arn:aws:iam::${VENDOR}:user/other` })],
                "the ARNs in the stack name several accounts equally often",
            ],
        ];
        for (const [title, stack, why] of cases) {
            it(`Noncompliance: ${title}`, async () => {
                const own = `the stack's own account is unknown: ${why}; so every account counts as another`;
                assertViolations(await runRule(rule, stack), NAME, [{ urn: ROLE, message: missing(`statement 1 admits arn:aws:iam::${ACCOUNT}:user/app-user (${ACCOUNT})`, own) }]);
            });
        }
    });

    it("Noncompliance: one external ID shared by roles trusting different accounts", async () => {
        const third = "333333333333";
        const stack = [...goodStack(), vendorRole("vendor-a", VENDOR, "shared-id"), vendorRole("vendor-b", third, "shared-id")];
        const reuse = (name: string) =>
            `Role '${name}' requires external ID "shared-id", which roles in this stack also require for other accounts (${VENDOR}, ${third}; roles 'vendor-a', 'vendor-b'). ` +
            "An external ID should identify one relationship; shared across accounts, one party can assume the role meant for another. " +
            "Fix: generate a distinct external ID per trusted account.";
        assertViolations(await runRule(rule, stack), NAME, [
            { urn: urn(T.role, "vendor-a"), message: reuse("vendor-a") },
            { urn: urn(T.role, "vendor-b"), message: reuse("vendor-b") },
        ]);
    });

    it("Compliance: distinct external IDs per account", async () => {
        const stack = [...goodStack(), vendorRole("vendor-a", VENDOR, "id-a"), vendorRole("vendor-b", "333333333333", "id-b")];
        assertNoViolations(await runRule(rule, stack));
    });

    it("Noncompliance: the trust policy is unknown during preview", async () => {
        const result = await runRule(rule, withProps(goodStack(), "app-role", { assumeRolePolicy: UNKNOWN }));
        assertViolations(result, NAME, [
            {
                urn: ROLE,
                message: unknownMessage("Role 'app-role'", "string value at .assumeRolePolicy can't be known during preview", "iam-role-cross-account-external-id"),
            },
        ]);
    });
});
