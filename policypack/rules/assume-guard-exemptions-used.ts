/**
 * assume-guard-exemptions-used (advisory, last in the pack): reports every exemption that suppressed a
 * violation in this run, so that no exemption is silent. It reads the ledger the other rules wrote
 * (lib/exemptions.ts). It has no settings besides its enforcement level, and cannot itself be exempted.
 */
import { StackValidationPolicy } from "@pulumi/policy";

import { currentLedger } from "../lib/exemptions";
import { FindingReporter, reportFinding } from "../lib/finding";
import { nameOfUrn } from "../lib/rule";
import { policyFields, RuleMeta, withMeta } from "../lib/ruleMeta";

const META: RuleMeta = {
    name: "assume-guard-exemptions-used",
    description: "Every exemption used in this run is reported.",
    enforcementLevel: "advisory",
    severity: "low",
    details: "Reports every exemption that suppressed a violation in the run, with its reason, so that no exemption is silent. It runs last, has no settings besides its level, and cannot itself be exempted.",
    fix: "Remove each exemption once its resource complies.",
};

/** The policy. */
export const assumeGuardExemptionsUsed: StackValidationPolicy = withMeta(
    {
        ...policyFields(META),
        configSchema: { properties: {} },
        validateStack: (_args, reportViolation) => {
            for (const e of currentLedger().entries()) {
                reportFinding(
                    reportViolation as FindingReporter,
                    {
                        what: `${e.policyName} did not report '${nameOfUrn(e.urn)}' because of the exemption ${JSON.stringify(e.pattern)}: ${e.reason.trim().replace(/\.$/, "")}`,
                        why: "An exempted resource is not checked by that rule",
                        fix: `remove the exemption from the ${e.policyName} config once the resource complies`,
                    },
                    e.urn,
                );
            }
        },
    },
    META,
);
