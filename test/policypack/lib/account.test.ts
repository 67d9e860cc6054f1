/**
 * The own account from facts only (lib/account.ts): the ownAccounts setting, the resource's own
 * provider, the resource's own ARN; conflicts named; no guess from anything else.
 */
import * as assert from "assert";

import { accountFacts, AccountFacts, OWN_ACCOUNT_SETTINGS, ownAccountConfig } from "../../../policypack/lib/account";
import { readSettings } from "../../../policypack/lib/config";
import { RuleResource } from "../../../policypack/lib/rule";
import { ACCOUNT, VENDOR } from "../fixtures";

const THIRD = "333333333333";
const NONE = { ownAccounts: [], ownOrganizationIds: [] };
const provider = (props: Record<string, unknown>) => ({ urn: "urn:pulumi:dev::p::pulumi:providers:aws::p", type: "pulumi:providers:aws", name: "p", props });
const role = (props: Record<string, unknown> = {}, p?: Record<string, unknown>): RuleResource => ({
    urn: "urn:pulumi:dev::p::aws:iam/role:Role::r",
    name: "r",
    type: "aws:iam/role:Role",
    props,
    ...(p ? { provider: provider(p) } : {}),
});
const plain = (f: AccountFacts) => ({ account: f.account, own: [...f.own], source: f.source, ...(f.conflict ? { conflict: f.conflict } : {}) });

describe("lib/account", () => {
    it("reads ownAccounts and ownOrganizationIds, keeps the older accountId as one more own account, and drops malformed entries", () => {
        const read = (raw: Record<string, unknown>) => ownAccountConfig(readSettings(OWN_ACCOUNT_SETTINGS, raw));
        assert.deepStrictEqual(read({ ownAccounts: [ACCOUNT, "12", 7], accountId: VENDOR, ownOrganizationIds: ["o-abcdefghij", "org"] }), {
            ownAccounts: [ACCOUNT, VENDOR],
            ownOrganizationIds: ["o-abcdefghij"],
        });
        assert.deepStrictEqual(read({}), NONE);
    });

    it("takes the account from each fact on its own", () => {
        const arn = `arn:aws:iam::${ACCOUNT}:role/r`;
        assert.deepStrictEqual(
            {
                ownArn: plain(accountFacts(role({ arn }), NONE)),
                assumedRole: plain(accountFacts(role({}, { assumeRoles: JSON.stringify([{ roleArn: `arn:aws:iam::${THIRD}:role/hop` }, { roleArn: `arn:aws:iam::${ACCOUNT}:role/deploy` }]) }), NONE)),
                olderAssumeRole: plain(accountFacts(role({}, { assumeRole: { roleArn: `arn:aws:iam::${ACCOUNT}:role/deploy` } }), NONE)),
                allowedAccountIds: plain(accountFacts(role({}, { allowedAccountIds: JSON.stringify([ACCOUNT]) }), NONE)),
                setting: plain(accountFacts(role(), { ownAccounts: [ACCOUNT], ownOrganizationIds: [] })),
            },
            {
                ownArn: { account: ACCOUNT, own: [ACCOUNT], source: "its own ARN" },
                assumedRole: { account: ACCOUNT, own: [ACCOUNT], source: "the role its provider assumes" },
                olderAssumeRole: { account: ACCOUNT, own: [ACCOUNT], source: "the role its provider assumes" },
                allowedAccountIds: { account: ACCOUNT, own: [ACCOUNT], source: "its provider's allowedAccountIds" },
                setting: { account: ACCOUNT, own: [ACCOUNT], source: "the ownAccounts setting" },
            },
        );
    });

    it("reads a queue's account from its URL, and an access point's from its accountId", () => {
        const queue: RuleResource = { urn: "u", name: "q", type: "aws:sqs/queuePolicy:QueuePolicy", props: { queueUrl: `https://sqs.eu-west-1.amazonaws.com/${VENDOR}/q` } };
        const ap: RuleResource = { urn: "u", name: "ap", type: "aws:s3/accessPoint:AccessPoint", props: { accountId: VENDOR, bucket: "b" } };
        assert.deepStrictEqual([accountFacts(queue, NONE).account, accountFacts(ap, NONE).account], [VENDOR, VENDOR]);
    });

    it("leaves the account undetermined when the facts name none or several, proving the several own", () => {
        assert.deepStrictEqual(
            [plain(accountFacts(role(), NONE)), plain(accountFacts(role({}, { allowedAccountIds: [ACCOUNT, THIRD] }), NONE))],
            [
                { account: undefined, own: [], source: "no setting, provider or ARN of its own names it" },
                { account: undefined, own: [ACCOUNT, THIRD], source: `several facts (${ACCOUNT}, ${THIRD})` },
            ],
        );
    });

    it("reports facts that contradict each other, and trusts none of them", () => {
        const arn = `arn:aws:iam::${ACCOUNT}:role/r`;
        const assumes = { assumeRoles: [{ roleArn: `arn:aws:iam::${VENDOR}:role/deploy` }] };
        assert.deepStrictEqual(
            [
                plain(accountFacts(role({ arn }, assumes), NONE)),
                plain(accountFacts(role({ arn }, { allowedAccountIds: [VENDOR] }), NONE)),
                plain(accountFacts(role({ arn }), { ownAccounts: [VENDOR], ownOrganizationIds: [] })),
            ],
            [
                { account: undefined, own: [], source: "conflicting facts", conflict: `its ARN names account ${ACCOUNT} but its provider assumes a role in ${VENDOR}` },
                { account: undefined, own: [], source: "conflicting facts", conflict: `its ARN is in account ${ACCOUNT}, outside its provider's allowedAccountIds (${VENDOR})` },
                { account: undefined, own: [VENDOR], source: "conflicting facts", conflict: `its ARN is in account ${ACCOUNT}, which ownAccounts (${VENDOR}) does not list` },
            ],
        );
    });

    it("ignores facts that are unknown during preview", () => {
        const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        assert.deepStrictEqual(plain(accountFacts(role({ arn: unknown }, { allowedAccountIds: [ACCOUNT] }), NONE)), { account: ACCOUNT, own: [ACCOUNT], source: "its provider's allowedAccountIds" });
    });
});
