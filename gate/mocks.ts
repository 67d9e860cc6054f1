/**
 * Mocks for the Pulumi runtime that synthesise realistic provider results, so that every document a
 * program builds is known when the pack judges it offline.
 *
 * Account, region and partition come from the stack's config: `<project>:accountId`, else the first
 * of `aws:allowedAccountIds` (default {@link DEFAULT_ACCOUNT_ID}) and `aws:region` (default {@link DEFAULT_REGION}); the partition follows
 * the region. Invokes are answered by gate/invokes: AWS functions that need no cloud are computed as
 * the provider computes them, AWS look-ups answer unknown, answers from an `--invoke-results` file
 * win, and anything else throws an {@link InvokeError} naming the token and the fix.
 */
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";

import { UNKNOWN_VALUE as UNKNOWN_WIRE_VALUE } from "../policypack/lib/runtime";
import { InvokeOptions, Invokes } from "./invokes";

export { InvokeError, InvokeResultsError } from "./invokes";

/** The account ID used when the stack sets neither `<project>:accountId` nor `aws:allowedAccountIds`. */
export const DEFAULT_ACCOUNT_ID = "123456789012";
/** The region used when the stack does not set `aws:region`. */
export const DEFAULT_REGION = "us-east-1";

/** Where the synthesised resources live. */
export interface MockEnvironment {
    readonly accountId: string;
    readonly region: string;
    readonly partition: string;
}

type State = Record<string, unknown>;

/** Options of the mocks. */
export interface MockOptions extends InvokeOptions {
    /**
     * `"synthetic"` (the default): every resource gets realistic outputs (ids, ARNs, unique IDs), so
     * every document is known. `"inputs-only"`: a resource gets only its inputs (plus the name the
     * provider would generate for it when none is given, which a real preview knows too), and every
     * output the synthesiser would compute beyond them (id, arn, uniqueId, …) is the runtime's
     * unknown, as in a first `pulumi preview` of a new stack.
     */
    readonly outputs?: "synthetic" | "inputs-only";
}

/**
 * Builds the mocks for `env`. An `invokeResultsFile` is read and checked here, before anything is
 * registered: a fault throws `InvokeResultsError`.
 */
export function syntheticMocks(env: MockEnvironment, options: MockOptions = {}): pulumi.runtime.Mocks {
    const invokes = new Invokes(env, options);
    const providerIds = new Map<string, number>();
    return {
        newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
            const provider = args.type.startsWith("pulumi:providers:");
            const made = synthesise(env, args.type, args.name, args.inputs);
            if (options.outputs === "inputs-only" && !provider) {
                // What the synthesiser computes beyond the inputs is what a first preview cannot know.
                const named = { ...args.inputs, ...autoName(args.type, args.name, args.inputs) };
                const computed = Object.keys(made.state).filter(k => !(k in named));
                return { id: undefined, state: { ...named, ...Object.fromEntries(computed.map(k => [k, UNKNOWN_WIRE_VALUE])) } };
            }
            if (provider) {
                // A provider reference is `<urn>::<id>`: give each provider its own ID, so invokes find it.
                const n = (providerIds.get(made.id) ?? 0) + 1;
                providerIds.set(made.id, n);
                const id = n === 1 ? made.id : `${made.id}-${n}`;
                invokes.providers.record(args.type, id, args.inputs);
                return { ...made, id };
            }
            return made;
        },
        call(args: pulumi.runtime.MockCallArgs): State {
            return invokes.answer({ token: args.token, inputs: args.inputs as Record<string, unknown>, provider: args.provider });
        },
    };
}

function synthesise(env: MockEnvironment, type: string, name: string, inputs: State): { id: string; state: State } {
    const iam = (kind: string, physical: string, path = "/") => `arn:${env.partition}:iam::${env.accountId}:${kind}${path}${physical}`;
    const str = (key: string, fallback: string) => (typeof inputs[key] === "string" ? (inputs[key] as string) : fallback);
    const physical = str("name", name);
    switch (type) {
        case "aws:iam/user:User":
            return { id: physical, state: { ...inputs, name: physical, arn: iam("user", physical, str("path", "/")), uniqueId: `AIDA${token(name, 17)}` } };
        case "aws:iam/role:Role":
            return { id: physical, state: { ...inputs, name: physical, arn: iam("role", physical, str("path", "/")), uniqueId: `AROA${token(name, 17)}` } };
        case "aws:iam/group:Group":
            return { id: physical, state: { ...inputs, name: physical, arn: iam("group", physical, str("path", "/")), uniqueId: `AGPA${token(name, 17)}` } };
        case "aws:iam/policy:Policy":
            return { id: iam("policy", physical, str("path", "/")), state: { ...inputs, name: physical, arn: iam("policy", physical, str("path", "/")), policyId: `ANPA${token(name, 17)}` } };
        case "aws:iam/userPolicy:UserPolicy":
            return { id: `${str("user", "user")}:${physical}`, state: { ...inputs, name: physical } };
        case "aws:iam/rolePolicy:RolePolicy":
            return { id: `${str("role", "role")}:${physical}`, state: { ...inputs, name: physical } };
        case "aws:iam/groupPolicy:GroupPolicy":
            return { id: `${str("group", "group")}:${physical}`, state: { ...inputs, name: physical } };
        case "aws:iam/accessKey:AccessKey": {
            const encrypted = typeof inputs["pgpKey"] === "string";
            return {
                id: `AKIA${token(name, 16)}`,
                state: {
                    ...inputs,
                    status: "Active",
                    secret: encrypted ? "" : token(`${name}/secret`, 40),
                    encryptedSecret: encrypted ? Buffer.from(token(`${name}/pgp`, 48)).toString("base64") : "",
                },
            };
        }
        case "aws:dynamodb/table:Table": {
            const arn = `arn:${env.partition}:dynamodb:${env.region}:${env.accountId}:table/${physical}`;
            const stream = inputs["streamEnabled"] === true ? { streamArn: `${arn}/stream/2026-01-01T00:00:00.000`, streamLabel: "2026-01-01T00:00:00.000" } : {};
            return { id: physical, state: { ...inputs, name: physical, arn, ...stream } };
        }
        case "aws:s3/bucketV2:BucketV2":
        case "aws:s3/bucket:Bucket": {
            const bucket = str("bucket", name);
            return { id: bucket, state: { ...inputs, bucket, arn: `arn:${env.partition}:s3:::${bucket}` } };
        }
        case "random:index/randomPassword:RandomPassword":
        case "random:index/randomString:RandomString":
            return { id: name, state: { ...inputs, result: token(`${name}/random`, typeof inputs["length"] === "number" ? inputs["length"] : 32) } };
        case "random:index/randomUuid:RandomUuid":
            return { id: name, state: { ...inputs, result: uuid(name) } };
        case "aws:apigatewayv2/api:Api":
        case "aws:apigateway/restApi:RestApi": {
            // Lambda permissions and API policies name the API by its execute-api ARN (`<executionArn>/<stage>/<method>/<path>`).
            const made = generic(env, type, name, inputs);
            return { id: made.id, state: { ...made.state, executionArn: `arn:${env.partition}:execute-api:${env.region}:${env.accountId}:${made.id}` } };
        }
        case "aws:cloudfront/originAccessIdentity:OriginAccessIdentity": {
            // Bucket policies admit the identity by its IAM ARN, which CloudFront gives from the identity's ID.
            const id = `E${token(name, 13)}`;
            const identity = { iamArn: `arn:${env.partition}:iam::cloudfront:user/CloudFront Origin Access Identity ${id}`, cloudfrontAccessIdentityPath: `origin-access-identity/cloudfront/${id}` };
            return { id, state: { ...inputs, ...identity, arn: `arn:${env.partition}:cloudfront::${env.accountId}:origin-access-identity/${id}` } };
        }
        default:
            return generic(env, type, name, inputs);
    }
}

/** Any other resource: an ID from its name, and an ARN in its service. */
function generic(env: MockEnvironment, type: string, name: string, inputs: State): { id: string; state: State } {
    const [pkg, module] = type.split(":");
    const service = (module ?? "").split("/")[0] || pkg;
    return { id: `${name}-id`, state: { ...inputs, arn: `arn:${env.partition}:${service}:${env.region}:${env.accountId}:${name}` } };
}

/**
 * The name the provider gives a resource created without one (its autonaming: the logical name and
 * a random suffix), for the types the synthesised outputs name: a preview computes it before
 * anything exists, so it is known in a first preview too.
 */
const NAMED_TYPES = new Set(["User", "Role", "Group", "Policy", "UserPolicy", "RolePolicy", "GroupPolicy"].map(t => `aws:iam/${t[0].toLowerCase()}${t.slice(1)}:${t}`).concat("aws:dynamodb/table:Table"));

function autoName(type: string, name: string, inputs: State): State {
    const key = type === "aws:s3/bucketV2:BucketV2" || type === "aws:s3/bucket:Bucket" ? "bucket" : NAMED_TYPES.has(type) ? "name" : undefined;
    return key === undefined || inputs[key] !== undefined ? {} : { [key]: `${name}-${createHash("sha256").update(name).digest("hex").slice(0, 7)}` };
}

/** A deterministic uppercase alphanumeric token: the same name always gets the same id. */
function token(seed: string, length: number): string {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    const bytes = createHash("sha256").update(seed).digest();
    let out = "";
    for (let i = 0; out.length < length; i++) {
        out += alphabet[bytes[i % bytes.length] % alphabet.length];
    }
    return out;
}

function uuid(seed: string): string {
    const hex = createHash("sha256").update(seed).digest("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
