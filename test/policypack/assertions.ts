/**
 * Running the pack in tests and asserting on its diagnostics. Everything goes through the host, so
 * the rules see props exactly as the runtime builds them (deserialised, unknown-checking proxy).
 */
import * as assert from "assert";

import { Policy } from "@pulumi/policy";

import { HostDiagnostic, HostResource, HostResult, runPolicies } from "../../policypack/host";
import { policies } from "../../policypack/policies";
import { assumeGuardExemptionsUsed } from "../../policypack/rules/assume-guard-exemptions-used";

/** Runs the whole pack. */
export function runPack(resources: readonly HostResource[], config: Record<string, Record<string, unknown>> = {}): Promise<HostResult> {
    return runPolicies(policies, resources, config);
}

/** Runs one rule (and the exemptions report after it), with the rule's settings. */
export function runRule(rule: Policy, resources: readonly HostResource[], settings: Record<string, unknown> = {}): Promise<HostResult> {
    return runPolicies([rule, assumeGuardExemptionsUsed], resources, { [rule.name]: settings });
}

function show(result: HostResult): string {
    const lines = result.diagnostics.map(d => `  [${d.enforcementLevel}] ${d.policyName} ${d.urn ?? "(stack)"}\n    ${d.message}`);
    return lines.length > 0 ? lines.join("\n") : "  (no diagnostics)";
}

/** Asserts that one diagnostic has exactly this policy, message, URN (and level, when given). */
export function assertHasViolation(result: HostResult, expected: { policyName: string; message: string; urn?: string; enforcementLevel?: HostDiagnostic["enforcementLevel"] }): void {
    const found = result.diagnostics.some(
        d =>
            d.policyName === expected.policyName &&
            d.message === expected.message &&
            d.urn === expected.urn &&
            (expected.enforcementLevel === undefined || d.enforcementLevel === expected.enforcementLevel),
    );
    if (!found) {
        const near = result.diagnostics.find(d => d.policyName === expected.policyName && d.urn === expected.urn);
        if (near) {
            assert.strictEqual(near.message, expected.message, `closest diagnostic of ${expected.policyName} differs; all diagnostics:\n${show(result)}`);
        }
        assert.fail(`expected a ${expected.policyName} violation on ${expected.urn ?? "(stack)"}:\n  ${expected.message}\nall diagnostics:\n${show(result)}`);
    }
}

/** Asserts that a rule reported exactly these messages (in order), and nothing else. */
export function assertViolations(result: HostResult, policyName: string, expected: { message: string; urn?: string }[]): void {
    const actual = result.diagnostics.filter(d => d.policyName === policyName).map(d => ({ message: d.message, urn: d.urn }));
    assert.deepStrictEqual(actual, expected.map(e => ({ message: e.message, urn: e.urn })), `all diagnostics:\n${show(result)}`);
}

/** Asserts that no diagnostic at all was reported (or none of `policyName`). */
export function assertNoViolations(result: HostResult, policyName?: string): void {
    const relevant = result.diagnostics.filter(d => policyName === undefined || d.policyName === policyName);
    if (relevant.length > 0) {
        assert.fail(`expected no ${policyName ?? ""} diagnostics, got:\n${show(result)}`);
    }
}

/** The message every rule reports for a value unknown during preview (onUnknown "fail"). */
export function unknownMessage(resource: string, detail: string, policyName: string): string {
    return (
        `${resource} has a value that is unknown during preview (${detail}), so ${policyName} cannot judge it. ` +
        "An unjudged resource may be exactly what the rule exists to stop. " +
        `Fix: build the value from names and the account ID rather than from another resource's outputs, or set onUnknown to "warn" for ${policyName} to accept an advisory until the update.`
    );
}

/** The policy names that reported, in order, without duplicates. */
export function policiesReporting(result: HostResult): string[] {
    return [...new Set(result.diagnostics.map(d => d.policyName))];
}
