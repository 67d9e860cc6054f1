/**
 * Proofs on the documents the dev and prod stacks emit: what a leaked access key of the program's
 * users can do on its own ("the key alone cannot list tables"; "from an unlisted IP every call is
 * explicitly denied"), and that the user's Deny outside the allowed networks spares calls made by
 * AWS services on the user's behalf.
 */
import * as assert from "assert";

import { DATA_PLANE_ACTIONS } from "../../policypack/lib/catalogue";
import { anyResourcePatterns, assumeRole, Decision, evaluate, RequestContext } from "../support/simulate";
import { allowedCidrs, cidrEdges, EmittedStack, emittedStack, EmittedUser, named } from "./emitted";

/** An address outside every allowed CIDR (TEST-NET-3), and one of AWS's own (a service calling on the user's behalf). */
const FOREIGN_IP = "203.0.113.50";
const AWS_SERVICE_IP = "52.94.133.1";

for (const stack of ["dev", "prod"]) {
    describe(`access proofs (${stack}): the user's key alone`, () => {
        let s: EmittedStack;
        let office: RequestContext;
        let foreign: RequestContext;

        before(async () => {
            s = await emittedStack(stack);
            office = { sourceIp: cidrEdges(allowedCidrs(stack)[0]).inside[0], mfa: null, viaAwsService: false };
            foreign = { ...office, sourceIp: FOREIGN_IP };
        });

        const ask = (user: EmittedUser, action: string, resource: string, context: RequestContext, mode?: "Discovery"): Promise<Decision> =>
            evaluate({ principal: user.arn, action, resource, identityPolicies: user.policies, context, ...(mode ? { mode } : {}) });

        it("Proof: the key alone cannot list tables, Scan or GetItem, from an allowed network or from an unlisted IP", async () => {
            const table = String(s.outputs["tableArn"]);
            const seen: Record<string, Decision> = {};
            for (const user of s.users) {
                for (const [where, context] of [["office", office], ["foreign", foreign]] as const) {
                    seen[`${user.name} ListTables ${where}`] = await ask(user, "dynamodb:ListTables", "*", context);
                    seen[`${user.name} Scan ${where}`] = await ask(user, "dynamodb:Scan", table, context);
                    seen[`${user.name} GetItem ${where}`] = await ask(user, "dynamodb:GetItem", table, context);
                }
            }
            const expected: Record<string, Decision> = {};
            for (const user of s.users) {
                for (const action of ["ListTables", "Scan", "GetItem"]) {
                    expected[`${user.name} ${action} office`] = "ImplicitlyDenied";
                    expected[`${user.name} ${action} foreign`] = "ExplicitlyDenied";
                }
            }
            assert.deepStrictEqual(seen, expected);
        });

        it("Proof: the key alone reaches no data-plane action of the pack's catalogue on any resource, even in Discovery mode", async () => {
            const allowed: string[] = [];
            let asked = 0;
            for (const user of s.users) {
                for (const action of DATA_PLANE_ACTIONS) {
                    for (const resource of await anyResourcePatterns(action)) {
                        for (const [context, mode] of [[office, undefined], [{ sourceIp: null, mfa: null, viaAwsService: false }, "Discovery"]] as const) {
                            asked++;
                            if ((await ask(user, action, resource, context, mode)) === "Allowed") {
                                allowed.push(`${user.name} ${action} ${resource} ${mode ?? "Strict"}`);
                            }
                        }
                    }
                }
            }
            assert.deepStrictEqual(allowed, []);
            assert.ok(asked >= 2 * DATA_PLANE_ACTIONS.length * s.users.length, `only ${asked} queries were made`);
        });

        it("Proof: the Deny outside the allowed networks does not block calls made via AWS services", async () => {
            const user = named(s.users, String(s.outputs["userName"]));
            const role = String(s.outputs["roleArn"]);
            // A trust without conditions isolates the user's own policy: only its Deny can refuse.
            const openTrust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: user.arn }, Action: "sts:AssumeRole" }] };
            const realTrust = named(s.roles, role.slice(role.lastIndexOf("/") + 1)).trust;
            const byService: RequestContext = { sourceIp: AWS_SERVICE_IP, mfa: null, viaAwsService: true };
            const direct: RequestContext = { ...byService, viaAwsService: false };
            const q = { caller: user.arn, callerPolicies: user.policies, roleArn: role };
            assert.deepStrictEqual(
                {
                    openTrustViaService: await assumeRole({ ...q, trustPolicy: openTrust, context: byService }),
                    openTrustDirect: await assumeRole({ ...q, trustPolicy: openTrust, context: direct }),
                    realTrustViaService: await assumeRole({ ...q, trustPolicy: realTrust, context: byService }),
                },
                { openTrustViaService: "Allowed", openTrustDirect: "ExplicitlyDenied", realTrustViaService: "ImplicitlyDenied" },
            );
        });
    });
}
