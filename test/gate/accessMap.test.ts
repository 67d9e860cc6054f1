import * as assert from "assert";

import { buildAccessMap } from "../../gate/accessMap";
import { HostResource } from "../../policypack/host";

const ACCOUNT = "123456789012";
const urn = (type: string, name: string) => `urn:pulumi:test::test::${type}::${name}`;

function user(name: string, assumable: string[]): HostResource[] {
    const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: assumable }] };
    return [
        { urn: urn("aws:iam/user:User", name), type: "aws:iam/user:User", name, props: { name, arn: `arn:aws:iam::${ACCOUNT}:user/${name}` } },
        { urn: urn("aws:iam/userPolicy:UserPolicy", `${name}-assume`), type: "aws:iam/userPolicy:UserPolicy", name: `${name}-assume`, props: { user: name, policy: JSON.stringify(policy) } },
    ];
}

/** A role trusting the account's root under MFA; `arn` undefined: not known yet. */
function role(name: string, arn: string | undefined): HostResource {
    const trust = {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }],
    };
    return { urn: urn("aws:iam/role:Role", name), type: "aws:iam/role:Role", name, props: { name, ...(arn ? { arn } : {}), assumeRolePolicy: JSON.stringify(trust) } };
}

const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const MFA = { sourceCidrs: [], externalIds: [], mfa: true, mfaMaxAgeSeconds: undefined, other: [] };

describe("gate/accessMap", () => {
    it("finds the roles a user may assume by exact ARN, by wildcard, and by name when the role's ARN is not known yet", () => {
        const resources = [
            role("reader", roleArn("reader")),
            role("batch-b", roleArn("batch-b")),
            role("other", roleArn("other")),
            role("batch-a", roleArn("batch-a")),
            role("pending", undefined),
            ...user("alice", [roleArn("reader"), `arn:aws:iam::${ACCOUNT}:role/batch-*`, roleArn("reader")]),
            ...user("bob", [roleArn("pending"), "arn:aws:iam::999999999999:role/other"]),
            ...user("carol", ["arn:aws:iam::*:role/?ther"]),
        ];
        const entry = (name: string, arn: string) => ({ name, arn, conditions: MFA, reaches: [] });
        assert.deepStrictEqual(buildAccessMap(resources), {
            users: [
                { name: "alice", roles: [entry("reader", roleArn("reader")), entry("batch-b", roleArn("batch-b")), entry("batch-a", roleArn("batch-a"))] },
                { name: "bob", roles: [entry("pending", "role/pending")] },
                { name: "carol", roles: [entry("other", roleArn("other"))] },
            ],
        });
    });
});
