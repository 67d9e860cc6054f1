/**
 * One run of one rule: it reports findings (deduplicated, each about the URN it names), applies
 * exemptions and records them in the ledger, catches unknown values per resource and turns any
 * exception into a violation, so that a rule never throws.
 */
import { BaseConfig } from "./config";
import { currentLedger, findExemption, Subject } from "./exemptions";
import { FindingReporter, findingMessage, FindingText, reportFinding } from "./finding";
import { isUnknownValueError, UnknownValueErrorLike } from "./runtime";

/** The parts of a resource every rule reads (the runtime's resource and stack args both have them). */
export interface RuleResource {
    readonly urn: string;
    readonly name: string;
    readonly type: string;
    readonly props: Record<string, unknown>;
    readonly propertyDependencies?: Record<string, readonly { readonly urn: string; readonly type: string }[]>;
    readonly provider?: { readonly urn: string; readonly type: string; readonly name: string; readonly props: Record<string, unknown> };
}

/** A violation: what, why and the fix, the resource it is about, and who may exempt it. */
export interface Finding extends FindingText {
    readonly urn?: string;
    /** Further subjects whose name or URN an exemption may match (the resource itself always may). */
    readonly subjects?: readonly Subject[];
}

/** `UserPolicy 'alice-inline'`: how messages name a resource. */
export function label(r: { readonly type: string; readonly name: string }): string {
    return r.type.startsWith("pulumi:providers:") ? `Provider '${r.name}'` : `${r.type.slice(r.type.lastIndexOf(":") + 1)} '${r.name}'`;
}

/** The resource name in a URN (its last `::` segment). */
export function nameOfUrn(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}

/** One run of one rule: reporting, exemptions, unknowns and failures. */
export class Judge {
    private readonly seen = new Set<string>();
    private readonly unknowns: UnknownValueErrorLike[] = [];

    public constructor(
        private readonly policyName: string,
        private readonly config: BaseConfig,
        private readonly reportViolation: FindingReporter,
    ) {}

    /** Reports a finding unless an exemption covers it. */
    public report(f: Finding): void {
        const key = `${f.urn ?? ""}\u0000${findingMessage(f)}`;
        if (this.seen.has(key)) {
            return;
        }
        this.seen.add(key);
        const subjects = [...(f.urn ? [{ urn: f.urn, name: nameOfUrn(f.urn) }] : []), ...(f.subjects ?? [])];
        const exemption = findExemption(this.config.exemptions, subjects);
        if (exemption && f.urn) {
            const finding = { what: f.what, why: f.why, fix: f.fix };
            currentLedger().record({ policyName: this.policyName, urn: f.urn, pattern: exemption.resource, reason: exemption.reason, finding });
            return;
        }
        reportFinding(this.reportViolation, f, f.urn);
    }

    /** A value of `r` is unknown during preview. */
    public unknown(r: RuleResource, error: UnknownValueErrorLike): void {
        if (this.config.onUnknown === "warn") {
            this.unknowns.push(error);
            return;
        }
        this.report({
            urn: r.urn,
            what: `${label(r)} has a value that is unknown during preview (${error.message}), so ${this.policyName} cannot judge it`,
            why: "An unjudged resource may be exactly what the rule exists to stop",
            fix:
                `build the value from names and the account ID rather than from another resource's outputs, ` +
                `or set onUnknown to "warn" for ${this.policyName} to accept an advisory until the update`,
        });
    }

    /** Runs `fn` for one resource; an unknown value or an exception is reported against `r`. */
    public each(r: RuleResource | undefined, fn: () => void): void {
        try {
            fn();
        } catch (e) {
            if (isUnknownValueError(e) && r) {
                this.unknown(r, e);
            } else {
                this.failed(r, e);
            }
        }
    }

    /** Ends the run: with `onUnknown: "warn"`, hands the first unknown to the runtime. */
    public finish(): void {
        if (this.unknowns.length > 0) {
            throw this.unknowns[0];
        }
    }

    private failed(r: RuleResource | undefined, e: unknown): void {
        const what = e instanceof Error ? e.message : String(e);
        this.report({
            urn: r?.urn,
            what: `${this.policyName} failed while judging ${r ? label(r) : "the stack"}: ${what.replace(/\.$/, "")}`,
            why: "A rule that cannot finish fails closed, so this counts as a violation",
            fix: "correct the resource's properties if they are malformed, or report the failure to the pack's maintainers",
        });
    }
}
