/**
 * Ready argument sets for common patterns. They return plain args, so every field stays visible and
 * overridable: `new GuardedRole("ops", { ...operatorAdminRole({...}), roleName: "ops-admin" })`.
 */
import * as pulumi from "@pulumi/pulumi";

import { AssumeOnlyUserArgs } from "./assumeOnlyUser";
import { GuardedRoleArgs } from "./guardedRole";
import { MfaEnrolmentRoleArgs } from "./mfaEnrolmentRole";

/** The operator pattern: an admin role reachable only from the office, only with fresh MFA. */
export interface OperatorAdminOptions {
    /** The operator's assume-only user (or users). */
    readonly operatorArns: pulumi.Input<string>[];
    /** Office CIDRs the operator must call from. */
    readonly officeCidrs: readonly string[];
    /**
     * The oldest MFA sign-in accepted, in seconds.
     * @default 3600
     */
    readonly maxMfaAgeSeconds?: number;
    /**
     * The partition, for the AdministratorAccess ARN.
     * @default "aws"
     */
    readonly partition?: pulumi.Input<string>;
}

/**
 * Args of a GuardedRole for an operator: AdministratorAccess, trusted only from the office CIDRs,
 * only with MFA no older than an hour, for one-hour sessions.
 */
export function operatorAdminRole(o: OperatorAdminOptions): GuardedRoleArgs {
    return {
        trustedPrincipals: o.operatorArns,
        sourceCidrs: o.officeCidrs,
        requireMfa: true,
        maxMfaAgeSeconds: o.maxMfaAgeSeconds ?? 3600,
        maxSessionDuration: 3600,
        managedPolicyArns: [pulumi.interpolate`arn:${o.partition ?? "aws"}:iam::aws:policy/AdministratorAccess`],
        description: "Operator administration: office networks and MFA only.",
    };
}

/** Args of the operator's AssumeOnlyUser: it may assume the admin role, only from the office, only with MFA. */
export function operatorUser(o: { readonly adminRoleArn: pulumi.Input<string>; readonly officeCidrs: readonly string[] }): AssumeOnlyUserArgs {
    return {
        roleArns: [o.adminRoleArn],
        allowedSourceCidrs: o.officeCidrs,
        requireMfa: true,
        createAccessKey: true,
    };
}

/**
 * Args of the MfaEnrolmentRole for the operator's device: administrators (never the operator) assume
 * it only from the office, only with MFA, to enrol the operator's device. The operator's own key can
 * never manage its MFA devices (the pack's iam-user-no-mfa-self-management refuses it).
 */
export function operatorMfaEnrolment(o: {
    readonly operatorUserNames: readonly string[];
    readonly administrators: pulumi.Input<string>[];
    readonly officeCidrs: readonly string[];
}): MfaEnrolmentRoleArgs {
    return { userNames: o.operatorUserNames, administrators: o.administrators, sourceCidrs: o.officeCidrs, maxMfaAgeSeconds: 3600 };
}
