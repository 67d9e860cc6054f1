import * as assert from "assert";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";

import { CONFIG_KEYS, parseStackConfig } from "../../stack/config";
import { REPO_ROOT } from "../support/mocked";

const BASE = { "assume-guard:allowedCidrs": '["198.51.100.0/24"]', "assume-guard:tableName": "items", "aws:region": "eu-west-1" };

function refusal(overrides: Record<string, string | undefined>): string {
    const raw: Record<string, string> = { ...BASE };
    for (const [k, v] of Object.entries(overrides)) {
        if (v === undefined) {
            delete raw[k];
        } else {
            raw[k] = v;
        }
    }
    try {
        parseStackConfig(raw, "dev");
    } catch (e) {
        return (e as Error).message;
    }
    return assert.fail("expected the config to be refused");
}

describe("stack/config", () => {
    it("fills every default for a minimal stack", () => {
        assert.deepStrictEqual(parseStackConfig(BASE, "dev"), {
            allowedCidrs: ["198.51.100.0/24"],
            tableName: "items",
            hashKey: { name: "pk", type: "S" },
            rangeKey: undefined,
            sessionDurationSeconds: 3600,
            requireMfa: false,
            maxMfaAgeSeconds: undefined,
            externalIds: [],
            additionalPrincipals: [],
            createAccessKey: true,
            pgpKey: undefined,
            deletionProtection: true,
            pointInTimeRecovery: true,
            allowListTables: false,
            namePrefix: "assume-guard-dev",
            userName: "assume-guard-dev-user",
            operatorCidrs: [],
            operatorMfaAdministrators: [],
            accountId: undefined,
        });
    });

    it("declares in Pulumi.yaml exactly the keys, types and defaults the program reads", () => {
        const project = yaml.load(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8")) as { config: Record<string, Record<string, unknown>> };
        const declared = Object.fromEntries(
            Object.entries(project.config).map(([k, v]) => [k, { type: v["type"], description: v["description"], default: v["default"] }]),
        );
        const expected = Object.fromEntries(
            Object.entries(CONFIG_KEYS).map(([k, v]) => [k, { type: v.type, description: v.description, default: "default" in v ? v.default : undefined }]),
        );
        assert.deepStrictEqual(declared, expected);
    });

    it("accepts an accountId among aws:allowedAccountIds, and refuses one that disagrees with them", () => {
        const both = { "aws:allowedAccountIds": '["123456789012"]' };
        assert.strictEqual(parseStackConfig({ ...BASE, ...both, "assume-guard:accountId": "123456789012" }, "dev").accountId, "123456789012");
        assert.strictEqual(
            refusal({ ...both, "assume-guard:accountId": "210987654321" }),
            'assume-guard:accountId: "210987654321" is not among aws:allowedAccountIds (123456789012). Fix: leave assume-guard:accountId empty (aws:allowedAccountIds already pins the account), or make the two agree.',
        );
    });

    describe("refuses bad values with the key, the value and the fix", () => {
        const cases: [string, Record<string, string | undefined>, string][] = [
            [
                "an invalid CIDR",
                { "assume-guard:allowedCidrs": '["198.51.100.0/24","198.51.100.0/33"]' },
                'assume-guard:allowedCidrs[1]: "198.51.100.0/33" is not a CIDR. Fix: write an address and prefix length, such as 203.0.113.0/24 or 2001:db8::/32.',
            ],
            [
                "allowed CIDRs that together cover all of IPv4",
                { "assume-guard:allowedCidrs": '["0.0.0.0/1","128.0.0.0/1"]' },
                'assume-guard:allowedCidrs: ["0.0.0.0/1","128.0.0.0/1"] together admit 4,294,967,296 IPv4 addresses, more than one /8 (16,777,216), so a condition on them binds almost nothing. ' +
                    "Fix: list only the networks the caller really connects from, at most one /8 of IPv4 and one /32 of IPv6 addresses in all.",
            ],
            [
                "operator CIDRs that together cover all routed IPv6",
                { "assume-guard:operatorCidrs": '["2000::/3"]' },
                'assume-guard:operatorCidrs: ["2000::/3"] together admit 2^125 IPv6 addresses, more than one /32 (2^96), so a condition on them binds almost nothing. ' +
                    "Fix: list only the networks the caller really connects from, at most one /8 of IPv4 and one /32 of IPv6 addresses in all.",
            ],
            [
                "an empty CIDR list",
                { "assume-guard:allowedCidrs": "[]" },
                "assume-guard:allowedCidrs: [] is empty. Fix: list at least one CIDR the caller connects from, such as 203.0.113.0/24.",
            ],
            [
                "a missing CIDR list",
                { "assume-guard:allowedCidrs": undefined },
                "assume-guard:allowedCidrs: undefined is required but not set. Fix: run pulumi config set assume-guard:allowedCidrs <value>, or add it to Pulumi.<stack>.yaml.",
            ],
            [
                "a CIDR list given as a string",
                { "assume-guard:allowedCidrs": "198.51.100.0/24" },
                'assume-guard:allowedCidrs: "198.51.100.0/24" is not a list of strings. Fix: write a YAML list, e.g. assume-guard:allowedCidrs: ["…"].',
            ],
            [
                "a malformed principal ARN",
                { "assume-guard:additionalPrincipals": '["arn:aws:iam::123456789012:usr/ops"]' },
                'assume-guard:additionalPrincipals[0]: "arn:aws:iam::123456789012:usr/ops" is not an IAM user, role or account principal. Fix: use an ARN such as arn:aws:iam::123456789012:user/connector, …:role/name or …:root, or a 12-digit account ID.',
            ],
            [
                "MFA administrators without an operator",
                { "assume-guard:operatorMfaAdministrators": '["123456789012"]' },
                'assume-guard:operatorMfaAdministrators: ["123456789012"] is set but there is no operator (operatorCidrs is empty). Fix: set assume-guard:operatorCidrs to the operator\'s office CIDRs, or drop operatorMfaAdministrators.',
            ],
            [
                "the operator as its own MFA administrator",
                { "assume-guard:operatorCidrs": '["198.51.100.0/24"]', "assume-guard:operatorMfaAdministrators": '["arn:aws:iam::123456789012:role/admin","arn:aws:iam::123456789012:user/assume-guard-dev-operator"]' },
                'assume-guard:operatorMfaAdministrators: "arn:aws:iam::123456789012:user/assume-guard-dev-operator" (entry 1) is the operator user assume-guard-dev-operator itself. ' +
                    "Fix: list administrators only: a key that may enrol its own MFA device enrols the attacker's and meets every MFA condition.",
            ],
            [
                "a malformed MFA administrator",
                { "assume-guard:operatorCidrs": '["198.51.100.0/24"]', "assume-guard:operatorMfaAdministrators": '["admin"]' },
                'assume-guard:operatorMfaAdministrators[0]: "admin" is not an IAM user, role or account principal. Fix: use an ARN such as arn:aws:iam::123456789012:user/connector, …:role/name or …:root, or a 12-digit account ID.',
            ],
            [
                "a malformed account ID",
                { "assume-guard:accountId": "1234-5678-9012" },
                'assume-guard:accountId: "1234-5678-9012" is not an AWS account ID. Fix: use the 12-digit account ID, such as 123456789012, quoted in YAML.',
            ],
            [
                "an external ID outside AWS's rules",
                { "assume-guard:externalIds": '["ok-id","no spaces"]' },
                'assume-guard:externalIds[1]: "no spaces" is not a valid external ID. Fix: use 2 to 1,224 characters of letters, digits and +=,.@:/-_.',
            ],
            [
                "a session shorter than an hour",
                { "assume-guard:sessionDurationSeconds": "900" },
                "assume-guard:sessionDurationSeconds: 900 is outside 3600–43200 seconds. Fix: set a whole number of seconds from 3600 to 43200.",
            ],
            [
                "a session longer than 12 hours",
                { "assume-guard:sessionDurationSeconds": "43201" },
                "assume-guard:sessionDurationSeconds: 43201 is outside 3600–43200 seconds. Fix: set a whole number of seconds from 3600 to 43200.",
            ],
            [
                "a duration that is not a number",
                { "assume-guard:sessionDurationSeconds": "1h" },
                'assume-guard:sessionDurationSeconds: "1h" is not a whole number. Fix: write a plain integer such as 3600.',
            ],
            [
                "a boolean that is not true or false",
                { "assume-guard:requireMfa": "yes" },
                'assume-guard:requireMfa: "yes" is not a boolean. Fix: write true or false.',
            ],
            [
                "an unknown key, with the nearest known key",
                { "assume-guard:tableNmae": "x" },
                "assume-guard:tableNmae is not a config key of this program. Fix: did you mean assume-guard:tableName? remove it, or use one of " +
                    "allowedCidrs, tableName, hashKey, hashKeyType, rangeKey, rangeKeyType, sessionDurationSeconds, requireMfa, maxMfaAgeSeconds, " +
                    "externalIds, additionalPrincipals, createAccessKey, pgpKey, deletionProtection, pointInTimeRecovery, allowListTables, namePrefix, userName, operatorCidrs, operatorMfaAdministrators, accountId.",
            ],
            [
                "an MFA age without MFA",
                { "assume-guard:maxMfaAgeSeconds": "600" },
                "assume-guard:maxMfaAgeSeconds: 600 is set but requireMfa is false. Fix: set assume-guard:requireMfa to true, or drop maxMfaAgeSeconds.",
            ],
            [
                "a bad key type",
                { "assume-guard:hashKeyType": "string" },
                'assume-guard:hashKeyType: "string" is not a DynamoDB key type. Fix: use S (string), N (number) or B (binary).',
            ],
        ];
        for (const [what, overrides, message] of cases) {
            it(what, () => {
                assert.strictEqual(refusal(overrides), message);
            });
        }
    });
});
