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
    fix: "Lower the role's maxSessionDuration to the configured bound.",
    schema: {
        maxSessionDurationSeconds: { type: "number", minimum: 900, maximum: 43200, default: 3600, description: "The longest acceptable maxSessionDuration, in seconds." },
    },
    config: raw => ({ bound: numberSetting(raw, "maxSessionDurationSeconds", AWS_DEFAULT) }),
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
                    message:
                        `${label(r)} allows sessions of ${JSON.stringify(seconds)} seconds, more than the ${config.bound} this pack is configured for. ` +
                        `Credentials stolen from a session stay usable until it ends. ` +
                        `Fix: set maxSessionDuration to ${config.bound} or less (or raise maxSessionDurationSeconds deliberately).`,
                });
            }
        },
    },
});
