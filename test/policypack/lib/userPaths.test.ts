/**
 * The user paths read every resource policy and grant of the resource model: one stack per row,
 * whose document (or grant) names the good stack's user, must be reported by iam-user-assume-only
 * against that user, through that row's resource.
 */
import { RESOURCE_MODEL, ResourceTypeModel } from "../../../policypack/lib/model/resourceTypes";
import { iamUserAssumeOnly as rule } from "../../../policypack/rules/iam-user-assume-only";
import { assertViolations, runRule } from "../assertions";
import { ARN, deployed, goodStack, T, urn } from "../fixtures";

const WHY =
    "Anything beyond sts:AssumeRole on named roles is usable with a leaked key alone, without the role's conditions. " +
    "Fix: reduce the user's Allow statements to sts:AssumeRole on explicit role ARNs (conditions go on the roles' trust).";
const USER = urn(T.user, "app-user");
const naming = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: ARN.user }, Action: "svc:Act", Resource: "*" }] });

/** The props of a holder of `m` whose document or grant names the user. */
function holderProps(m: ResourceTypeModel): Record<string, unknown> {
    const props: Record<string, unknown> = {};
    for (const d of m.documents ?? []) {
        props[d.prop] = d.nested ? { [d.nested]: naming } : naming;
    }
    for (const p of m.grant?.principals ?? []) {
        props[p.prop] = ARN.user;
        if ("prop" in p.actions) {
            props[p.actions.prop] = p.actions.prefix ? ["Act"] : "svc:Act";
        }
    }
    return props;
}

/** What the rule reports for the row's holder, literally. */
function expected(m: ResourceTypeModel): string[] {
    const label = `${m.type.slice(m.type.lastIndexOf(":") + 1)} 'holder'`;
    if (!m.grant) {
        return [`IAM user 'app-user' is allowed more than assuming named roles through resource policy ${label}: statement 1 allows "svc:Act". ${WHY}`];
    }
    const found = m.grant.principals.map((p, i) => {
        const actions = "fixed" in p.actions ? p.actions.fixed : [p.actions.prefix ? `${p.actions.prefix}Act` : "svc:Act"];
        return `statement ${i + 1} ("${p.prop}") allows ${actions.map(a => JSON.stringify(a)).join(", ")}`;
    });
    return [`IAM user 'app-user' is allowed more than assuming named roles through grant ${label}: ${found.join("; ")}. ${WHY}`];
}

describe("lib/userPaths: every resource policy and grant of the resource model", () => {
    for (const m of RESOURCE_MODEL.filter(x => x.grant || (x.documents ?? []).some(d => d.role === "resource"))) {
        it(`Noncompliance: ${m.type} naming the user is judged against the user`, async () => {
            const stack = [...goodStack(), deployed(m.type, "holder", holderProps(m))];
            assertViolations(
                await runRule(rule, stack),
                "iam-user-assume-only",
                expected(m).map(message => ({ urn: USER, message })),
            );
        });
    }
});
