/**
 * JSON text exactly as Go's `encoding/json` writes it (`json.Marshal` and `json.MarshalIndent` with
 * a two-space indent), which is how the AWS provider prints `aws_iam_policy_document`. The
 * differences from `JSON.stringify` that matter:
 * - objects keep the order the Go value gives them: struct fields in declaration order
 *   ({@link GoObject}), map keys sorted byte-wise ({@link goMap}); JavaScript objects would move
 *   integer-like keys first;
 * - `<`, `>`, `&`, U+2028 and U+2029 are escaped as `\u003c` …, other control characters as
 *   `\u00XX` (lowercase hex) except `\b \f \n \r \t`, and an invalid UTF-16 surrogate (which Go could
 *   not have received) as `\ufffd`.
 */

/** A JSON value as Go would hold it. */
export type GoValue = string | number | boolean | null | readonly GoValue[] | GoObject;

/** An object whose entries are written in the given order. */
export class GoObject {
    public constructor(public readonly entries: readonly (readonly [string, GoValue])[]) {}
}

/** A Go map: entries sorted by the UTF-8 bytes of their keys, as `encoding/json` sorts them. */
export function goMap(entries: Iterable<readonly [string, GoValue]>): GoObject {
    return new GoObject([...entries].sort(([a], [b]) => compareBytes(a, b)));
}

/** Go's `sort.Strings` order: byte-wise over UTF-8. */
export function compareBytes(a: string, b: string): number {
    return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/**
 * The text Go's decoder gives for JSON `text` that `JSON.parse` refused with `error`: Go's own
 * message for input that ends too soon (the common case: a truncated document); otherwise the
 * parser's message, as Go's wording depends on its scanner state.
 */
export function syntaxErrorText(text: string, error: Error): string {
    const at = /at position (\d+)/.exec(error.message);
    const atEnd = /^Unexpected end of JSON input/.test(error.message) || (at !== null && Number(at[1]) >= text.trimEnd().length);
    return atEnd ? "unexpected end of JSON input" : error.message;
}

/** `json.Marshal`. */
export function marshal(value: GoValue): string {
    return write(value, undefined, "");
}

/** `json.MarshalIndent(value, "", "  ")`. */
export function marshalIndent(value: GoValue): string {
    return write(value, "  ", "");
}

function write(value: GoValue, indent: string | undefined, current: string): string {
    if (value === null || typeof value === "boolean") {
        return String(value);
    }
    if (typeof value === "number") {
        return JSON.stringify(value);
    }
    if (typeof value === "string") {
        return quote(value);
    }
    const items: string[] = [];
    const inner = indent === undefined ? "" : current + indent;
    const colon = indent === undefined ? ":" : ": ";
    const isObject = value instanceof GoObject;
    if (isObject) {
        for (const [k, v] of value.entries) {
            items.push(quote(k) + colon + write(v, indent, inner));
        }
    } else {
        for (const v of value as readonly GoValue[]) {
            items.push(write(v, indent, inner));
        }
    }
    const [open, close] = isObject ? ["{", "}"] : ["[", "]"];
    if (items.length === 0) {
        return open + close;
    }
    if (indent === undefined) {
        return open + items.join(",") + close;
    }
    return `${open}\n${inner}${items.join(`,\n${inner}`)}\n${current}${close}`;
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function quote(s: string): string {
    let out = '"';
    for (let i = 0; i < s.length; i++) {
        const ch = s[i];
        const code = s.charCodeAt(i);
        if (SHORT_ESCAPES[ch] !== undefined) {
            out += SHORT_ESCAPES[ch];
        } else if (code < 0x20 || ch === "<" || ch === ">" || ch === "&" || code === 0x2028 || code === 0x2029) {
            out += `\\u${code.toString(16).padStart(4, "0")}`;
        } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
            out += ch + s[++i];
        } else if (code >= 0xd800 && code <= 0xdfff) {
            out += "\\ufffd";
        } else {
            out += ch;
        }
    }
    return out + '"';
}

function isLowSurrogate(code: number): boolean {
    return code >= 0xdc00 && code <= 0xdfff;
}
