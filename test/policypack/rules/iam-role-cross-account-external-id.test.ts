import { iamRoleCrossAccountExternalId as rule } from "../../../policypack/rules/iam-role-cross-account-external-id";
import { assertNoViolations, assertViolations, runRule, unknownMessage } from "../assertions";
import { ACCOUNT, DEFAULT_PROVIDER, deployed, goodStack, OFFICE, resource, T, tablePolicy, trustPolicy, UNKNOWN, urn, VENDOR, withProps } from "../fixtures";

const NAME = "iam-role-cross-account-external-id";
const ROLE = urn(T.role, "app-role");
const VENDOR_ROOT = `arn:aws:iam::${VENDOR}:root`;
const WHY =
    "Without an external ID the other account can be tricked into assuming the role for someone else (the confused deputy), and a leaked key there is enough. " +
    "Fix: add StringEquals sts:ExternalId with a per-account secret to those statements, require MFA, or list the account in ownAccounts if it is your own.";
const missing = (found: string, own: string) => `Role 'app-role' trusts principals of other accounts without requiring sts:ExternalId: ${found} (${own}). ${WHY}`;
const FROM_PROVIDER = `the role's account is ${ACCOUNT}, from its provider's allowedAccountIds`;
const UNKNOWN_ACCOUNT = "the role's account is unknown: no setting, provider or ARN of its own names it; so every account counts as another";
const CONFLICT_WHY =
    "The pack takes the own account only from ownAccounts, the resource's provider and its ARN; when they disagree it cannot tell own principals from foreign ones. " +
    "Fix: correct the provider's allowedAccountIds or assumed role, or the ownAccounts setting, so that they name the account the resource is in.";

const vendorTrust = (condition: Record<string, unknown>, principal: unknown = { AWS: VENDOR_ROOT }) =>
    withProps(goodStack(), "app-role", { assumeRolePolicy: JSON.stringify(trustPolicy(condition, principal)) });
const vendorRole = (name: string, account: string, externalId: string) =>
    deployed(T.role, name, { name, assumeRolePolicy: trustPolicy({ StringEquals: { "sts:ExternalId": externalId } }, { AWS: `arn:aws:iam::${account}:root` }) });

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

    it("Compliance: ownAccounts lists a second own account", async () => {
        assertNoViolations(await runRule(rule, vendorTrust({ IpAddress: { "aws:SourceIp": OFFICE } }), { ownAccounts: [ACCOUNT, VENDOR] }));
    });

    it("Compliance: the older accountId setting still names an own account", async () => {
        const stack = goodStack().map(r => (r.type === T.role ? { ...r, provider: undefined } : r));
        assertNoViolations(await runRule(rule, stack, { accountId: ACCOUNT }));
    });

    it("Noncompliance: the role's own ARN names its account when its provider names none", async () => {
        const stack = vendorTrust({}).map(r => (r.type === T.role ? { ...r, provider: undefined, props: { ...r.props, arn: `arn:aws:iam::${ACCOUNT}:role/app-role` } } : r));
        const result = await runRule(rule, stack);
        assertViolations(result, NAME, [{ urn: ROLE, message: missing(`statement 1 admits ${VENDOR_ROOT} (${VENDOR})`, `the role's account is ${ACCOUNT}, from its own ARN`) }]);
    });

    describe("Noncompliance: an undetermined account makes every account foreign", () => {
        const officeRole = (extra: Record<string, unknown>) => resource(T.role, "app-role", { name: "app-role", ...extra, assumeRolePolicy: trustPolicy({ IpAddress: { "aws:SourceIp": OFFICE } }) });
        const cases: [string, ReturnType<typeof resource>[]][] = [
            ["nothing names an account", [officeRole({})]],
            [
                "another provider's user's ARN names nobody's account but its own",
                [officeRole({}), resource(T.user, "app-user", { name: "app-user", arn: `arn:aws:iam::${ACCOUNT}:user/app-user` }, {}, { ...DEFAULT_PROVIDER, urn: urn(T.provider, "other"), name: "other" })],
            ],
            ["a provider of other resources names nobody's account but theirs", [officeRole({}), { ...resource(T.table, "t", { name: "t" }), provider: DEFAULT_PROVIDER }]],
        ];
        for (const [title, stack] of cases) {
            it(`Noncompliance: ${title}`, async () => {
                assertViolations(await runRule(rule, stack), NAME, [{ urn: ROLE, message: missing(`statement 1 admits arn:aws:iam::${ACCOUNT}:user/app-user (${ACCOUNT})`, UNKNOWN_ACCOUNT) }]);
            });
        }
    });

    describe("same provider, same account: a user of the stack deployed through the role's provider is in the role's account", () => {
        const OTHER = { ...DEFAULT_PROVIDER, urn: urn(T.provider, "vendor"), name: "vendor", props: {} };
        const preview = (userProps: Record<string, unknown>, trustDeps: boolean, userProvider?: typeof OTHER, principal = `arn:aws:iam::${ACCOUNT}:user/app-user`) => {
            const user = resource(T.user, "app-user", { name: "app-user", ...userProps }, {}, userProvider);
            const role = resource(T.role, "app-role", { name: "app-role", assumeRolePolicy: JSON.stringify(trustPolicy(undefined, { AWS: principal })) }, trustDeps ? { assumeRolePolicy: [user] } : {});
            return [user, role];
        };
        const foreign = (principal: string, account: string) => [{ urn: ROLE, message: missing(`statement 1 admits ${principal} (${account})`, UNKNOWN_ACCOUNT) }];

        it("Compliance: a first preview, no ARN and no setting: the trust was built from the stack's user, both through the default provider", async () => {
            assertNoViolations(await runRule(rule, preview({}, true)));
        });

        it("Compliance: the user's own ARN is the principal, both through one explicit provider", async () => {
            const [user, role] = preview({ arn: `arn:aws:iam::${ACCOUNT}:user/app-user` }, false, OTHER);
            assertNoViolations(await runRule(rule, [user, { ...role, provider: OTHER }]));
        });

        it("Noncompliance: the same user deployed through another provider", async () => {
            assertViolations(await runRule(rule, preview({}, true, OTHER)), NAME, foreign(`arn:aws:iam::${ACCOUNT}:user/app-user`, ACCOUNT));
        });

        it("Noncompliance: a principal that only shares the user's name (the trust was not built from it, and its ARN is not known)", async () => {
            assertViolations(await runRule(rule, preview({}, false)), NAME, foreign(`arn:aws:iam::${ACCOUNT}:user/app-user`, ACCOUNT));
        });

        it("Noncompliance: the user's name in a vendor's account, while the user's own ARN says otherwise", async () => {
            const vendorUser = `arn:aws:iam::${VENDOR}:user/app-user`;
            assertViolations(await runRule(rule, preview({ arn: `arn:aws:iam::${ACCOUNT}:user/app-user` }, true, undefined, vendorUser)), NAME, foreign(vendorUser, VENDOR));
        });

        it("Noncompliance: the user's name in an account ownAccounts does not list (a fact names accounts, so the number must be one of them)", async () => {
            const vendorUser = `arn:aws:iam::${VENDOR}:user/app-user`;
            const own = `the role's account is one of ${ACCOUNT}, 333333333333; so every other account counts as another`;
            assertViolations(await runRule(rule, preview({}, true, undefined, vendorUser), { ownAccounts: [ACCOUNT, "333333333333"] }), NAME, [
                { urn: ROLE, message: missing(`statement 1 admits ${vendorUser} (${VENDOR})`, own) },
            ]);
        });

        it("Noncompliance: the user's name in a vendor's account, while the role's provider names the role's account", async () => {
            const vendorUser = `arn:aws:iam::${VENDOR}:user/app-user`;
            const stack = preview({}, true, undefined, vendorUser).map(r => ({ ...r, provider: DEFAULT_PROVIDER }));
            assertViolations(await runRule(rule, stack), NAME, [{ urn: ROLE, message: missing(`statement 1 admits ${vendorUser} (${VENDOR})`, FROM_PROVIDER) }]);
        });
    });

    describe("Noncompliance: nothing but the role's own facts makes the vendor own", () => {
        const vendorOnly = () => withProps(vendorTrust({ IpAddress: { "aws:SourceIp": OFFICE } }), "app-role", {}).map(r => (r.type === T.role ? { ...r, provider: undefined } : r));
        const vendorProvider = { urn: "urn:pulumi:dev::assume-guard::pulumi:providers:aws::vendor", type: T.provider, name: "vendor", props: { assumeRoles: JSON.stringify([{ roleArn: `arn:aws:iam::${VENDOR}:role/deploy` }]) } };
        const cases: [string, ReturnType<typeof resource>[]][] = [
            ["a second provider assumes a role in the vendor's account", [...vendorOnly(), resource(T.table, "vendor-items", { name: "vendor-items" }, {}, vendorProvider)]],
            [
                "a role policy names one vendor ARN during a first preview",
                withProps(vendorOnly(), "app-role-items", { policy: JSON.stringify({ ...tablePolicy(), Statement: [{ Effect: "Allow", Action: "dynamodb:GetItem", Resource: `arn:aws:dynamodb:eu-west-1:${VENDOR}:table/x` }] }) }),
            ],
        ];
        for (const [title, stack] of cases) {
            it(`Noncompliance: ${title}`, async () => {
                const admits = `statement 1 admits ${VENDOR_ROOT} (${VENDOR})`;
                assertViolations(await runRule(rule, stack), NAME, [{ urn: ROLE, message: missing(admits, UNKNOWN_ACCOUNT) }]);
            });
        }
    });

    it("Noncompliance: facts that contradict each other are a violation, and prove nothing", async () => {
        const assumes = { ...DEFAULT_PROVIDER, props: { ...DEFAULT_PROVIDER.props, assumeRoles: JSON.stringify([{ roleArn: `arn:aws:iam::${VENDOR}:role/deploy` }]) } };
        const stack = goodStack().map(r => (r.type === T.role ? { ...r, provider: assumes } : r));
        const conflict = `the role its provider assumes is in account ${VENDOR}, outside its provider's allowedAccountIds (${ACCOUNT})`;
        assertViolations(await runRule(rule, stack), NAME, [
            { urn: ROLE, message: `Role 'app-role' has an account that the facts contradict: ${conflict}. ${CONFLICT_WHY}` },
            {
                urn: ROLE,
                message: missing(`statement 1 admits arn:aws:iam::${ACCOUNT}:user/app-user (${ACCOUNT})`, "the role's account is unknown because its facts conflict; so every account counts as another"),
            },
        ]);
    });

    it("Noncompliance: ownAccounts that do not list the provider's account are a conflict", async () => {
        const result = await runRule(rule, goodStack(), { ownAccounts: [VENDOR] });
        const conflict = `its provider's allowedAccountIds (${ACCOUNT}) share no account with ownAccounts (${VENDOR})`;
        assertViolations(result, NAME, [
            { urn: urn(T.user, "app-user"), message: `User 'app-user' has an account that the facts contradict: ${conflict}. ${CONFLICT_WHY}` },
            { urn: ROLE, message: `Role 'app-role' has an account that the facts contradict: ${conflict}. ${CONFLICT_WHY}` },
            {
                urn: ROLE,
                message: missing(`statement 1 admits arn:aws:iam::${ACCOUNT}:user/app-user (${ACCOUNT})`, `the role's account is unknown because its facts conflict; so every account but ${VENDOR} counts as another`),
            },
        ]);
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
