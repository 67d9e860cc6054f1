/**
 * Checks the pack's IAM resource model (policypack/lib/model) against the installed @pulumi/aws:
 *
 *   npm run check:resource-model
 *
 * Prints the table's size by kind and every problem: a policy- or principal-bearing property that is
 * neither a row's nor excluded with a reason, a row whose type or property the provider lacks, an
 * exclusion that matches nothing. Exits 1 on any problem, so a provider upgrade that adds a
 * policy-bearing type fails until the model covers it (the same check runs in npm test).
 */
import { RESOURCE_MODEL } from "../policypack/lib/model/resourceTypes";
import { awsPackageDir, checkModel, ModelCheck, scanProvider } from "./resource-model-scan";

/** The report lines and whether the model passes. */
export function report(check: ModelCheck, provider: string): { lines: string[]; ok: boolean } {
    const kinds = {
        principals: RESOURCE_MODEL.filter(m => m.principal).length,
        "customer policies": RESOURCE_MODEL.filter(m => m.customerPolicy).length,
        "inline identity policies": RESOURCE_MODEL.filter(m => !m.principal && !m.customerPolicy && (m.documents ?? []).some(d => d.role === "identity")).length,
        attachments: RESOURCE_MODEL.filter(m => !m.principal && (m.attachments ?? []).length > 0).length,
        memberships: RESOURCE_MODEL.filter(m => m.membership).length,
        "resource policies": RESOURCE_MODEL.filter(m => (m.documents ?? []).some(d => d.role === "resource")).length,
        "grants without a document": RESOURCE_MODEL.filter(m => m.grant).length,
    };
    const problems = [
        ...check.uncovered.map(h => `not in the model and not excluded: ${h.type} ${h.prop}`),
        ...check.missingTypes.map(t => `a row whose type ${provider} lacks: ${t}`),
        ...check.missingProps.map(h => `a row reads a property ${provider} lacks: ${h.type} ${h.prop}`),
        ...check.staleExclusions.map(e => `an exclusion that matches nothing: ${e}`),
    ];
    const lines = [
        `${provider}: ${check.scanned} resource types, ${check.hits.length} policy- or principal-bearing properties`,
        `model: ${RESOURCE_MODEL.length} types (${Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(", ")})`,
        ...(problems.length > 0 ? problems : ["every candidate property is modelled or excluded with a reason"]),
    ];
    return { lines, ok: problems.length === 0 };
}

if (require.main === module) {
    const dir = awsPackageDir();
    const version = (require(`${dir}/package.json`) as { version: string }).version;
    const { lines, ok } = report(checkModel(scanProvider(dir)), `@pulumi/aws ${version}`);
    lines.forEach(l => console.log(l));
    process.exit(ok ? 0 : 1);
}
