/**
 * The pack's policies, in the order the engine runs them, and their documentation for reports
 * (text, SARIF) and docs (scripts/rule-docs.ts). `assume-guard-exemptions-used` comes last: it
 * reports the exemptions the others used.
 */
import { Policy, PolicyConfigSchema } from "@pulumi/policy";

import { metaOf, RuleMeta, ruleUrl } from "./lib/ruleMeta";

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
import { iamUserNoMfaSelfManagement } from "./rules/iam-user-no-mfa-self-management";
import { iamUserPermissionsThroughGroups } from "./rules/iam-user-permissions-through-groups";
import { iamWithinAwsQuotas } from "./rules/iam-within-aws-quotas";
import { sessionPolicyNarrows } from "./rules/session-policy-narrows";

/** The policies, in order. */
export const policies = [
    iamUserNoDirectDataAccess,
    iamUserAssumeOnly,
    iamUserNoMfaSelfManagement,
    iamRoleTrustRequiresConditions,
    iamRoleCrossAccountExternalId,
    iamDataPermissionsScoped,
    iamRolePoliciesReadable,
    iamRoleNoSelfEscalation,
    iamWithinAwsQuotas,
    iamDenyOutsideIpExemptsAwsServices,
    iamRoleServiceTrustConfusedDeputy,
    iamRoleFullAccessReview,
    iamUserPermissionsThroughGroups,
    dynamodbTableProtected,
    iamRoleSessionDuration,
    sessionPolicyNarrows,
    assumeGuardExemptionsUsed,
];

/** A rule's documentation, for reports and docs: its metadata, its page, its settings. */
export interface RuleDoc extends RuleMeta {
    /** The rule's page (`docs/rules/<rule>.md`, published at DOCS_URL). */
    readonly url: string;
    /** Its settings, with their defaults (the base settings first). */
    readonly configSchema: PolicyConfigSchema;
    /** The description and the rule's settings, with their defaults, as plain text. */
    readonly help: string;
}

/** Documentation of every policy, in order. */
export const ruleDocs: readonly RuleDoc[] = policies.map(docOf);

function docOf(p: Policy): RuleDoc {
    const configSchema = p.configSchema ?? { properties: {} };
    const settings = Object.entries(configSchema.properties).map(([key, s]) => {
        const schema = typeof s === "object" ? s : {};
        return `${key}${schema.default === undefined ? "" : ` (default ${JSON.stringify(schema.default)})`}: ${schema.description ?? ""}`;
    });
    return {
        ...metaOf(p),
        url: ruleUrl(p.name),
        configSchema,
        help: [p.description, ...(settings.length > 0 ? ["Settings:", ...settings.map(s => `- ${s}`)] : [])].join("\n"),
    };
}
