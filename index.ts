/**
 * The assume-guard program for one environment (`pulumi up --stack dev|prod`):
 *
 *   access key ──▶ AssumeOnlyUser ──sts:AssumeRole──▶ GuardedRole ──read/write──▶ ScopedTable
 *                  (only AssumeRole;    (trusts the user only    (one table and its
 *                   denied off-network)  from allowedCidrs, …)    indexes, nothing else)
 *
 * With `operatorCidrs`, it also builds the operator pattern: an assume-only operator user and an
 * AdministratorAccess role it may assume only from the office and only with fresh MFA; with
 * `operatorMfaAdministrators`, the role those administrators assume to enrol the operator's MFA device.
 *
 * Config is validated before anything is registered (see stack/config.ts and Pulumi.yaml). CIDRs
 * still holding the example stacks' documentation ranges get a warning in every preview, and
 * `pulumi up` refuses them before anything is registered (stack/exampleCidrs.ts).
 */
import * as pulumi from "@pulumi/pulumi";

import { arns, AssumeOnlyUser, currentScope, GuardedRole, InvalidArgumentError, MfaEnrolmentRole, mfaDeviceArn, RegionalScope, renderCliProfile, ScopedTable } from "./components";
import { connectorRoleArgs, connectorUserArgs, operatorMfaArgs, operatorRoleArgs, operatorUserArgs, stackNames } from "./stack/args";
import { parseStackConfig, PROJECT, StackConfig } from "./stack/config";
import { exampleCidrs, exampleCidrsMessage } from "./stack/exampleCidrs";

export = async () => {
    const cfg = parseStackConfig(pulumi.runtime.allConfig(), pulumi.getStack());
    const examples = exampleCidrs(cfg);
    if (examples.length > 0) {
        if (!pulumi.runtime.isDryRun()) {
            throw new InvalidArgumentError(exampleCidrsMessage(PROJECT, examples, "up"));
        }
        void pulumi.log.warn(exampleCidrsMessage(PROJECT, examples, "preview"));
    }
    const scope = currentScope().apply(s => checkAccount(cfg, s));
    const names = stackNames(cfg);

    // The role's ARN from its name: the user's policy must name it before the role exists.
    const user = new AssumeOnlyUser("connector", connectorUserArgs(cfg, names, scope.apply(s => arns.roleArn(s, names.role))));
    const role = new GuardedRole("connector", connectorRoleArgs(cfg, names, user.userArn));
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
    const operator: Record<string, pulumi.Output<string | undefined>> = {};
    if (cfg.operatorCidrs.length > 0) {
        const operatorUser = new AssumeOnlyUser("operator", operatorUserArgs(cfg, names, scope.apply(s => arns.roleArn(s, names.operatorRole))));
        const admin = new GuardedRole("operator-admin", operatorRoleArgs(cfg, names, operatorUser.userArn, scope.partition));
        profiles["operator"] = profile(scope, admin, names.operatorUser, { mfa: true, durationSeconds: 3600 });
        // The operator's key, as the connector's: the secret stays a Pulumi secret.
        Object.assign(operator, { operatorUserName: operatorUser.userName, operatorAccessKeyId: operatorUser.accessKeyId, operatorSecretAccessKey: operatorUser.secretAccessKey });
        if (cfg.operatorMfaAdministrators.length > 0) {
            operator["operatorMfaEnrolmentRoleArn"] = new MfaEnrolmentRole("operator-mfa", operatorMfaArgs(cfg, names)).roleArn;
        }
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
        ...operator,
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
