/**
 * lib/config: a setting is declared once, its schema's default is the default its reader applies,
 * and a value that does not fit the schema reads as that default (never looser).
 */
import * as assert from "assert";

import { BASE_SETTINGS, booleanSetting, numberSetting, optionalStringSetting, readSettings, settingDefaults, settingsSchema, stringListSetting } from "../../../policypack/lib/config";

const SETTINGS = {
    flag: booleanSetting("A flag.", true),
    limit: numberSetting({ type: "integer", minimum: 1, maximum: 32 }, "A prefix.", 8),
    seconds: numberSetting({ type: "number", minimum: 900, maximum: 43200 }, "Seconds.", 3600),
    accounts: stringListSetting({ pattern: "^\\d{12}$" }, "Accounts.", []),
    keys: stringListSetting({ enum: ["a", "b"] }, "Keys.", ["a"]),
    legacy: optionalStringSetting("^\\d{12}$", "Older."),
};

describe("lib/config", () => {
    it("states each setting's default in its schema, and the reader applies it to a missing value", () => {
        assert.deepStrictEqual(settingDefaults(settingsSchema(SETTINGS)), { onUnknown: "fail", exemptions: [], flag: true, limit: 8, seconds: 3600, accounts: [], keys: ["a"] });
        assert.deepStrictEqual(readSettings(SETTINGS, {}), { flag: true, limit: 8, seconds: 3600, accounts: [], keys: ["a"], legacy: undefined });
    });

    it("reads values that fit, and turns what the schema refuses into the default (a list drops what does not fit)", () => {
        const raw = { flag: false, limit: 16, seconds: 7200.5, accounts: ["123456789012", "12", 7, ""], keys: ["b", "c"], legacy: "210987654321" };
        assert.deepStrictEqual(readSettings(SETTINGS, raw), { flag: false, limit: 16, seconds: 7200.5, accounts: ["123456789012"], keys: ["b"], legacy: "210987654321" });
        const bad = { flag: "yes", limit: 8.5, seconds: 100, accounts: "123456789012", keys: null, legacy: "nope" };
        assert.deepStrictEqual(readSettings(SETTINGS, bad), readSettings(SETTINGS, {}));
    });

    it("reads exemptions with a resource and a reason, and onUnknown as fail unless warn", () => {
        assert.deepStrictEqual(
            readSettings(BASE_SETTINGS, { onUnknown: "WARN", exemptions: [{ resource: "a", reason: "r" }, { resource: "b" }, { resource: " ", reason: "r" }, "c"] }),
            { onUnknown: "fail", exemptions: [{ resource: "a", reason: "r" }] },
        );
    });
});
