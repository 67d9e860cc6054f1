/**
 * iam-role-session-duration (advisory): a role's `maxSessionDuration` (AWS default 3600 s when
 * absent) is at or below `maxSessionDurationSeconds` (default 3600). Shorter sessions shorten how long
 * stolen session credentials stay useful.
 */
import { numberSetting } from "../lib/config";
import { defineRule, label } from "../lib/rule";
import { ROLE_TYPE } from "../lib/trust";
import { readProp } from "../lib/values";

const AWS_DEFAULT = 3600;

/** The rule. */
export const iamRoleSessionDuration = defineRule({
    name: "iam-role-session-duration",
    description: "Roles' maxSessionDuration is at or below the configured bound (default one hour).",
    enforcementLevel: "advisory",
    severity: "low",
    details: "A role's `maxSessionDuration` (AWS's default 3600 s when absent) is at or below `maxSessionDurationSeconds` (3600 s by default): stolen session credentials stay usable until the session ends.",
    fix: "Lower the role's maxSessionDuration to the configured bound.",
    strict: { enforcementLevel: "mandatory" },
    settings: {
        maxSessionDurationSeconds: numberSetting({ type: "number", minimum: 900, maximum: 43200 }, "The longest acceptable maxSessionDuration, in seconds.", AWS_DEFAULT),
    },
    config: s => ({ bound: s.maxSessionDurationSeconds }),
    resource: {
        types: [ROLE_TYPE],
        check: (r, config, judge) => {
            const read = readProp(r.props, "maxSessionDuration");
            if (!read.known) {
                judge.unknown(r, read.error);
                return;
            }
            const seconds = read.value === undefined || read.value === null ? AWS_DEFAULT : read.value;
            if (typeof seconds !== "number" || !(seconds <= config.bound)) {
                judge.report({
                    urn: r.urn,
                    what: `${label(r)} allows sessions of ${JSON.stringify(seconds)} seconds, more than the ${config.bound} this pack is configured for`,
                    why: "Credentials stolen from a session stay usable until it ends",
                    fix: `set maxSessionDuration to ${config.bound} or less (or raise maxSessionDurationSeconds deliberately)`,
                });
            }
        },
    },
});
