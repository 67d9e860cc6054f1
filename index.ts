/**
 * The assume-guard program for one environment (`pulumi up --stack dev|prod`):
 *
 *   access key ──▶ AssumeOnlyUser ──sts:AssumeRole──▶ GuardedRole ──read/write──▶ ScopedTable
 *                  (only AssumeRole;    (trusts the user only    (one table and its
 *                   denied off-network)  from allowedCidrs, …)    indexes, nothing else)
 *
 * Config is validated before anything is registered (see stack/config.ts and Pulumi.yaml).
 */
import * as pulumi from "@pulumi/pulumi";

import { arns, AssumeOnlyUser, currentScope, GuardedRole, mfaDeviceArn, renderCliProfile, ScopedTable } from "./components";
import { parseStackConfig } from "./stack/config";

export = async () => {
    const cfg = parseStackConfig(pulumi.runtime.allConfig(), pulumi.getStack());
    const names = { user: `${cfg.namePrefix}-user`, role: `${cfg.namePrefix}-connector` };
    const scope = currentScope().apply(s => {
        if (cfg.accountId !== undefined && s.accountId !== cfg.accountId) {
            throw new Error(
                `assume-guard:accountId is ${cfg.accountId} but the AWS credentials belong to account ${s.accountId}. ` +
                    "Fix: switch credentials (AWS_PROFILE) or correct assume-guard:accountId.",
            );
        }
        return s;
    });

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

    const awsCliProfile = pulumi.all([scope, role.roleArn]).apply(([s, roleArn]) =>
        renderCliProfile({
            profileName: names.role,
            roleArn,
            sourceProfile: names.user,
            mfaSerial: cfg.requireMfa ? mfaDeviceArn(s.partition, s.accountId, names.user) : undefined,
            externalId: cfg.externalIds[0],
            durationSeconds: cfg.sessionDurationSeconds,
            region: s.region,
        }),
    );
    return {
        roleArn: role.roleArn,
        userName: user.userName,
        accessKeyId: user.accessKeyId,
        secretAccessKey: user.secretAccessKey,
        tableName: table.tableName,
        tableArn: table.tableArn,
        awsCliProfile,
    };
};
