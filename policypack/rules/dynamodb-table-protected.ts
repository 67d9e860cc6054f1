/**
 * dynamodb-table-protected (advisory): a DynamoDB table has point-in-time recovery enabled, and
 * deletion protection when `requireDeletionProtection` is set (the strict config sets it). A key that
 * reaches the table through a role can still corrupt or delete items; recovery undoes that.
 */
import { booleanSetting } from "../lib/config";
import { defineRule, label } from "../lib/rule";
import { readProp } from "../lib/values";

/** The rule. */
export const dynamodbTableProtected = defineRule({
    name: "dynamodb-table-protected",
    description: "DynamoDB tables have point-in-time recovery (and deletion protection where configured).",
    enforcementLevel: "advisory",
    severity: "medium",
    details: "Every DynamoDB table has point-in-time recovery enabled (`pointInTimeRecovery.enabled`), and deletion protection (`deletionProtectionEnabled`) when `requireDeletionProtection` is set, as the strict config does.",
    fix: "Enable pointInTimeRecovery (and deletionProtectionEnabled) on the table.",
    compliance: [
        {
            control: "aws-fsbp:DynamoDB.2",
            why: "The control fails a table without point-in-time recovery; the rule reports exactly the tables whose pointInTimeRecovery.enabled is not true.",
        },
        {
            control: "aws-fsbp:DynamoDB.6",
            why: "The control fails a table without deletion protection; with requireDeletionProtection the rule reports exactly the tables whose deletionProtectionEnabled is not true.",
            when: "requireDeletionProtection: true (config/strict.json)",
        },
    ],
    strict: { enforcementLevel: "mandatory", settings: { requireDeletionProtection: true } },
    settings: {
        requirePointInTimeRecovery: booleanSetting("Require pointInTimeRecovery.enabled.", true),
        requireDeletionProtection: booleanSetting("Require deletionProtectionEnabled.", false),
    },
    config: s => ({ pitr: s.requirePointInTimeRecovery, deletion: s.requireDeletionProtection }),
    resource: {
        types: ["aws:dynamodb/table:Table"],
        check: (r, config, judge) => {
            const missing: string[] = [];
            if (config.pitr) {
                const pitr = readProp(r.props, "pointInTimeRecovery");
                if (!pitr.known) {
                    judge.unknown(r, pitr.error);
                } else if (!(pitr.value !== null && typeof pitr.value === "object" && (pitr.value as Record<string, unknown>).enabled === true)) {
                    missing.push("point-in-time recovery (pointInTimeRecovery.enabled)");
                }
            }
            if (config.deletion) {
                const del = readProp(r.props, "deletionProtectionEnabled");
                if (!del.known) {
                    judge.unknown(r, del.error);
                } else if (del.value !== true) {
                    missing.push("deletion protection (deletionProtectionEnabled)");
                }
            }
            if (missing.length > 0) {
                judge.report({
                    urn: r.urn,
                    what: `${label(r)} lacks ${missing.join(" and ")}`,
                    why: "A leaked key that reaches the table through a role can still overwrite or delete its items, and only a backup window undoes that",
                    fix: `set ${missing.map(m => m.slice(m.indexOf("(") + 1, -1)).join(" and ")} to true`,
                });
            }
        },
    },
});
