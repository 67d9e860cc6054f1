/**
 * Round three's MFA cases of the bypass corpus (prefix `r3-mfa-`, issue 13 deliverable 10): a user
 * whose own key may enrol (or remove) an MFA device on itself, written as AWS's self-manage sample
 * writes it, on its literal ARN, through a wildcard, through a group, listed in `allowedActions`, or
 * one hop away through a role it assumes without MFA; and the legitimate patterns beside them: an
 * enrolment role trusted by an administrator with MFA and the office network, and a user allowed only
 * to resync and list its devices. Built with the corpus's own kit.
 */
import { ACCOUNT, assume, base, BypassCase, doc, OFFICE, ONLY, Props, Res, T, u, urnOf, USER } from "./bypass-kit";

export const MFA = "iam-user-no-mfa-self-management";

const USER_VAR = `arn:aws:iam::${ACCOUNT}:user/\${aws:username}`;
const MFA_VAR = `arn:aws:iam::${ACCOUNT}:mfa/\${aws:username}`;
const allow = (Action: unknown, Resource: unknown, extra: Props = {}) => ({ Effect: "Allow", Action, Resource, ...extra });

/** The base stack with the user's policy: AssumeRole on the role, and these statements. */
const userPolicy = (...statements: Props[]) => base({ userPolicy: doc(assume, ...statements) });

/** An enrolment role for app-user's device, trusted by `principal` under `condition`. */
function enrolmentRole(principal: string, condition: Props): Res[] {
    const role = urnOf(T.role, "mfa-enrolment");
    const trust = doc({ Effect: "Allow", Principal: { AWS: principal }, Action: "sts:AssumeRole", Condition: condition });
    const policy = doc(allow(["iam:CreateVirtualMFADevice", "iam:DeleteVirtualMFADevice"], `arn:aws:iam::${ACCOUNT}:mfa/app-user`), allow(["iam:EnableMFADevice", "iam:DeactivateMFADevice"], USER));
    return [
        { type: T.role, name: "mfa-enrolment", props: { name: "mfa-enrolment", arn: `arn:aws:iam::${ACCOUNT}:role/mfa-enrolment`, maxSessionDuration: 3600, assumeRolePolicy: trust } },
        { type: T.rolePolicy, name: "mfa-enrolment-devices", props: { role: "mfa-enrolment", name: "mfa-enrolment", policy }, deps: { role: [role] } },
    ];
}

const bypass = (name: string, description: string, mustFire: string[], resources: Res[], config?: BypassCase["config"]): BypassCase => ({
    name: `r3-mfa-${name}`,
    description,
    mustFire,
    resources,
    ...(config ? { config } : {}),
});
const legit = (name: string, description: string, resources: Res[], config?: BypassCase["config"]): BypassCase => ({ name: `r3-mfa-legit-${name}`, description, mustFire: [], resources, ...(config ? { config } : {}) });

/** Round three's MFA cases, bypasses first. */
export const MFA_CASES: readonly BypassCase[] = [
    bypass("enable-username-variable", "iam:EnableMFADevice on user/${aws:username}: the key enrols a device on itself", [MFA, ONLY], userPolicy(allow("iam:EnableMFADevice", USER_VAR))),
    bypass(
        "aws-self-manage-sample",
        "AWS's self-manage sample: create a virtual device on mfa/${aws:username}, enable and resync it on user/${aws:username}",
        [MFA, ONLY],
        userPolicy(allow("iam:CreateVirtualMFADevice", MFA_VAR), allow(["iam:EnableMFADevice", "iam:ResyncMFADevice", "iam:ListMFADevices"], USER_VAR)),
    ),
    bypass("own-arn-deactivate", "DeactivateMFADevice and DeleteVirtualMFADevice on the user's own ARN and mfa/*: the key removes the owner's device", [MFA, ONLY], userPolicy(
        allow("iam:DeactivateMFADevice", USER),
        allow("iam:DeleteVirtualMFADevice", `arn:aws:iam::${ACCOUNT}:mfa/*`),
    )),
    bypass("wildcard-action", "iam:*MFADevice on *", [MFA, ONLY], userPolicy(allow("iam:*MFADevice", "*"))),
    bypass("through-group", "a group the user joins allows creating and enabling MFA devices on *", [MFA, ONLY], [
        ...base(),
        { type: T.group, name: "self-service", props: { name: "self-service", arn: `arn:aws:iam::${ACCOUNT}:group/self-service` } },
        { type: T.userGroups, name: "app-user-self-service", props: { user: "app-user", groups: ["self-service"] }, deps: { user: [u] } },
        { type: T.groupPolicy, name: "self-service-mfa", props: { group: "self-service", policy: doc(allow(["iam:CreateVirtualMFADevice", "iam:EnableMFADevice"], "*")) } },
    ]),
    bypass(
        "allowed-actions-config",
        "allowedActions lists iam:CreateVirtualMFADevice and iam:EnableMFADevice: never accepted, so both user rules fire",
        [MFA, ONLY],
        userPolicy(allow("iam:CreateVirtualMFADevice", MFA_VAR), allow("iam:EnableMFADevice", USER_VAR)),
        { [ONLY]: { allowedActions: ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice"] } },
    ),
    bypass("role-without-mfa", "an enrolment role any user of the account assumes from the office without MFA: one hop to the same enrolment", [MFA], [
        ...base(),
        ...enrolmentRole(`arn:aws:iam::${ACCOUNT}:root`, { IpAddress: { "aws:SourceIp": OFFICE } }),
    ]),
    legit("enrolment-role", "an enrolment role an administrator assumes only with MFA from the office, managing app-user's device", [
        ...base(),
        { type: T.user, name: "alice-admin", props: { name: "alice-admin", path: "/", arn: `arn:aws:iam::${ACCOUNT}:user/alice-admin` } },
        ...enrolmentRole(`arn:aws:iam::${ACCOUNT}:user/alice-admin`, { IpAddress: { "aws:SourceIp": OFFICE }, Bool: { "aws:MultiFactorAuthPresent": "true" }, NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } }),
    ]),
    legit(
        "resync-and-list",
        "the user may resync and list its own devices (resync needs two codes from the device itself), allowed through allowedActions",
        userPolicy(allow(["iam:ResyncMFADevice", "iam:ListMFADevices"], USER_VAR)),
        { [ONLY]: { allowedActions: ["iam:ResyncMFADevice", "iam:ListMFADevices"] } },
    ),
];
