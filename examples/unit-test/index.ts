// A program in top-level style built from the components: one assume-only user, the role it may
// assume from one network, and the table the role may read. index.test.ts unit-tests it.
import { arns, AssumeOnlyUser, currentScope, GuardedRole, ScopedTable } from "assume-guard";

const officeCidrs = ["52.94.76.0/22"];
const roleName = "reporting-reader";

const user = new AssumeOnlyUser("reporting", {
    roleArns: [currentScope().apply(s => arns.roleArn(s, roleName))],
    allowedSourceCidrs: officeCidrs,
});
const role = new GuardedRole("reporting", { roleName, trustedPrincipals: [user.userArn], sourceCidrs: officeCidrs });
const table = new ScopedTable("reports", { hashKey: { name: "id" } });
table.grantRead(role);

export const roleArn = role.roleArn;
export const tableName = table.tableName;
