/**
 * Hardening fuzz: stacks of every resource type the pack reads, with props of random shapes and
 * types (wrong types, nested junk, huge strings, null, lists where objects belong, unknown and secret
 * sentinels) mixed with valid values, run through the host as the engine would.
 * - The pack never throws: `runPolicies` always resolves.
 * - It fails closed: a user's inline policy or a role's trust policy that cannot be read always
 *   yields a mandatory violation about that resource.
 * `AG_FUZZ_RUNS` sets the number of stacks (default 150); `AG_FUZZ_SEED` overrides the pinned seed.
 */
import * as assert from "assert";
import * as fc from "fast-check";

import { HostResource, runPolicies } from "../../policypack/host";
import { policies } from "../../policypack/policies";
import { fuzzResource } from "./stacks";

const RUNS = Number(process.env.AG_FUZZ_RUNS ?? "150");
const SEED = Number(process.env.AG_FUZZ_SEED ?? "20261123");

/** The runtime's sentinels: a value unknown during preview, and a secret's envelope key and signature. */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

type Kind = "doc" | "ref" | "refs" | "arn" | "arns" | "name" | "bool" | "seconds" | "pitr" | "inlinePolicies";

/** Every type the pack reads, and the props it reads from each. */
const SCHEMA: Readonly<Record<string, Readonly<Record<string, Kind>>>> = {
    "aws:iam/user:User": { name: "name", arn: "arn" },
    "aws:iam/group:Group": { name: "name", arn: "arn" },
    "aws:iam/role:Role": { name: "name", arn: "arn", assumeRolePolicy: "doc", inlinePolicies: "inlinePolicies", managedPolicyArns: "arns", maxSessionDuration: "seconds", permissionsBoundary: "arn" },
    "aws:iam/policy:Policy": { name: "name", arn: "arn", policy: "doc" },
    "aws:iam/userPolicy:UserPolicy": { user: "ref", policy: "doc" },
    "aws:iam/groupPolicy:GroupPolicy": { group: "ref", policy: "doc" },
    "aws:iam/rolePolicy:RolePolicy": { role: "ref", policy: "doc" },
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": { user: "ref", policyArn: "arn" },
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": { userName: "ref", policyArns: "arns" },
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": { group: "ref", policyArn: "arn" },
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive": { groupName: "ref", policyArns: "arns" },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { role: "ref", policyArn: "arn" },
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": { roleName: "ref", policyArns: "arns" },
    "aws:iam/policyAttachment:PolicyAttachment": { users: "refs", groups: "refs", roles: "refs", policyArn: "arn" },
    "aws:iam/groupMembership:GroupMembership": { group: "ref", users: "refs" },
    "aws:iam/userGroupMembership:UserGroupMembership": { user: "ref", groups: "refs" },
    "aws:s3/bucketPolicy:BucketPolicy": { bucket: "name", policy: "doc" },
    "aws:s3/bucket:Bucket": { bucket: "name", policy: "doc" },
    "aws:s3/bucketV2:BucketV2": { bucket: "name", policy: "doc" },
    "aws:dynamodb/resourcePolicy:ResourcePolicy": { resourceArn: "arn", policy: "doc" },
    "aws:sqs/queuePolicy:QueuePolicy": { queueUrl: "name", policy: "doc" },
    "aws:secretsmanager/secretPolicy:SecretPolicy": { secretArn: "arn", policy: "doc" },
    "aws:kms/key:Key": { policy: "doc" },
    "aws:kms/keyPolicy:KeyPolicy": { keyId: "name", policy: "doc" },
    "aws:dynamodb/table:Table": { name: "name", arn: "arn", pointInTimeRecovery: "pitr", deletionProtectionEnabled: "bool" },
};

const NAMES = ["alice", "Alice", "devs", "app-role", "fuzz-policy", "items"];
const ARNS = [
    "arn:aws:iam::111111111111:user/alice",
    "arn:aws:iam::111111111111:role/app-role",
    "arn:aws:iam::111111111111:policy/fuzz-policy",
    "arn:aws:iam::aws:policy/AdministratorAccess",
    "arn:aws:iam::aws:policy/NoSuchPolicyFromTheFuture",
    "arn:aws:iam::222222222222:policy/external",
    "arn:aws:dynamodb:eu-west-1:111111111111:table/items",
];
const DOCS: readonly Record<string, unknown>[] = [
    { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "arn:aws:iam::111111111111:role/app-role" }] },
    { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "dynamodb:*", Resource: "*" } },
    { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:user/alice" }, Action: "sts:AssumeRole", Condition: { IpAddress: { "aws:SourceIp": "198.51.100.0/24" } } }] },
    { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] },
];

/** Junk: anything JSON can carry, and the shapes most likely to trip a reader. */
const junk: fc.Arbitrary<unknown> = fc.letrec<{ junk: unknown }>(tie => ({
    junk: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.constant(null),
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.string(),
        fc.constantFrom("", "*", UNKNOWN, "{", '{"Statement":', "[1,2]", "null", '"a string"', "{}", '{"Statement":[]}', '{"Statement":null}', '{"statement":{},"STATEMENT":{}}'),
        fc.constant("x".repeat(300_000)),
        fc.jsonValue({ maxDepth: 3 }),
        fc.array(tie("junk"), { maxLength: 4 }),
        fc.dictionary(fc.constantFrom("Statement", "Effect", "Action", "NotAction", "Resource", "Principal", "Condition", "__proto__", "constructor", "toString", "policy", "name"), tie("junk"), { maxKeys: 4 }),
        tie("junk").map(value => ({ [SIG_KEY]: SECRET_SIG, value: value ?? null })),
        fc.constant(deeplyNested(200)),
    ),
})).junk;

function deeplyNested(depth: number): unknown {
    let v: unknown = { Effect: "Allow", Action: "*", Resource: "*" };
    for (let i = 0; i < depth; i++) {
        v = { Statement: [v] };
    }
    return v;
}

/** A statement with junk in one element, inside an otherwise valid document. */
const junkStatement: fc.Arbitrary<unknown> = fc
    .record({ element: fc.constantFrom("Effect", "Action", "NotAction", "Resource", "Principal", "Condition", "Sid"), value: junk })
    .map(({ element, value }) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*", [element]: value }] }));

const valid: Readonly<Record<Kind, fc.Arbitrary<unknown>>> = {
    doc: fc.oneof(fc.constantFrom(...DOCS), fc.constantFrom(...DOCS).map(d => JSON.stringify(d))),
    ref: fc.constantFrom(...NAMES, ...ARNS.slice(0, 2)),
    refs: fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 }),
    arn: fc.constantFrom(...ARNS),
    arns: fc.array(fc.constantFrom(...ARNS), { maxLength: 3 }),
    name: fc.constantFrom(...NAMES),
    bool: fc.boolean(),
    seconds: fc.constantFrom(3600, 7200, 43200),
    pitr: fc.boolean().map(enabled => ({ enabled })),
    inlinePolicies: fc.array(fc.record({ name: fc.constant("inline"), policy: fc.constantFrom(...DOCS.map(d => JSON.stringify(d))) }), { maxLength: 2 }),
};

/** A prop value: valid for its kind, junk, a junk statement (documents), the unknown sentinel, or absent. */
function propValue(kind: Kind): fc.Arbitrary<{ value: unknown; unreadable: boolean }> {
    const unreadableDoc = kind === "doc";
    return fc.oneof(
        { weight: 4, arbitrary: valid[kind].map(value => ({ value, unreadable: false })) },
        { weight: 3, arbitrary: junk.map(value => ({ value, unreadable: unreadableDoc && !isReadableDocument(value) })) },
        { weight: kind === "doc" ? 2 : 0, arbitrary: junkStatement.map(value => ({ value, unreadable: false })) },
        { weight: 1, arbitrary: fc.constant({ value: UNKNOWN, unreadable: unreadableDoc }) },
        { weight: 1, arbitrary: fc.constant({ value: undefined, unreadable: unreadableDoc }) },
    );
}

/**
 * True unless the value certainly cannot be a policy document: only JSON objects (or their text)
 * with a `Statement` may be. Whether the statements themselves are valid is not decided here.
 */
function isReadableDocument(value: unknown): boolean {
    let v = value;
    if (v !== null && typeof v === "object" && !Array.isArray(v) && SIG_KEY in v) {
        v = (v as Record<string, unknown>).value;
    }
    if (typeof v === "string") {
        try {
            v = JSON.parse(v);
        } catch {
            return false;
        }
    }
    return v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).some(k => k.toLowerCase() === "statement");
}

/** A resource of a random type with random props, and the props that must fail closed. */
interface FuzzedResource {
    readonly resource: HostResource;
    readonly unreadable: readonly string[];
}

const fuzzedResource: fc.Arbitrary<FuzzedResource> = fc
    .tuple(fc.constantFrom(...Object.keys(SCHEMA)), fc.nat(999))
    .chain(([type, n]) => {
        const fields = Object.entries(SCHEMA[type]);
        return fc.tuple(...fields.map(([, kind]) => propValue(kind))).map(values => {
            const props: Record<string, unknown> = {};
            const unreadable: string[] = [];
            fields.forEach(([field], i) => {
                if (values[i].value !== undefined) {
                    props[field] = values[i].value;
                }
                if (values[i].unreadable) {
                    unreadable.push(field);
                }
            });
            return { resource: fuzzResource(type, `r${n}-${type.slice(type.lastIndexOf(":") + 1).toLowerCase()}`, props), unreadable };
        });
    });

/** Resources whose unreadable document must yield a mandatory violation, and from which rule. */
function mustFailClosed(r: FuzzedResource): string | undefined {
    const { type, props } = r.resource;
    if (type === "aws:iam/role:Role" && r.unreadable.includes("assumeRolePolicy")) {
        return "iam-role-trust-requires-conditions";
    }
    if (type === "aws:iam/userPolicy:UserPolicy" && r.unreadable.includes("policy") && typeof props.user === "string" && props.user !== "" && props.user !== UNKNOWN) {
        return "iam-user-no-direct-data-access";
    }
    return undefined;
}

describe("fuzz: the pack never throws on malformed props and fails closed", function () {
    this.timeout(0);

    it(`Noncompliance: random props of every type the pack reads (${RUNS} stacks, seed ${SEED})`, async () => {
        let failClosedChecks = 0;
        const crashes = new Map<string, number>();
        await fc.assert(
            fc.asyncProperty(fc.uniqueArray(fuzzedResource, { minLength: 1, maxLength: 6, selector: r => r.resource.urn }), async stack => {
                const { diagnostics } = await runPolicies(
                    policies,
                    stack.map(r => r.resource),
                );
                for (const d of diagnostics.filter(d => d.message.includes(" failed while judging "))) {
                    // The rule kit turned an exception into a violation (fail closed); keep one line per kind for the log.
                    const kind = d.message.replace(/'[^']*'/g, "'…'").slice(0, 200);
                    crashes.set(kind, (crashes.get(kind) ?? 0) + 1);
                }
                for (const r of stack) {
                    const rule = mustFailClosed(r);
                    if (rule) {
                        failClosedChecks++;
                        const about = diagnostics.filter(d => d.policyName === rule && d.enforcementLevel === "mandatory" && (d.urn === r.resource.urn || d.message.includes(`'${r.resource.name}'`)));
                        assert.ok(about.length > 0, `${r.resource.type} ${r.resource.name} has an unreadable ${r.unreadable.join(", ")} but ${rule} reported nothing about it:\n${diagnostics.map(d => `${d.policyName}: ${d.message}`).join("\n")}`);
                    }
                }
            }),
            { seed: SEED, numRuns: RUNS, endOnFailure: true },
        );
        const total = [...crashes.values()].reduce((a, b) => a + b, 0);
        console.log(`      ${RUNS} stacks, ${failClosedChecks} unreadable documents each reported; ${total} rule failures turned into violations`);
        crashes.forEach((n, kind) => console.log(`        ${n} × ${kind}`));
    });
});
