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
    fix: "Enable pointInTimeRecovery (and deletionProtectionEnabled) on the table.",
    schema: {
        requirePointInTimeRecovery: { type: "boolean", default: true, description: "Require pointInTimeRecovery.enabled." },
        requireDeletionProtection: { type: "boolean", default: false, description: "Require deletionProtectionEnabled." },
    },
    config: raw => ({
        pitr: booleanSetting(raw, "requirePointInTimeRecovery", true),
        deletion: booleanSetting(raw, "requireDeletionProtection", false),
    }),
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
                    message:
                        `${label(r)} lacks ${missing.join(" and ")}. ` +
                        `A leaked key that reaches the table through a role can still overwrite or delete its items, and only a backup window undoes that. ` +
                        `Fix: set ${missing.map(m => m.slice(m.indexOf("(") + 1, -1)).join(" and ")} to true.`,
                });
            }
        },
    },
});
