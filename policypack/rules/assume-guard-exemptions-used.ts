/**
 * assume-guard-exemptions-used (advisory, last in the pack): reports every exemption that suppressed a
 * violation in this run, so that no exemption is silent. It reads the ledger the other rules wrote
 * (lib/exemptions.ts). It has no settings besides its enforcement level, and cannot itself be exempted.
 */
import { StackValidationPolicy } from "@pulumi/policy";

import { currentLedger } from "../lib/exemptions";
import { nameOfUrn } from "../lib/rule";

/** The policy. */
export const assumeGuardExemptionsUsed: StackValidationPolicy = {
    name: "assume-guard-exemptions-used",
    description: "Every exemption used in this run is reported.",
    enforcementLevel: "advisory",
    remediationSteps: "Remove each exemption once its resource complies.",
    configSchema: { properties: {} },
    validateStack: (_args, reportViolation) => {
        for (const e of currentLedger().entries()) {
            reportViolation(
                `${e.policyName} did not report '${nameOfUrn(e.urn)}' because of the exemption ${JSON.stringify(e.pattern)}: ${e.reason.trim().replace(/\.$/, "")}. ` +
                    `An exempted resource is not checked by that rule. ` +
                    `Fix: remove the exemption from the ${e.policyName} config once the resource complies.`,
                e.urn,
            );
        }
    },
};
