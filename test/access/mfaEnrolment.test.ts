/**
 * Proofs on the documents the dev stack emits with `operatorMfaAdministrators`: the operator's own key
 * cannot touch its MFA devices (so a leaked key cannot enrol the attacker's), cannot assume the
 * enrolment role, and an administrator enrols the operator's device, and no one else's, only from
 * the office with fresh MFA.
 */
import * as assert from "assert";

import { assumeRole, Decision, evaluate, RequestContext } from "../support/simulate";
import { allowedCidrs, cidrEdges, EmittedRole, EmittedStack, emittedStack, EmittedUser, named } from "./emitted";

const ACCOUNT = "123456789012";
const ADMIN = `arn:aws:iam::${ACCOUNT}:user/alice-admin`;
/** An administrator's own policy: it may assume any role (the enrolment role's trust is what limits it). */
const ADMIN_POLICY = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] };
const FOREIGN_IP = "192.0.2.50";
const OPERATOR_DEVICE = `arn:aws:iam::${ACCOUNT}:mfa/assume-guard-dev-operator`;
const FRESH = { mfa: true, extra: { "aws:MultiFactorAuthAge": "60" } };

describe("access proofs (dev, operatorMfaAdministrators): enrolling the operator's MFA device", () => {
    let s: EmittedStack;
    let operator: EmittedUser;
    let enrolment: EmittedRole;
    let office: string;
    const at = (sourceIp: string, extra: Partial<RequestContext> = {}): RequestContext => ({ sourceIp, mfa: null, viaAwsService: false, ...extra });

    before(async () => {
        s = await emittedStack("dev", { "assume-guard:operatorMfaAdministrators": JSON.stringify([ADMIN]) });
        operator = named(s.users, "assume-guard-dev-operator");
        enrolment = named(s.roles, "assume-guard-dev-operator-mfa");
        office = cidrEdges(allowedCidrs("dev", "operatorCidrs")[0]).inside[0];
    });

    it("Proof: the operator's key cannot create, enable, deactivate or delete an MFA device on itself, from the office or elsewhere", async () => {
        const seen: Record<string, Decision> = {};
        for (const [where, ip] of [["office", office], ["elsewhere", FOREIGN_IP]]) {
            // aws:username is what IAM fills in for the user's own requests (policies written with ${aws:username} match it).
            const context = at(ip, { mfa: true, extra: { "aws:username": operator.name } });
            const ask = (action: string, resource: string) => evaluate({ principal: operator.arn, action, resource, identityPolicies: operator.policies, context });
            seen[`create ${where}`] = await ask("iam:CreateVirtualMFADevice", OPERATOR_DEVICE);
            seen[`enable ${where}`] = await ask("iam:EnableMFADevice", operator.arn);
            seen[`deactivate ${where}`] = await ask("iam:DeactivateMFADevice", operator.arn);
            seen[`delete ${where}`] = await ask("iam:DeleteVirtualMFADevice", OPERATOR_DEVICE);
        }
        assert.deepStrictEqual(seen, {
            "create office": "ImplicitlyDenied",
            "enable office": "ImplicitlyDenied",
            "deactivate office": "ImplicitlyDenied",
            "delete office": "ImplicitlyDenied",
            "create elsewhere": "ExplicitlyDenied",
            "enable elsewhere": "ExplicitlyDenied",
            "deactivate elsewhere": "ExplicitlyDenied",
            "delete elsewhere": "ExplicitlyDenied",
        });
    });

    it("Proof: the operator's key cannot assume the enrolment role; an administrator can, only from the office with fresh MFA", async () => {
        const q = { roleArn: enrolment.arn, trustPolicy: enrolment.trust };
        const asOperator = { ...q, caller: operator.arn, callerPolicies: operator.policies };
        const asAdmin = { ...q, caller: ADMIN, callerPolicies: [ADMIN_POLICY] };
        assert.deepStrictEqual(
            {
                operatorOfficeFreshMfa: await assumeRole({ ...asOperator, context: at(office, FRESH) }),
                adminOfficeFreshMfa: await assumeRole({ ...asAdmin, context: at(office, FRESH) }),
                adminOfficeNoMfa: await assumeRole({ ...asAdmin, context: at(office) }),
                adminOfficeStaleMfa: await assumeRole({ ...asAdmin, context: at(office, { mfa: true, extra: { "aws:MultiFactorAuthAge": "3601" } }) }),
                adminElsewhereFreshMfa: await assumeRole({ ...asAdmin, context: at(FOREIGN_IP, FRESH) }),
            },
            { operatorOfficeFreshMfa: "ImplicitlyDenied", adminOfficeFreshMfa: "Allowed", adminOfficeNoMfa: "ImplicitlyDenied", adminOfficeStaleMfa: "ImplicitlyDenied", adminElsewhereFreshMfa: "ImplicitlyDenied" },
        );
    });

    it("Proof: an enrolment session manages the operator's device, and no one else's", async () => {
        const session = enrolment.arn.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/") + "/alice-admin";
        const ask = (action: string, resource: string) => evaluate({ principal: session, action, resource, identityPolicies: enrolment.policies, context: at(office, FRESH) });
        const other = `arn:aws:iam::${ACCOUNT}:user/assume-guard-dev-user`;
        assert.deepStrictEqual(
            {
                createOperatorDevice: await ask("iam:CreateVirtualMFADevice", OPERATOR_DEVICE),
                enableOnOperator: await ask("iam:EnableMFADevice", operator.arn),
                deactivateOnOperator: await ask("iam:DeactivateMFADevice", operator.arn),
                deleteOperatorDevice: await ask("iam:DeleteVirtualMFADevice", OPERATOR_DEVICE),
                createOtherDevice: await ask("iam:CreateVirtualMFADevice", `arn:aws:iam::${ACCOUNT}:mfa/assume-guard-dev-user`),
                enableOnConnector: await ask("iam:EnableMFADevice", other),
                createAccessKeyForOperator: await ask("iam:CreateAccessKey", operator.arn),
            },
            {
                createOperatorDevice: "Allowed",
                enableOnOperator: "Allowed",
                deactivateOnOperator: "Allowed",
                deleteOperatorDevice: "Allowed",
                createOtherDevice: "ImplicitlyDenied",
                enableOnConnector: "ImplicitlyDenied",
                createAccessKeyForOperator: "ImplicitlyDenied",
            },
        );
    });
});
