/**
 * iam-deny-outside-ip-exempts-aws-services (advisory): a Deny statement keyed on
 * `NotIpAddress aws:SourceIp` also carries `Bool aws:ViaAWSService "false"`. Without it, calls AWS
 * services make on the principal's behalf (CloudFormation, Athena reading S3, DynamoDB using KMS)
 * come from AWS addresses and are denied too. Judges every identity policy document.
 */
import { summarise } from "../lib/actions";
import { parseOperator } from "../lib/conditions";
import { ConditionClause, PolicyDocument, statementLabel } from "../lib/document";
import { DocSource, fieldDocuments } from "../lib/graph";
import { documentsOf, typesWhere } from "../lib/model/resourceTypes";
import { defineRule, Judge, label, RuleResource } from "../lib/rule";

/** Every type of the resource model that holds an identity document. */
const DOCUMENT_TYPES = typesWhere(m => (m.documents ?? []).some(d => d.role === "identity"));

const isOutsideIp = (c: ConditionClause) => c.key.toLowerCase() === "aws:sourceip" && parseOperator(c.operator).base === "notipaddress" && !parseOperator(c.operator).set;
const exemptsServices = (c: ConditionClause) =>
    c.key.toLowerCase() === "aws:viaawsservice" && parseOperator(c.operator).base === "bool" && !parseOperator(c.operator).set && c.values.every(v => v.toLowerCase() === "false");

/** The Deny statements of `doc` that deny outside an IP range without exempting AWS services. */
export function denyOutsideIpProblems(doc: PolicyDocument): string[] {
    return doc.statements
        .filter(s => s.effect === "Deny" && s.conditions.some(isOutsideIp) && !s.conditions.some(exemptsServices))
        .map(s => `${statementLabel(s)} denies requests from outside ${summarise(s.conditions.filter(isOutsideIp).flatMap(c => c.values))}`);
}

/** The identity documents a resource holds: its policy, or a role's inline policies. */
function documents(r: RuleResource): DocSource[] {
    return documentsOf(r.type, "identity").flatMap(f => fieldDocuments(r, f).map(d => d.source));
}

function check(r: RuleResource, judge: Judge): void {
    const problems: string[] = [];
    for (const src of documents(r)) {
        if (src.kind === "unknown") {
            judge.unknown(r, src.error);
        } else if (src.kind === "parsed" && src.parsed.ok) {
            problems.push(...denyOutsideIpProblems(src.parsed.document));
        }
    }
    if (problems.length > 0) {
        judge.report({
            urn: r.urn,
            what: `${label(r)} ${problems.join("; ")} without Bool aws:ViaAWSService "false"`,
            why: "Calls that AWS services make on the principal's behalf come from AWS addresses and are denied too, which breaks them",
            fix: `add "Bool": {"aws:ViaAWSService": "false"} to the statement's Condition`,
        });
    }
}

/** The rule. */
export const iamDenyOutsideIpExemptsAwsServices = defineRule({
    name: "iam-deny-outside-ip-exempts-aws-services",
    description: 'A Deny on NotIpAddress aws:SourceIp also carries Bool aws:ViaAWSService "false".',
    enforcementLevel: "advisory",
    severity: "low",
    details:
        'A Deny on `NotIpAddress aws:SourceIp` also carries `Bool aws:ViaAWSService "false"`, in every identity policy document. Without it, calls AWS services make on the principal\'s behalf (CloudFormation, Athena reading S3, DynamoDB using KMS) come from AWS addresses and are denied too.',
    fix: 'Add "Bool": {"aws:ViaAWSService": "false"} to Deny-outside-CIDR statements.',
    strict: { enforcementLevel: "mandatory" },
    config: () => ({}),
    resource: { types: DOCUMENT_TYPES, check: (r, _config, judge) => check(r, judge) },
});
