/**
 * The assume-guard program for one environment (`pulumi up --stack dev|prod`):
 *
 *   access key ──▶ AssumeOnlyUser ──sts:AssumeRole──▶ GuardedRole ──read/write──▶ ScopedTable
 *                  (only AssumeRole;    (trusts the user only    (one table and its
 *                   denied off-network)  from allowedCidrs, …)    indexes, nothing else)
 *
 * With `operatorCidrs`, it also builds the operator pattern: an assume-only operator user and an
 * AdministratorAccess role it may assume only from the office and only with fresh MFA.
 *
 * Config is validated before anything is registered (see stack/config.ts and Pulumi.yaml).
 */
import * as pulumi from "@pulumi/pulumi";

import {
    arns,
    AssumeOnlyUser,
    currentScope,
    GuardedRole,
    mfaDeviceArn,
    operatorAdminRole,
    operatorUser,
    RegionalScope,
    renderCliProfile,
    ScopedTable,
} from "./components";
import { parseStackConfig, StackConfig } from "./stack/config";

export = async () => {
    const cfg = parseStackConfig(pulumi.runtime.allConfig(), pulumi.getStack());
    const scope = currentScope().apply(s => checkAccount(cfg, s));
    const names = { user: cfg.userName, role: `${cfg.namePrefix}-connector` };

    const user = new AssumeOnlyUser("connector", {
        userName: names.user,
        // The role's ARN from its name: the user's policy must name it before the role exists.
        roleArns: [scope.apply(s => arns.roleArn(s, names.role))],
        allowedSourceCidrs: cfg.allowedCidrs,
        requireMfa: cfg.requireMfa,
        createAccessKey: cfg.createAccessKey,
        pgpKey: cfg.pgpKey,
    });
    const role = new GuardedRole("connector", {
        roleName: names.role,
        description: `Assumed by ${names.user} from allowed networks; reads and writes ${cfg.tableName}.`,
        trustedPrincipals: [user.userArn, ...cfg.additionalPrincipals],
        sourceCidrs: cfg.allowedCidrs,
        externalIds: [...cfg.externalIds],
        requireMfa: cfg.requireMfa,
        maxMfaAgeSeconds: cfg.maxMfaAgeSeconds,
        maxSessionDuration: cfg.sessionDurationSeconds,
    });
    const table = new ScopedTable("data", {
        tableName: cfg.tableName,
        hashKey: cfg.hashKey,
        rangeKey: cfg.rangeKey,
        pointInTimeRecovery: cfg.pointInTimeRecovery,
        deletionProtection: cfg.deletionProtection,
    });
    table.grantReadWrite(role, { listTables: cfg.allowListTables });

    const profiles: Record<string, pulumi.Output<string>> = {
        connector: profile(scope, role, names.user, {
            mfa: cfg.requireMfa,
            externalId: cfg.externalIds[0],
            durationSeconds: cfg.sessionDurationSeconds,
        }),
    };
    if (cfg.operatorCidrs.length > 0) {
        const operatorNames = { user: `${cfg.namePrefix}-operator`, role: `${cfg.namePrefix}-operator-admin` };
        const operator = new AssumeOnlyUser("operator", {
            userName: operatorNames.user,
            ...operatorUser({ adminRoleArn: scope.apply(s => arns.roleArn(s, operatorNames.role)), officeCidrs: cfg.operatorCidrs }),
        });
        const admin = new GuardedRole("operator-admin", {
            ...operatorAdminRole({ operatorArns: [operator.userArn], officeCidrs: cfg.operatorCidrs, partition: scope.partition }),
            roleName: operatorNames.role,
        });
        profiles["operator"] = profile(scope, admin, operatorNames.user, { mfa: true, durationSeconds: 3600 });
    }

    return {
        roleArn: role.roleArn,
        userName: user.userName,
        accessKeyId: user.accessKeyId,
        secretAccessKey: user.secretAccessKey,
        tableName: table.tableName,
        tableArn: table.tableArn,
        awsCliProfile: profiles["connector"],
        awsCliProfiles: profiles,
    };
};

function checkAccount(cfg: StackConfig, scope: RegionalScope): RegionalScope {
    if (cfg.accountId !== undefined && scope.accountId !== cfg.accountId) {
        throw new Error(
            `assume-guard:accountId is ${cfg.accountId} but the AWS credentials belong to account ${scope.accountId}. ` +
                "Fix: switch credentials (AWS_PROFILE) or correct assume-guard:accountId.",
        );
    }
    return scope;
}

/** The `~/.aws/config` block that assumes `role` with the key of `userName` as source profile. */
function profile(
    scope: pulumi.Output<RegionalScope>,
    role: GuardedRole,
    userName: string,
    o: { mfa: boolean; externalId?: string; durationSeconds: number },
): pulumi.Output<string> {
    return pulumi.all([scope, role.roleArn, role.roleName]).apply(([s, roleArn, roleName]) =>
        renderCliProfile({
            profileName: roleName,
            roleArn,
            sourceProfile: userName,
            mfaSerial: o.mfa ? mfaDeviceArn(s.partition, s.accountId, userName) : undefined,
            externalId: o.externalId,
            durationSeconds: o.durationSeconds,
            region: s.region,
        }),
    );
}
