import { iamRoleSessionDuration as rule } from "../../../policypack/rules/iam-role-session-duration";
import { assertNoViolations, assertViolations, runRule, unknownMessage } from "../assertions";
import { goodStack, T, urn, withProps } from "../fixtures";

const NAME = "iam-role-session-duration";
const ROLE = urn(T.role, "app-role");

describe("rule iam-role-session-duration", () => {
    it("Compliance: one hour", async () => {
        assertNoViolations(await runRule(rule, goodStack()));
    });

    it("Compliance: absent means the AWS default of one hour", async () => {
        assertNoViolations(await runRule(rule, withProps(goodStack(), "app-role", { maxSessionDuration: undefined })));
    });

    it("Noncompliance: two hours against the default bound", async () => {
        const result = await runRule(rule, withProps(goodStack(), "app-role", { maxSessionDuration: 7200 }));
        assertViolations(result, NAME, [
            {
                urn: ROLE,
                message:
                    "Role 'app-role' allows sessions of 7200 seconds, more than the 3600 this pack is configured for. Credentials stolen from a session stay usable until it ends. " +
                    "Fix: set maxSessionDuration to 3600 or less (or raise maxSessionDurationSeconds deliberately).",
            },
        ]);
    });

    it("Compliance: two hours within a configured bound of twelve hours", async () => {
        assertNoViolations(await runRule(rule, withProps(goodStack(), "app-role", { maxSessionDuration: 7200 }), { maxSessionDurationSeconds: 43200 }));
    });

    it("Noncompliance: a duration that is not a number", async () => {
        const result = await runRule(rule, withProps(goodStack(), "app-role", { maxSessionDuration: "7200" }));
        assertViolations(result, NAME, [
            {
                urn: ROLE,
                message:
                    "Role 'app-role' allows sessions of \"7200\" seconds, more than the 3600 this pack is configured for. Credentials stolen from a session stay usable until it ends. " +
                    "Fix: set maxSessionDuration to 3600 or less (or raise maxSessionDurationSeconds deliberately).",
            },
        ]);
    });

    it("Noncompliance: the duration is unknown during preview", async () => {
        const result = await runRule(rule, withProps(goodStack(), "app-role", { maxSessionDuration: "3eeb2bf0-c639-47a8-9e75-3b44932eb421" }));
        assertViolations(result, NAME, [
            {
                urn: ROLE,
                message: unknownMessage("Role 'app-role'", "number value at .maxSessionDuration can't be known during preview", "iam-role-session-duration"),
            },
        ]);
    });
});
