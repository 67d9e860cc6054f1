import { dynamodbTableProtected as rule } from "../../../policypack/rules/dynamodb-table-protected";
import { assertNoViolations, assertViolations, runRule, unknownMessage } from "../assertions";
import { goodStack, T, UNKNOWN, urn, withProps } from "../fixtures";

const NAME = "dynamodb-table-protected";
const TABLE = urn(T.table, "items");
const WHY = "A leaked key that reaches the table through a role can still overwrite or delete its items, and only a backup window undoes that.";

describe("rule dynamodb-table-protected", () => {
    it("Compliance: point-in-time recovery and deletion protection", async () => {
        assertNoViolations(await runRule(rule, goodStack(), { requireDeletionProtection: true }));
    });

    it("Compliance: deletion protection is not required by default", async () => {
        assertNoViolations(await runRule(rule, withProps(goodStack(), "items", { deletionProtectionEnabled: false })));
    });

    it("Noncompliance: no point-in-time recovery", async () => {
        const result = await runRule(rule, withProps(goodStack(), "items", { pointInTimeRecovery: { enabled: false } }));
        assertViolations(result, NAME, [{ urn: TABLE, message: `Table 'items' lacks point-in-time recovery (pointInTimeRecovery.enabled). ${WHY} Fix: set pointInTimeRecovery.enabled to true.` }]);
    });

    it("Noncompliance: neither, with deletion protection required", async () => {
        const stack = withProps(goodStack(), "items", { pointInTimeRecovery: undefined, deletionProtectionEnabled: undefined });
        const result = await runRule(rule, stack, { requireDeletionProtection: true });
        assertViolations(result, NAME, [
            {
                urn: TABLE,
                message: `Table 'items' lacks point-in-time recovery (pointInTimeRecovery.enabled) and deletion protection (deletionProtectionEnabled). ${WHY} Fix: set pointInTimeRecovery.enabled and deletionProtectionEnabled to true.`,
            },
        ]);
    });

    it("Noncompliance: point-in-time recovery unknown during preview", async () => {
        const result = await runRule(rule, withProps(goodStack(), "items", { pointInTimeRecovery: { enabled: UNKNOWN } }));
        assertViolations(result, NAME, [
            {
                urn: TABLE,
                message: unknownMessage("Table 'items'", "string value at .pointInTimeRecovery.enabled can't be known during preview", "dynamodb-table-protected"),
            },
        ]);
    });
});
