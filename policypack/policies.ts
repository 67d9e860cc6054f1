/**
 * The pack's policies, in the order the engine runs them, and their documentation for reports
 * (text, SARIF, README). `assume-guard-exemptions-used` comes last: it reports the exemptions the
 * others used.
 */
import { Policy } from "@pulumi/policy";

import { assumeGuardExemptionsUsed } from "./rules/assume-guard-exemptions-used";
import { dynamodbTableProtected } from "./rules/dynamodb-table-protected";
import { iamDataPermissionsScoped } from "./rules/iam-data-permissions-scoped";
import { iamDenyOutsideIpExemptsAwsServices } from "./rules/iam-deny-outside-ip-exempts-aws-services";
import { iamRoleCrossAccountExternalId } from "./rules/iam-role-cross-account-external-id";
import { iamRoleFullAccessReview } from "./rules/iam-role-full-access-review";
import { iamRoleNoSelfEscalation } from "./rules/iam-role-no-self-escalation";
import { iamRolePoliciesReadable } from "./rules/iam-role-policies-readable";
import { iamRoleServiceTrustConfusedDeputy } from "./rules/iam-role-service-trust-confused-deputy";
import { iamRoleSessionDuration } from "./rules/iam-role-session-duration";
import { iamRoleTrustRequiresConditions } from "./rules/iam-role-trust-requires-conditions";
import { iamUserAssumeOnly } from "./rules/iam-user-assume-only";
import { iamUserNoDirectDataAccess } from "./rules/iam-user-no-direct-data-access";
import { iamWithinAwsQuotas } from "./rules/iam-within-aws-quotas";
import { sessionPolicyNarrows } from "./rules/session-policy-narrows";

/** The policies, in order. */
export const policies = [
    iamUserNoDirectDataAccess,
    iamUserAssumeOnly,
    iamRoleTrustRequiresConditions,
    iamRoleCrossAccountExternalId,
    iamDataPermissionsScoped,
    iamRolePoliciesReadable,
    iamRoleNoSelfEscalation,
    iamWithinAwsQuotas,
    iamDenyOutsideIpExemptsAwsServices,
    iamRoleServiceTrustConfusedDeputy,
    iamRoleFullAccessReview,
    dynamodbTableProtected,
    iamRoleSessionDuration,
    sessionPolicyNarrows,
    assumeGuardExemptionsUsed,
];

/** A rule's documentation, for reports. */
export interface RuleDoc {
    readonly name: string;
    readonly description: string;
    /** The default level (`--policy-pack-config` may change it). */
    readonly enforcementLevel: "advisory" | "mandatory";
    /** One line: how to fix a violation. */
    readonly fix: string;
    /** The description and the rule's settings, with their defaults. */
    readonly help: string;
}

/** Documentation of every policy, in order. */
export const ruleDocs: readonly RuleDoc[] = policies.map(docOf);

function docOf(p: Policy): RuleDoc {
    const settings = Object.entries(p.configSchema?.properties ?? {}).map(([key, s]) => {
        const schema = typeof s === "object" ? s : {};
        return `${key} (default ${JSON.stringify(schema.default ?? null)}): ${schema.description ?? ""}`;
    });
    return {
        name: p.name,
        description: p.description,
        enforcementLevel: p.enforcementLevel === "mandatory" ? "mandatory" : "advisory",
        fix: p.remediationSteps ?? "",
        help: [p.description, ...(settings.length > 0 ? ["Settings:", ...settings.map(s => `- ${s}`)] : [])].join("\n"),
    };
}
