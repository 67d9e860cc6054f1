/**
 * Differential property test: the pack against an independent IAM evaluator (iam-simulate).
 * - User policies: whenever the evaluator lets `alice` perform any catalogue data action, through
 *   any of the paths a document reaches a user (or lets `bob`, a user the stack does not define, when
 *   the document is a resource policy), the pack reports iam-user-no-direct-data-access. Resource
 *   policies are also tallied on their own.
 * - Trust policies: whenever the evaluator lets an unconditioned caller (no source IP in range, no
 *   MFA, no external ID) assume the role, or lets such a caller in from more addresses than one
 *   IPv4 /8 or IPv6 /32, or lets an attacker's identity-provider token in (test/fuzz/federated.ts),
 *   the pack reports iam-role-trust-requires-conditions.
 * - Federated trust policies: the same, for trusts that name identity providers (GitHub, EKS,
 *   Cognito, Google, SAML, another OIDC issuer) and test their claims.
 * Zero false negatives is asserted; the false-positive rate is measured and printed.
 *
 * `AG_FUZZ_RUNS` sets the number of cases per property (default 150 each, 450 in all, inside
 * `npm test`; `npm run test:fuzz` runs 10,000 each). `AG_FUZZ_SEED` overrides the pinned seed.
 */
import * as assert from "assert";
import * as fc from "fast-check";

import { runPolicies } from "../../policypack/host";
import { policies } from "../../policypack/policies";
import { ActionPool, loadActionPool, trustPolicyCase, userPolicyCase } from "./arbitraries";
import { federatedTrustCase, FederatedTrustCase } from "./federated";
import { falsePositiveCause, OracleVerdict, trustBypass, userDataReach } from "./oracle";
import { trustStack, userStack } from "./stacks";

const RUNS = Number(process.env.AG_FUZZ_RUNS ?? "150");
const SEED = Number(process.env.AG_FUZZ_SEED ?? "20261123");

/** Verdict counts: evaluator (allows, denies, rejected) × pack (flagged or not). */
class Tally {
    private readonly counts = new Map<string, number>();
    private readonly reasons = new Map<string, number>();

    /** Why the pack flagged a case the evaluator denies. */
    public falsePositive(reason: string): void {
        this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + 1);
    }

    public add(oracle: OracleVerdict["kind"], flagged: boolean): void {
        const key = `${oracle}/${flagged ? "flagged" : "passed"}`;
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    }

    public get(oracle: OracleVerdict["kind"], flagged: boolean): number {
        return this.counts.get(`${oracle}/${flagged ? "flagged" : "passed"}`) ?? 0;
    }

    /** One line for the log: cases, false negatives, false positives among the valid documents the evaluator denies. */
    public summary(what: string): string {
        const fn = this.get("allows", false);
        const fp = this.get("denies", true);
        const denied = fp + this.get("denies", false);
        const valid = denied + this.get("allows", true) + fn;
        const rejected = this.get("rejected", true) + this.get("rejected", false);
        const rate = denied === 0 ? "n/a" : `${((100 * fp) / denied).toFixed(1)}%`;
        return (
            `${what}: ${valid + rejected} cases (${valid} valid, ${rejected} rejected by IAM validation, ${this.get("rejected", true)} of those flagged); ` +
            `evaluator allows ${this.get("allows", true) + fn}, pack flags ${this.get("allows", true)} of them (false negatives: ${fn}); ` +
            `evaluator denies ${denied}, pack flags ${fp} of them (false-positive rate ${rate}, ${valid === 0 ? "n/a" : ((100 * fp) / valid).toFixed(1) + "%"} of valid cases); ` +
            `false positives by cause: ${[...this.reasons.entries()].map(([r, n]) => `${r} ${n}`).join(", ") || "none"}`
        );
    }
}

function params(): fc.Parameters<unknown> {
    return { seed: SEED, numRuns: RUNS, endOnFailure: true };
}

describe("fuzz: the pack never misses what the IAM evaluator allows", function () {
    this.timeout(0);
    let pool: ActionPool;

    before(async () => {
        pool = await loadActionPool();
    });

    it(`Noncompliance: every user policy that grants a catalogue data action is flagged (${RUNS} cases, seed ${SEED})`, async () => {
        const tally = new Tally();
        const onResources = new Tally();
        await fc.assert(
            fc.asyncProperty(userPolicyCase(pool), async c => {
                const verdict = await userDataReach(c);
                const { diagnostics } = await runPolicies(policies, userStack(c));
                const flagged = diagnostics.some(d => d.policyName === "iam-user-no-direct-data-access" && d.enforcementLevel === "mandatory");
                const tallies = c.placement === "table-resource-policy" ? [tally, onResources] : [tally];
                tallies.forEach(t => t.add(verdict.kind, flagged));
                if (flagged && verdict.kind === "denies") {
                    const cause = await falsePositiveCause(c.document, document => userDataReach({ ...c, document }), "the Allow's Resource or Principal never fits a data action");
                    tallies.forEach(t => t.falsePositive(cause));
                }
                assert.ok(
                    verdict.kind !== "allows" || flagged,
                    `false negative: the evaluator allows ${verdict.kind === "allows" ? verdict.what : ""} through ${c.placement}, the pack reports nothing`,
                );
            }),
            params(),
        );
        console.log(`      ${tally.summary("user policies")}`);
        console.log(`      ${onResources.summary("of which table resource policies")}`);
        assert.strictEqual(tally.get("allows", false), 0);
    });

    /** The trust property over `cases`: the pack flags every trust the evaluator lets a bypass through. */
    async function trustProperty(cases: fc.Arbitrary<FederatedTrustCase>, what: string): Promise<void> {
        const tally = new Tally();
        await fc.assert(
            fc.asyncProperty(cases, async c => {
                const verdict = await trustBypass(c.document);
                const { diagnostics } = await runPolicies(policies, trustStack(c));
                const flagged = diagnostics.some(d => d.policyName === "iam-role-trust-requires-conditions" && d.enforcementLevel === "mandatory");
                tally.add(verdict.kind, flagged);
                if (flagged && verdict.kind === "denies") {
                    tally.falsePositive(await falsePositiveCause(c.document, trustBypass, "the Principal admits none of the callers"));
                }
                assert.ok(verdict.kind !== "allows" || flagged, `false negative: the evaluator lets ${verdict.kind === "allows" ? verdict.what : ""} assume the role, the pack reports nothing`);
            }),
            params(),
        );
        console.log(`      ${tally.summary(what)}`);
        assert.strictEqual(tally.get("allows", false), 0);
    }

    it(`Noncompliance: every trust an unconditioned caller can use, or use from too broad a network, is flagged (${RUNS} cases, seed ${SEED})`, () =>
        trustProperty(trustPolicyCase, "trust policies"));

    it(`Noncompliance: every federated trust an attacker's token can use is flagged (${RUNS} cases, seed ${SEED})`, () =>
        trustProperty(federatedTrustCase, "federated trust policies"));
});
