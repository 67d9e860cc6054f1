/**
 * The benchmark's results: each bench is rows of a subject measured side by side with its floor,
 * and goals judged on those rows. Rendered as a Markdown table (what BENCHMARKS.md shows) or JSON.
 */
import { Comparison, Timing } from "./measure";

/** How a bench is run. */
export interface BenchOptions {
    /** Side-by-side runs per figure (≥ 5 for a real measurement). */
    readonly runs: number;
    /** Smoke run: tiny inputs, one run, no warm-up. */
    readonly quick: boolean;
    /** Progress lines (stderr), so a long run shows where it is. */
    readonly log: (line: string) => void;
    /** E1's stack sizes, when not its own (1k, 10k, 50k). */
    readonly sizes?: readonly number[];
}

/** One measured line: a subject and its floor, in milliseconds, and their ratio per run. */
export interface Row extends Comparison {
    readonly name: string;
    readonly subjectLabel: string;
    readonly floorLabel: string;
    /** Further figures (resources per second, peak RSS in MB, …), by name. */
    readonly extra?: Readonly<Record<string, number | string>>;
    /** What subject and floor are measured in, when not milliseconds. */
    readonly unit?: "MB";
}

/** A goal of issue 7 and whether this run met it. */
export interface Goal {
    readonly text: string;
    readonly value: number;
    readonly limit: number;
    readonly unit: "×" | "ms" | "MB";
    readonly met: boolean;
}

/** One bench's result. */
export interface BenchResult {
    readonly id: string;
    readonly title: string;
    readonly rows: readonly Row[];
    readonly goals: readonly Goal[];
    readonly notes?: readonly string[];
}

/** A goal: `value` must not exceed `limit`. */
export function goal(text: string, value: number, limit: number, unit: Goal["unit"]): Goal {
    return { text, value: Math.round(value * 100) / 100, limit, unit, met: value <= limit };
}

/** Builds a row from a comparison. */
export function row(name: string, subjectLabel: string, floorLabel: string, c: Comparison, extra?: Row["extra"]): Row {
    return { name, subjectLabel, floorLabel, ...c, ...(extra ? { extra } : {}) };
}

function ms(t: Timing, unit?: Row["unit"]): string {
    return `${fmt(t.median)}${unit ? ` ${unit}` : ""} (${fmt(t.min)}–${fmt(t.max)})`;
}

function ratio(t: Timing): string {
    return `${t.median.toFixed(2)}× (${t.min.toFixed(2)}–${t.max.toFixed(2)})`;
}

function fmt(n: number): string {
    return n >= 100 ? String(Math.round(n)) : n.toFixed(1);
}

/** The Markdown table of every row, then the goals. */
export function renderMarkdown(results: readonly BenchResult[]): string {
    const lines = [
        "| Bench | Subject | Floor | Subject ms (or as marked), median (min–max) | Floor ms (or as marked), median (min–max) | Ratio per run, median (min–max) | Other |",
        "|---|---|---|---|---|---|---|",
    ];
    for (const b of results) {
        for (const r of b.rows) {
            const extra = Object.entries(r.extra ?? {})
                .map(([k, v]) => `${k} ${v}`)
                .join("; ");
            lines.push(`| ${b.id} ${r.name} | ${r.subjectLabel} | ${r.floorLabel} | ${ms(r.subject, r.unit)} | ${ms(r.floor, r.unit)} | ${ratio(r.ratio)} | ${extra} |`);
        }
    }
    lines.push("", "| Goal | Measured | Limit | Met |", "|---|---|---|---|");
    for (const b of results) {
        for (const g of b.goals) {
            lines.push(`| ${b.id}: ${g.text} | ${g.value}${g.unit === "×" ? "×" : ` ${g.unit}`} | ${g.limit}${g.unit === "×" ? "×" : ` ${g.unit}`} | ${g.met ? "yes" : "**no**"} |`);
        }
    }
    const notes = results.flatMap(b => (b.notes ?? []).map(n => `- ${b.id}: ${n}`));
    return [...lines, ...(notes.length > 0 ? ["", ...notes] : [])].join("\n") + "\n";
}

/** Runs one bench as its own command: `[--runs N] [--quick] [--json]`. */
export function runStandalone(bench: (o: BenchOptions) => Promise<BenchResult>): void {
    const args = process.argv.slice(2);
    const quick = args.includes("--quick");
    const runs = Number(args[args.indexOf("--runs") + 1]) || (quick ? 1 : 5);
    bench({ runs, quick, log: line => process.stderr.write(`${line}\n`) })
        .then(r => console.log(args.includes("--json") ? JSON.stringify(r, null, 2) : renderMarkdown([r])))
        .catch(e => {
            console.error(e instanceof Error ? e.message : e);
            process.exitCode = 1;
        });
}
