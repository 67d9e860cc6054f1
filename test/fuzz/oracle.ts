/**
 * The evaluator's side of the differential tests: what @cloud-copilot/iam-simulate says a generated
 * document allows.
 * - For a user policy: the first catalogue data action it allows on any resource (or, as a table's
 *   resource policy, on that table), in Discovery mode (conditions on unknown keys count as
 *   satisfiable) or under one of {@link STRICT_CONTEXTS}. As an identity policy it is alice's; as a
 *   resource policy it is asked for every IAM user the pack judges on resource policies: alice, whom
 *   the stack defines, and bob, whom it does not (a user named by a resource policy is judged whether
 *   or not the stack defines it), each with no identity policy of their own.
 * - For a trust policy: the first caller it lets assume the role with no source IP in range, no MFA
 *   and no external ID, each caller holding an identity Allow for sts:AssumeRole on `*`.
 * A document the evaluator rejects as invalid IAM is reported as `rejected` (AWS would refuse to
 * store it); any other evaluator error is thrown.
 */
import { actionMatchesPattern } from "@cloud-copilot/iam-utils";
import * as ipaddr from "ipaddr.js";

import { DATA_PLANE_ACTIONS } from "../../policypack/lib/catalogue";
import { anyResourcePatterns, assumeRole, evaluate, EvaluatorError, RequestContext } from "../support/simulate";
import { assumeWithToken } from "../support/simulateToken";
import { ACCOUNTS, CALLERS, FOREIGN_IP, TABLE_ARN, UserPolicyCase } from "./arbitraries";
import { PROVIDERS } from "./federated";
import { TARGET_ROLE_ARN } from "./stacks";

/** What the evaluator says: `allows` names the first thing allowed, `rejected` the validation errors. */
export type OracleVerdict = { readonly kind: "allows"; readonly what: string } | { readonly kind: "denies" } | { readonly kind: "rejected"; readonly details: unknown };

/** Contexts a user's key may be used under: the office, a foreign network, a call via an AWS service. */
export const STRICT_CONTEXTS: readonly RequestContext[] = [
    {
        sourceIp: "198.51.100.7",
        mfa: true,
        viaAwsService: false,
        extra: {
            "aws:SecureTransport": "true",
            "aws:RequestedRegion": "eu-west-1",
            "aws:MultiFactorAuthAge": "60",
            "aws:PrincipalTag/team": "data",
            "aws:PrincipalOrgID": "o-abc123",
            "aws:CurrentTime": "2026-11-23T12:00:00Z",
        },
    },
    { sourceIp: FOREIGN_IP, mfa: null, viaAwsService: false },
    { sourceIp: null, mfa: null, viaAwsService: true },
];

/** Nothing known: Discovery mode treats every condition on an absent key as satisfiable. */
const DISCOVERY_CONTEXT: RequestContext = { sourceIp: null, mfa: null, viaAwsService: false };

/** The contexts of an unconditioned caller: no source IP in any range, no MFA, no external ID. */
export const UNCONDITIONED_CONTEXTS: readonly RequestContext[] = [
    { sourceIp: null, mfa: null, viaAwsService: false },
    { sourceIp: FOREIGN_IP, mfa: false, viaAwsService: false },
    { sourceIp: FOREIGN_IP, mfa: null, viaAwsService: false },
];

const ALICE = CALLERS.alice;
const BOB = CALLERS.bob;

function statementsOf(doc: Record<string, unknown>): Record<string, unknown>[] {
    const s = doc.Statement;
    const list = Array.isArray(s) ? s : [s];
    return list.filter((x): x is Record<string, unknown> => x !== null && typeof x === "object");
}

function list(v: unknown): string[] {
    return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");
}

/**
 * The catalogue actions some Allow statement could grant, by the evaluator's own action matcher. The
 * evaluator only allows an action an Allow statement matches, so the others need not be asked.
 */
export function candidateActions(doc: Record<string, unknown>): string[] {
    const allows = statementsOf(doc).filter(s => s.Effect === "Allow");
    return DATA_PLANE_ACTIONS.filter(action =>
        allows.some(s =>
            s.Action !== undefined ? list(s.Action).some(p => actionMatchesPattern(action, p)) : !list(s.NotAction).some(p => actionMatchesPattern(action, p)),
        ),
    );
}

async function guarded(fn: () => Promise<OracleVerdict>): Promise<OracleVerdict> {
    try {
        return await fn();
    } catch (e) {
        if (e instanceof EvaluatorError && e.isPolicyValidation) {
            return { kind: "rejected", details: e.details };
        }
        throw e;
    }
}

/**
 * The first catalogue data action a case lets a user perform: `doc` as alice's identity policy (on
 * any resource), or as the resource policy of {@link TABLE_ARN} (on that table), for alice or bob.
 */
export function userDataReach(c: Pick<UserPolicyCase, "document" | "placement">): Promise<OracleVerdict> {
    const doc = c.document;
    const onTable = c.placement === "table-resource-policy";
    const policies = onTable ? { identityPolicies: [], resourcePolicy: doc } : { identityPolicies: [doc] };
    return guarded(async () => {
        // Validate the document once, even when no action is a candidate.
        await evaluate({ principal: ALICE, action: "dynamodb:GetItem", resource: TABLE_ARN, ...policies, context: DISCOVERY_CONTEXT });
        const candidates: { action: string; resources: string[] }[] = [];
        for (const action of candidateActions(doc)) {
            const patterns = await anyResourcePatterns(action);
            const resources = onTable ? (patterns.includes("arn:aws:dynamodb:*:*:table/*") ? [TABLE_ARN] : []) : patterns;
            candidates.push({ action, resources });
        }
        const attempts: { context: RequestContext; mode: "Discovery" | "Strict" }[] = [
            { context: DISCOVERY_CONTEXT, mode: "Discovery" },
            ...STRICT_CONTEXTS.map(context => ({ context, mode: "Strict" as const })),
        ];
        for (const principal of onTable ? [ALICE, BOB] : [ALICE]) {
            for (const { context, mode } of attempts) {
                for (const { action, resources } of candidates) {
                    for (const resource of resources) {
                        if ((await evaluate({ principal, action, resource, resourceAccount: ACCOUNTS.own, ...policies, context, mode })) === "Allowed") {
                            return { kind: "allows", what: `${principal}: ${action} on ${resource} (${mode}${mode === "Strict" ? ` ${JSON.stringify(context)}` : ""})` };
                        }
                    }
                }
            }
        }
        return { kind: "denies" };
    });
}

/**
 * Why the pack flags a document the evaluator denies: the first relaxation after which the
 * evaluator allows it (dropping Deny statements, then dropping conditions), else what is left.
 */
export async function falsePositiveCause(doc: Record<string, unknown>, oracle: (doc: Record<string, unknown>) => Promise<OracleVerdict>, otherwise: string): Promise<string> {
    const statements = statementsOf(doc);
    const allows = statements.filter(s => s.Effect !== "Deny");
    if (allows.length > 0 && allows.length < statements.length && (await oracle({ ...doc, Statement: allows })).kind === "allows") {
        return "a Deny statement decides (the pack weighs only Allows)";
    }
    const unconditioned = allows.map(({ Condition: _c, ...rest }) => rest);
    if (allows.length > 0 && (await oracle({ ...doc, Statement: unconditioned })).kind === "allows") {
        return "a condition stops every context tried";
    }
    return otherwise;
}

const ASSUME_ANY = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] };

/** The first caller `trust` lets assume the role `target` without any condition of its own. */
export function unconditionedAssume(trust: Record<string, unknown>): Promise<OracleVerdict> {
    return guarded(async () => {
        for (const caller of Object.values(CALLERS)) {
            for (const context of UNCONDITIONED_CONTEXTS) {
                if ((await assumeRole({ caller, callerPolicies: [ASSUME_ANY], roleArn: TARGET_ROLE_ARN, trustPolicy: trust, context })) === "Allowed") {
                    return { kind: "allows", what: `${caller} with ${JSON.stringify(context)}` };
                }
            }
        }
        return { kind: "denies" };
    });
}

/** The first attacker's token (lib: test/fuzz/federated.ts) that `trust` lets assume the role. */
export function attackerAssume(trust: Record<string, unknown>): Promise<OracleVerdict> {
    return guarded(async () => {
        for (const p of PROVIDERS) {
            for (const claims of p.attackers) {
                if ((await assumeWithToken({ provider: p.principal, action: p.action, roleArn: TARGET_ROLE_ARN, trustPolicy: trust, claims })) === "Allowed") {
                    return { kind: "allows", what: `a token of ${p.principal} with ${JSON.stringify(claims)}` };
                }
            }
        }
        return { kind: "denies" };
    });
}

/** The widest network one trust may admit an unconditioned caller from: one IPv4 /8, one IPv6 /32 (the pack's default). */
const WIDEST: Readonly<Record<"ipv4" | "ipv6", { bits: number; max: bigint }>> = { ipv4: { bits: 32, max: 1n << 24n }, ipv6: { bits: 128, max: 1n << 96n } };

function cidrValues(doc: Record<string, unknown>): string[] {
    return statementsOf(doc).flatMap(s => {
        const c = s.Condition;
        if (!c || typeof c !== "object") {
            return [];
        }
        return Object.values(c as Record<string, Record<string, unknown>>).flatMap(keys =>
            Object.entries(keys ?? {}).flatMap(([k, v]) => (k.toLowerCase() === "aws:sourceip" ? list(v) : [])),
        );
    });
}

function toAddress(family: "ipv4" | "ipv6", n: bigint): string {
    const bytes = Array.from({ length: WIDEST[family].bits / 8 }, (_, i) => Number((n >> BigInt(8 * (WIDEST[family].bits / 8 - 1 - i))) & 0xffn));
    return ipaddr.fromByteArray(bytes).toString();
}

/**
 * How many addresses of each family an unconditioned caller can assume the role from, by the
 * evaluator: the CIDRs of the document cut each family into intervals on which every IP condition
 * is constant, and one address of each interval is asked. `allows` when either family's admitted
 * addresses exceed one /8 (IPv4) or one /32 (IPv6).
 */
export function admittedNetworks(trust: Record<string, unknown>): Promise<OracleVerdict> {
    return guarded(async () => {
        const cuts: Record<"ipv4" | "ipv6", Set<bigint>> = { ipv4: new Set([0n]), ipv6: new Set([0n]) };
        for (const v of cidrValues(trust)) {
            try {
                const [addr, prefix] = v.includes("/") ? ipaddr.parseCIDR(v) : [ipaddr.parse(v), ipaddr.parse(v).kind() === "ipv4" ? 32 : 128];
                const family = addr.kind() as "ipv4" | "ipv6";
                const host = BigInt(WIDEST[family].bits - prefix);
                const first = (addr.toByteArray().reduce((n, b) => (n << 8n) | BigInt(b), 0n) >> host) << host;
                cuts[family].add(first).add(first + (1n << host));
            } catch {
                // Not an address: the evaluator rejects the document or the clause never matches.
            }
        }
        for (const family of ["ipv4", "ipv6"] as const) {
            const end = 1n << BigInt(WIDEST[family].bits);
            const points = [...cuts[family]].filter(p => p < end).sort((a, b) => (a < b ? -1 : 1));
            let admitted = 0n;
            for (const [i, start] of points.entries()) {
                const size = (points[i + 1] ?? end) - start;
                for (const caller of Object.values(CALLERS)) {
                    const context: RequestContext = { sourceIp: toAddress(family, start), mfa: null, viaAwsService: false };
                    if ((await assumeRole({ caller, callerPolicies: [ASSUME_ANY], roleArn: TARGET_ROLE_ARN, trustPolicy: trust, context })) === "Allowed") {
                        admitted += size;
                        break;
                    }
                }
            }
            if (admitted > WIDEST[family].max) {
                return { kind: "allows", what: `an unconditioned caller from ${admitted} ${family} addresses` };
            }
        }
        return { kind: "denies" };
    });
}

/** The trust oracle: an unconditioned AWS caller, an attacker's token, or too broad a network. */
export async function trustBypass(trust: Record<string, unknown>): Promise<OracleVerdict> {
    for (const oracle of [unconditionedAssume, attackerAssume, admittedNetworks]) {
        const verdict = await oracle(trust);
        if (verdict.kind !== "denies") {
            return verdict;
        }
    }
    return { kind: "denies" };
}
