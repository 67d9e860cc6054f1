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
                { name: "alice", direct: [], roles: [entry("reader", roleArn("reader")), entry("batch-b", roleArn("batch-b")), entry("batch-a", roleArn("batch-a"))] },
                { name: "bob", direct: [], roles: [entry("pending", "role/pending")] },
                { name: "carol", direct: [], roles: [entry("other", roleArn("other"))] },
            ],
        });
    });

    it("shows what a user reaches with its key alone: its own policies (assume-role actions left out), its groups', and resource policies that admit it", () => {
        const group = "analysts";
        const bucket = "arn:aws:s3:::reports";
        const resources: HostResource[] = [
            role("reader", roleArn("reader")),
            ...user("dave", [roleArn("reader")]),
            {
                urn: urn("aws:iam/userPolicy:UserPolicy", "dave-extra"),
                type: "aws:iam/userPolicy:UserPolicy",
                name: "dave-extra",
                props: {
                    user: "dave",
                    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["sts:AssumeRole", "dynamodb:GetItem"], Resource: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders` }] }),
                },
            },
            { urn: urn("aws:iam/group:Group", group), type: "aws:iam/group:Group", name: group, props: { name: group } },
            { urn: urn("aws:iam/userGroupMembership:UserGroupMembership", "dave-in"), type: "aws:iam/userGroupMembership:UserGroupMembership", name: "dave-in", props: { user: "dave", groups: [group] } },
            {
                urn: urn("aws:iam/groupPolicy:GroupPolicy", "analysts-read"),
                type: "aws:iam/groupPolicy:GroupPolicy",
                name: "analysts-read",
                props: { group, policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }] }) },
            },
            {
                urn: urn("aws:s3/bucketPolicy:BucketPolicy", "reports"),
                type: "aws:s3/bucketPolicy:BucketPolicy",
                name: "reports",
                props: {
                    bucket: "reports",
                    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/dave` }, Action: "s3:GetObject", Resource: `${bucket}/*` }] }),
                },
            },
        ];
        const dave = buildAccessMap(resources).users.find(u => u.name === "dave");
        assert.deepStrictEqual(dave, {
            name: "dave",
            direct: [
                { via: "inline UserPolicy 'dave-extra'", reaches: [{ kind: "table", resource: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`, actions: ["dynamodb:GetItem"] }] },
                { via: "inline GroupPolicy 'analysts-read', of group 'analysts'", reaches: [{ kind: "everything", resource: "*", actions: ["all but iam:*"] }] },
                { via: "resource policy BucketPolicy 'reports'", reaches: [{ kind: "objects", resource: `${bucket}/*`, actions: ["s3:GetObject"] }] },
            ],
            roles: [{ name: "reader", arn: roleArn("reader"), conditions: MFA, reaches: [] }],
        });
    });
});
