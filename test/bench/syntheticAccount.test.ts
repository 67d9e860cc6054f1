import * as assert from "assert";

import { readAuthorizationDetails } from "../../audit/authorizationDetails";
import { syntheticAccount } from "../../bench/syntheticAccount";

describe("bench/syntheticAccount", () => {
    it("is deterministic, and an export the audit reads whole: the users, roles and policies asked for", () => {
        const size = { users: 60, roles: 40, policies: 40 };
        const text = JSON.stringify(syntheticAccount(size), null, 4);
        assert.strictEqual(JSON.stringify(syntheticAccount(size), null, 4), text);
        const account = readAuthorizationDetails([{ name: "synthetic.json", text }]);
        assert.deepStrictEqual(
            {
                users: account.users.length,
                groups: account.groups.length,
                roles: account.roles.length,
                policies: account.policies.length,
                awsManaged: account.policies.filter(p => p.awsManaged).length,
                bounded: account.users.filter(u => u.boundary).map(u => u.name),
                serviceLinked: account.roles.filter(r => r.path.startsWith("/aws-service-role/")).length,
            },
            { users: 60, groups: 1, roles: 40, policies: 40, awsManaged: 2, bounded: ["user-7", "user-27", "user-47"], serviceLinked: 2 },
        );
    });
});
