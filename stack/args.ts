/**
 * The program's components, as arguments built from the validated config: one place for what the
 * program (index.ts) registers and for what its config validation measures (stack/quotas.ts), so
 * that the documents checked against IAM's quotas are the documents the program would deploy.
 */
import * as pulumi from "@pulumi/pulumi";

import { AssumeOnlyUserArgs, GuardedRoleArgs, MfaEnrolmentRoleArgs, operatorAdminRole, operatorMfaEnrolment, operatorUser } from "../components";
import type { StackConfig } from "./config";

/** The IAM names of the stack's users and roles. */
export interface StackNames {
    readonly user: string;
    readonly role: string;
    readonly operatorUser: string;
    readonly operatorRole: string;
    readonly operatorMfaRole: string;
}

/** The names: the user as configured (`<namePrefix>-user` unless set), the rest from the prefix. */
export function stackNames(cfg: StackConfig): StackNames {
    const p = cfg.namePrefix;
    return { user: cfg.userName, role: `${p}-connector`, operatorUser: `${p}-operator`, operatorRole: `${p}-operator-admin`, operatorMfaRole: `${p}-operator-mfa` };
}

/** The connector's assume-only user, which may assume `roleArn` (the connector role's). */
export function connectorUserArgs(cfg: StackConfig, names: StackNames, roleArn: pulumi.Input<string>): AssumeOnlyUserArgs {
    return {
        userName: names.user,
        roleArns: [roleArn],
        allowedSourceCidrs: cfg.allowedCidrs,
        requireMfa: cfg.requireMfa,
        createAccessKey: cfg.createAccessKey,
        pgpKey: cfg.pgpKey,
    };
}

/** The connector role, trusting `userArn` (the connector user's) and the additional principals. */
export function connectorRoleArgs(cfg: StackConfig, names: StackNames, userArn: pulumi.Input<string>): GuardedRoleArgs {
    return {
        roleName: names.role,
        description: `Assumed by ${names.user} from allowed networks; reads and writes ${cfg.tableName}.`,
        trustedPrincipals: [userArn, ...cfg.additionalPrincipals],
        sourceCidrs: cfg.allowedCidrs,
        externalIds: [...cfg.externalIds],
        requireMfa: cfg.requireMfa,
        maxMfaAgeSeconds: cfg.maxMfaAgeSeconds,
        maxSessionDuration: cfg.sessionDurationSeconds,
    };
}

/** The operator's assume-only user, which may assume `adminRoleArn`. */
export function operatorUserArgs(cfg: StackConfig, names: StackNames, adminRoleArn: pulumi.Input<string>): AssumeOnlyUserArgs {
    return { userName: names.operatorUser, ...operatorUser({ adminRoleArn, officeCidrs: cfg.operatorCidrs }) };
}

/** The operator's admin role, trusting `operatorArn` (the operator user's). */
export function operatorRoleArgs(cfg: StackConfig, names: StackNames, operatorArn: pulumi.Input<string>, partition: pulumi.Input<string>): GuardedRoleArgs {
    return { ...operatorAdminRole({ operatorArns: [operatorArn], officeCidrs: cfg.operatorCidrs, partition }), roleName: names.operatorRole };
}

/** The role the configured administrators assume to enrol the operator's MFA device. */
export function operatorMfaArgs(cfg: StackConfig, names: StackNames): MfaEnrolmentRoleArgs {
    return { ...operatorMfaEnrolment({ operatorUserNames: [names.operatorUser], administrators: [...cfg.operatorMfaAdministrators], officeCidrs: cfg.operatorCidrs }), roleName: names.operatorMfaRole };
}
