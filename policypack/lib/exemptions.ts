/**
 * Exemptions and the ledger of exemptions used.
 *
 * Under the engine, one pack process serves one update: rules record into a process-wide ledger and
 * the last policy, `assume-guard-exemptions-used`, reports its entries. The in-process host runs each
 * `runPolicies` call inside its own ledger (AsyncLocalStorage), so nothing leaks between runs, even
 * concurrent ones.
 */
import { AsyncLocalStorage } from "async_hooks";

import { Exemption } from "./config";
import { FindingText } from "./finding";

/** One exemption that suppressed one rule's violation on one resource. */
export interface ExemptionUse {
    readonly policyName: string;
    /** The URN of the resource the violation was about. */
    readonly urn: string;
    /** The exemption's `resource` pattern. */
    readonly pattern: string;
    readonly reason: string;
    /** The violation the exemption suppressed. */
    readonly finding: FindingText;
}

/** The set of exemptions used, deduplicated, in the order first used. */
export class ExemptionLedger {
    private readonly uses = new Map<string, ExemptionUse>();

    /** Records a use (once per rule, resource and pattern). */
    public record(use: ExemptionUse): void {
        const key = `${use.policyName}\u0000${use.urn}\u0000${use.pattern}`;
        if (!this.uses.has(key)) {
            this.uses.set(key, use);
        }
    }

    /** The uses so far. */
    public entries(): ExemptionUse[] {
        return [...this.uses.values()];
    }
}

const storage = new AsyncLocalStorage<ExemptionLedger>();
const processLedger = new ExemptionLedger();

/** The ledger of the current host run, or the process's ledger under the engine. */
export function currentLedger(): ExemptionLedger {
    return storage.getStore() ?? processLedger;
}

/** Runs `fn` with its own ledger. */
export function withLedger<T>(ledger: ExemptionLedger, fn: () => Promise<T>): Promise<T> {
    return storage.run(ledger, fn);
}

/** Something a violation is about, that an exemption pattern may name. */
export interface Subject {
    readonly urn: string;
    readonly name: string;
}

/** The first exemption whose pattern matches a subject's name or URN. */
export function findExemption(exemptions: readonly Exemption[], subjects: readonly Subject[]): Exemption | undefined {
    return exemptions.find(e => {
        const re = globRegex(e.resource);
        return subjects.some(s => re.test(s.name) || re.test(s.urn));
    });
}

function globRegex(glob: string): RegExp {
    const body = glob
        .split("*")
        .map(part => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join("[\\s\\S]*");
    return new RegExp(`^${body}$`);
}
