/**
 * What a violation says, in three parts: what is wrong, why it matters, and how to fix it. The
 * engine's `reportViolation` takes one message string, so one builder renders the parts as the
 * message every consumer reads (`<what>. <why>. Fix: <fix>.`); a host that wants the parts (the
 * offline gate's) attaches {@link REPORT_FINDING} to its reporter and receives them as they are.
 */
import { ReportViolation } from "@pulumi/policy";

/** A violation's text. Each part is a sentence without its final full stop. */
export interface FindingText {
    /** What is wrong, naming the resource, the path and the statement. */
    readonly what: string;
    /** Why it matters. */
    readonly why: string;
    /** How to fix it. */
    readonly fix: string;
}

/** The message the engine shows: `<what>. <why>. Fix: <fix>.` */
export function findingMessage(f: FindingText): string {
    return `${f.what}. ${f.why}. Fix: ${f.fix}.`;
}

/**
 * The key, on a `reportViolation` function, of a second reporter that takes the parts. A global
 * symbol, so that a host and a copy of the pack loaded from elsewhere (bin/ or the sources) agree.
 */
export const REPORT_FINDING = Symbol.for("assume-guard.reportFinding");

/** A `reportViolation` that may also take the parts. */
export type FindingReporter = ReportViolation & { readonly [REPORT_FINDING]?: (finding: FindingText, urn?: string) => void };

/** Reports `finding` through `report`: as parts when the host takes them, else as the message. */
export function reportFinding(report: FindingReporter, finding: FindingText, urn?: string): void {
    const parts = report[REPORT_FINDING];
    if (parts) {
        parts({ what: finding.what, why: finding.why, fix: finding.fix }, urn);
    } else {
        report(findingMessage(finding), urn);
    }
}
