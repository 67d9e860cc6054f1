/**
 * Proofs on the documents the dev and prod stacks emit: who can assume the connector role, and from
 * where ("from my PC, AssumeRole fails"; "from an unlisted IP, AssumeRole is explicitly denied"), and
 * that with `requireMfa` a session without MFA is refused. Both sides are evaluated every time: the
 * user's identity policy and the role's trust policy.
 */
import * as assert from "assert";

import { assumeRole, Decision, RequestContext } from "../support/simulate";
import { allowedCidrs, cidrEdges, EmittedStack, emittedStack, named } from "./emitted";

const MFA_ON = { "assume-guard:requireMfa": "true", "assume-guard:maxMfaAgeSeconds": "900" };

/** The connector user and role of a stack, as one AssumeRole query without its context. */
function connector(s: EmittedStack) {
    const user = named(s.users, String(s.outputs["userName"]));
    const roleArn = String(s.outputs["roleArn"]);
    const role = named(s.roles, roleArn.slice(roleArn.lastIndexOf("/") + 1));
    return { caller: user.arn, callerPolicies: user.policies, roleArn, trustPolicy: role.trust };
}

const at = (sourceIp: string | null, extra: Partial<RequestContext> = {}): RequestContext => ({ sourceIp, mfa: null, viaAwsService: false, ...extra });

for (const stack of ["dev", "prod"]) {
    describe(`access proofs (${stack}): assuming the connector role`, () => {
        it("Proof: AssumeRole works from the first and last address of every allowed CIDR", async () => {
            const q = connector(await emittedStack(stack));
            const seen: Record<string, Decision> = {};
            const expected: Record<string, Decision> = {};
            for (const cidr of allowedCidrs(stack)) {
                for (const ip of cidrEdges(cidr).inside) {
                    seen[ip] = await assumeRole({ ...q, context: at(ip) });
                    expected[ip] = "Allowed";
                }
            }
            assert.deepStrictEqual(seen, expected);
        });

        it("Proof: AssumeRole is explicitly denied from the address just outside each allowed CIDR and from a PC elsewhere", async () => {
            const q = connector(await emittedStack(stack));
            const seen: Record<string, Decision> = {};
            const expected: Record<string, Decision> = {};
            for (const ip of [...allowedCidrs(stack).flatMap(c => cidrEdges(c).outside), "203.0.113.50"]) {
                seen[ip] = await assumeRole({ ...q, context: at(ip) });
                expected[ip] = "ExplicitlyDenied";
            }
            assert.deepStrictEqual(seen, expected);
        });

        it("Proof: AssumeRole is explicitly denied when the request carries no source IP", async () => {
            const q = connector(await emittedStack(stack));
            // The user's NotIpAddress Deny matches a request without aws:SourceIp (a negated operator
            // is true for an absent key), and the trust's IpAddress would refuse it anyway.
            assert.strictEqual(await assumeRole({ ...q, context: at(null) }), "ExplicitlyDenied");
            const trustOnly = { ...q, callerPolicies: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: q.roleArn }] }] };
            assert.strictEqual(await assumeRole({ ...trustOnly, context: at(null) }), "ImplicitlyDenied");
        });

        it("Proof: with requireMfa, AssumeRole is denied without MFA or with stale MFA, and allowed with fresh MFA", async () => {
            const q = connector(await emittedStack(stack, MFA_ON));
            const office = cidrEdges(allowedCidrs(stack)[0]).inside[0];
            assert.deepStrictEqual(
                {
                    longTermKey: await assumeRole({ ...q, context: at(office) }),
                    mfaFalse: await assumeRole({ ...q, context: at(office, { mfa: false }) }),
                    staleMfa: await assumeRole({ ...q, context: at(office, { mfa: true, extra: { "aws:MultiFactorAuthAge": "901" } }) }),
                    freshMfa: await assumeRole({ ...q, context: at(office, { mfa: true, extra: { "aws:MultiFactorAuthAge": "60" } }) }),
                    freshMfaFromElsewhere: await assumeRole({ ...q, context: at("203.0.113.50", { mfa: true, extra: { "aws:MultiFactorAuthAge": "60" } }) }),
                },
                { longTermKey: "ExplicitlyDenied", mfaFalse: "ExplicitlyDenied", staleMfa: "ImplicitlyDenied", freshMfa: "Allowed", freshMfaFromElsewhere: "ExplicitlyDenied" },
            );
        });
    });
}

describe("access proofs (dev): the operator's admin role", () => {
    it("Proof: the operator assumes AdministratorAccess only from the office with fresh MFA", async () => {
        const s = await emittedStack("dev");
        const operator = s.users.find(u => u.name.endsWith("-operator"));
        const admin = s.roles.find(r => r.name.endsWith("-operator-admin"));
        assert.ok(operator && admin, "the dev stack builds the operator pattern");
        const q = { caller: operator.arn, callerPolicies: operator.policies, roleArn: admin.arn, trustPolicy: admin.trust };
        const office = cidrEdges(allowedCidrs("dev", "operatorCidrs")[0]).inside[1];
        const fresh = { mfa: true, extra: { "aws:MultiFactorAuthAge": "60" } };
        assert.deepStrictEqual(
            {
                officeFreshMfa: await assumeRole({ ...q, context: at(office, fresh) }),
                officeNoMfa: await assumeRole({ ...q, context: at(office) }),
                officeStaleMfa: await assumeRole({ ...q, context: at(office, { mfa: true, extra: { "aws:MultiFactorAuthAge": "3601" } }) }),
                elsewhereFreshMfa: await assumeRole({ ...q, context: at("203.0.113.50", fresh) }),
            },
            { officeFreshMfa: "Allowed", officeNoMfa: "ExplicitlyDenied", officeStaleMfa: "ImplicitlyDenied", elsewhereFreshMfa: "ExplicitlyDenied" },
        );
    });
});
