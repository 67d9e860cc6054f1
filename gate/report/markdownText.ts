/** Small helpers for Markdown text: inline code, cutting, table cells. */

/** `text` as inline code (backticks in it become quotes). */
export function inline(text: string): string {
    return `\`${text.replace(/`/g, "'")}\``;
}

/** `text` cut to `max` characters. */
export function cut(text: string, max: number): string {
    return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** A table cell of at most `max` characters: one line, pipes escaped, HTML-looking text left inert. */
export function cell(text: string, max: number): string {
    const escaped = text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/\n/g, " ");
    // Cutting never leaves half an escape behind.
    return escaped.length <= max ? escaped : `${escaped.slice(0, Math.max(0, max - 1)).replace(/\\+$/, m => (m.length % 2 === 0 ? m : m.slice(1))).replace(/&[a-z]*$/, "")}…`;
}

/** How many of `lines` fit in `budget` characters (each with its newline). */
export function fittingLines(lines: readonly string[], budget: number): number {
    let used = 0;
    for (let i = 0; i < lines.length; i++) {
        used += lines[i].length + 1;
        if (used > budget) {
            return i;
        }
    }
    return lines.length;
}

/** The characters of `lines` as a report writes them, each with its newline. */
export function size(lines: readonly string[]): number {
    return lines.reduce((n, l) => n + l.length + 1, 0);
}
