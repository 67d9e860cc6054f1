/**
 * iam-role-service-trust-confused-deputy (advisory): a trust statement that admits an AWS service
 * binds the calling resource with aws:SourceArn, aws:SourceAccount or aws:SourceOrgID, so that the
 * service cannot be used to assume the role on behalf of another customer (the confused deputy).
 * Execution-role services, which assume the role only for the account's own compute, are skipped by
 * default (`ignoredServices`).
 */
import { summarise } from "../lib/actions";
import { Binding } from "../lib/conditions";
import { stringListSetting } from "../lib/config";
import { statementLabel } from "../lib/document";
import { defineRule, label } from "../lib/rule";
import { assumeStatements, ROLE_TYPE, trustDocument } from "../lib/trust";

const SOURCE_BINDINGS: readonly Binding[] = ["sourceArn", "sourceAccount", "sourceOrgId"];
const DEFAULT_IGNORED = ["ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com", "eks.amazonaws.com", "edgelambda.amazonaws.com"];

/** The rule. */
export const iamRoleServiceTrustConfusedDeputy = defineRule({
    name: "iam-role-service-trust-confused-deputy",
    description: "Trust statements that admit an AWS service bind aws:SourceArn, aws:SourceAccount or aws:SourceOrgID.",
    enforcementLevel: "advisory",
    severity: "medium",
    details:
        "Trust statements admitting an AWS service bind the calling resource with `aws:SourceArn`, `aws:SourceAccount` or `aws:SourceOrgID`, so that the service cannot be made to assume the role for another customer (the confused deputy). Execution-role services (`ignoredServices`) are skipped by default.",
    fix: "Add aws:SourceArn or aws:SourceAccount to trust statements that admit a service.",
    strict: { enforcementLevel: "mandatory", settings: { ignoredServices: [] } },
    settings: {
        ignoredServices: stringListSetting({}, "Service principals not judged (execution roles of the account's own compute).", DEFAULT_IGNORED),
    },
    config: s => ({ ignored: new Set(s.ignoredServices.map(x => x.toLowerCase())) }),
    resource: {
        types: [ROLE_TYPE],
        check: (r, config, judge) => {
            const trust = trustDocument(r, judge);
            if (!trust?.ok) {
                return; // iam-role-trust-requires-conditions reports unparseable trust policies
            }
            const problems = assumeStatements(trust.document)
                .map(a => ({ a, services: a.principals.services.filter(s => !config.ignored.has(s.toLowerCase())) }))
                .filter(({ a, services }) => services.length > 0 && !SOURCE_BINDINGS.some(b => a.bindings.has(b)))
                .map(({ a, services }) => `${statementLabel(a.statement)} admits ${summarise(services)}`);
            if (problems.length > 0) {
                judge.report({
                    urn: r.urn,
                    what: `${label(r)} trusts AWS services without binding the calling resource: ${problems.join("; ")}`,
                    why: "Without aws:SourceArn or aws:SourceAccount, the service can be made to assume the role for another customer's resource (the confused deputy)",
                    fix: "add StringEquals aws:SourceAccount (or ArnLike aws:SourceArn) naming your own account or resource to those statements",
                });
            }
        },
    },
});
