/**
 * Proofs that AssumeOnlyUser's two ways of granting, a group of its own (the default, which passes
 * Security Hub IAM.2 and CIS 1.15) and an inline policy, give a leaked key exactly the same reach:
 * on the documents each form really emits (the group's managed policy is evaluated as the member's
 * own identity policy, as IAM evaluates the policies of a user's groups), the key alone reaches no
 * data, every call from outside the allowed network is explicitly denied (the group's Deny applies to
 * its member), and AssumeRole works only from the allowed network with MFA.
 */
import * as assert from "assert";

import { AssumeOnlyUser, GrantVia, GuardedRole, ScopedTable } from "../../components";
import { DATA_PLANE_ACTIONS } from "../../policypack/lib/catalogue";
import { anyResourcePatterns, assumeRole, Decision, evaluate, RequestContext } from "../support/simulate";
import { runComponents } from "../support/mocked";
import { cidrEdges, EmittedStack, emitted, named } from "./emitted";

const OFFICE = "198.51.100.0/24";
const FOREIGN_IP = "192.0.2.50";
const ROLE_ARN = "arn:aws:iam::123456789012:role/reader";
const at = (sourceIp: string | null, extra: Partial<RequestContext> = {}): RequestContext => ({ sourceIp, mfa: null, viaAwsService: false, ...extra });
const FRESH_MFA = { mfa: true, extra: { "aws:MultiFactorAuthAge": "60" } };

async function build(grantVia: GrantVia): Promise<{ s: EmittedStack; types: string[] }> {
    const run = await runComponents(() => {
        const user = new AssumeOnlyUser("connector", { roleArns: [ROLE_ARN], allowedSourceCidrs: [OFFICE], requireMfa: true, grantVia });
        const role = new GuardedRole("reader", { trustedPrincipals: [user.userArn], sourceCidrs: [OFFICE], requireMfa: true, maxMfaAgeSeconds: 900 });
        const table = new ScopedTable("items", { hashKey: { name: "pk" } });
        table.grantReadWrite(role);
        return { userArn: user.userArn, tableArn: table.tableArn };
    });
    return { s: emitted(run.resources, run.outputs), types: run.resources.map(r => r.type) };
}

/** Every decision the proofs ask, by name: the same for both forms. */
async function decisions(s: EmittedStack): Promise<Record<string, Decision>> {
    const user = named(s.users, "connector");
    const role = named(s.roles, "reader");
    const table = String(s.outputs["tableArn"]);
    const ask = (action: string, resource: string, context: RequestContext) => evaluate({ principal: user.arn, action, resource, identityPolicies: user.policies, context });
    const q = { caller: user.arn, callerPolicies: user.policies, roleArn: role.arn, trustPolicy: role.trust };
    const [first, last] = cidrEdges(OFFICE).inside;
    return {
        scanFromOffice: await ask("dynamodb:Scan", table, at(first)),
        scanFromElsewhere: await ask("dynamodb:Scan", table, at(FOREIGN_IP)),
        listUsersFromElsewhere: await ask("iam:ListUsers", "*", at(FOREIGN_IP)),
        assumeFromOfficeWithMfa: await assumeRole({ ...q, context: at(last, FRESH_MFA) }),
        assumeFromOfficeWithoutMfa: await assumeRole({ ...q, context: at(first) }),
        assumeFromJustOutsideWithMfa: await assumeRole({ ...q, context: at(cidrEdges(OFFICE).outside[1], FRESH_MFA) }),
        assumeWithoutSourceIp: await assumeRole({ ...q, context: at(null, FRESH_MFA) }),
    };
}

const EXPECTED: Record<string, Decision> = {
    scanFromOffice: "ImplicitlyDenied",
    scanFromElsewhere: "ExplicitlyDenied",
    listUsersFromElsewhere: "ExplicitlyDenied",
    assumeFromOfficeWithMfa: "Allowed",
    assumeFromOfficeWithoutMfa: "ExplicitlyDenied",
    assumeFromJustOutsideWithMfa: "ExplicitlyDenied",
    assumeWithoutSourceIp: "ExplicitlyDenied",
};

for (const grantVia of ["group", "inline"] as const) {
    describe(`access proofs: AssumeOnlyUser granting through ${grantVia === "group" ? "a group of its own" : "an inline policy"}`, () => {
        let built: { s: EmittedStack; types: string[] };
        before(async () => {
            built = await build(grantVia);
        });

        it("Proof: the user's policy reaches it only the way asked for", () => {
            const holders = ["aws:iam/userPolicy:UserPolicy", "aws:iam/policy:Policy", "aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "aws:iam/userGroupMembership:UserGroupMembership"];
            assert.deepStrictEqual(
                holders.filter(t => built.types.includes(t)),
                grantVia === "group" ? holders.slice(1) : holders.slice(0, 1),
            );
            assert.strictEqual(named(built.s.users, "connector").policies.length, 1);
        });

        it("Proof: the key alone reaches no data, is explicitly denied everything from elsewhere, and assumes the role only from the office with MFA", async () => {
            assert.deepStrictEqual(await decisions(built.s), EXPECTED);
        });

        it("Proof: the key alone reaches no data-plane action of the pack's catalogue on any resource, even in Discovery mode", async () => {
            const user = named(built.s.users, "connector");
            const allowed: string[] = [];
            for (const action of DATA_PLANE_ACTIONS) {
                for (const resource of await anyResourcePatterns(action)) {
                    for (const [context, mode] of [[at(cidrEdges(OFFICE).inside[0], FRESH_MFA), "Strict"], [at(null), "Discovery"]] as const) {
                        if ((await evaluate({ principal: user.arn, action, resource, identityPolicies: user.policies, context, mode })) === "Allowed") {
                            allowed.push(`${action} ${resource} ${mode}`);
                        }
                    }
                }
            }
            assert.deepStrictEqual(allowed, []);
        });
    });
}
