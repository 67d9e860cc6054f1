/**
 * The program's documents against IAM's quotas, from the config alone, before anything is
 * registered. The documents are rendered exactly as the program renders them (stack/args.ts and the
 * components' own renderers), with a stand-in account ID: every account ID has 12 digits, and the
 * partition follows `aws:region`, so the count is the count AWS would make. A CIDR list that makes a
 * document too long is refused with the key, the count, the quota and the fix.
 */
import { assumeOnlyUserDocument, userPolicyHolder } from "../components/assumeOnlyUser";
import { trustDocument } from "../components/guardedRole";
import { partitionOfRegion, roleArn, userArn } from "../components/iam/arns";
import { Quota, trustQuota } from "../components/quotas";
import { InvalidArgumentError } from "../components/validation";
import { formatCount, policyChars } from "../policypack/lib/quotas";
import { connectorRoleArgs, connectorUserArgs, operatorRoleArgs, operatorUserArgs, stackNames } from "./args";
import type { StackConfig } from "./config";

/** One rendered document, the config key whose list grows it, and its quota. */
interface Measured {
    readonly key: "allowedCidrs" | "operatorCidrs";
    readonly what: string;
    readonly doc: string;
    readonly quota: Quota;
}

/** Throws {@link InvalidArgumentError} when a document the program would deploy is over its IAM quota. */
export function checkStackQuotas(cfg: StackConfig, region: string, project: string): void {
    const scope = { partition: partitionOfRegion(region), accountId: "000000000000" };
    const names = stackNames(cfg);
    const connectorRole = roleArn(scope, names.role);
    const connectorUser = userArn(scope, names.user);
    const user = connectorUserArgs(cfg, names, connectorRole);
    const role = connectorRoleArgs(cfg, names, connectorUser);
    const measured: Measured[] = [
        { key: "allowedCidrs", what: `the connector user's ${userPolicyHolder(user).noun}`, doc: assumeOnlyUserDocument(user, [connectorRole]), quota: userPolicyHolder(user).quota },
        { key: "allowedCidrs", what: "the connector role's trust policy", doc: trustDocument(role, scope.partition, [connectorUser, ...cfg.additionalPrincipals], cfg.externalIds), quota: trustQuota() },
    ];
    if (cfg.operatorCidrs.length > 0) {
        const adminRole = roleArn(scope, names.operatorRole);
        const operator = userArn(scope, names.operatorUser);
        const admin = operatorRoleArgs(cfg, names, operator, scope.partition);
        const operatorArgs = operatorUserArgs(cfg, names, adminRole);
        measured.push(
            { key: "operatorCidrs", what: `the operator user's ${userPolicyHolder(operatorArgs).noun}`, doc: assumeOnlyUserDocument(operatorArgs, [adminRole]), quota: userPolicyHolder(operatorArgs).quota },
            { key: "operatorCidrs", what: "the operator role's trust policy", doc: trustDocument(admin, scope.partition, [operator], []), quota: trustQuota() },
        );
    }
    const over = measured.filter(m => policyChars(m.doc) > m.quota.limit);
    if (over.length === 0) {
        return;
    }
    const key = over[0].key;
    const found = over.filter(m => m.key === key).map(m => `${m.what} ${formatCount(policyChars(m.doc))} characters (IAM's quota for ${m.quota.of}: ${formatCount(m.quota.limit)})`);
    throw new InvalidArgumentError(
        `${project}:${key}: ${cfg[key].length} CIDRs make ${found.join(" and ")}, counted without white space as AWS counts them, so AWS would refuse the stack at pulumi up. ` +
            `Fix: list fewer, wider ranges in ${project}:${key} (merge neighbouring networks into one CIDR); for CI, use an OIDC role instead of IP lists.`,
    );
}
