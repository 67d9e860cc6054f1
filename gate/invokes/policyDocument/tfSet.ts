/**
 * The order in which the Terraform plugin SDK (v2) lists the elements of a `TypeSet`, which decides
 * the order of merged principals and conditions in `aws_iam_policy_document`'s output.
 *
 * The SDK keys each element by a hash code: the CRC-32 (IEEE) of the element's hash serialisation,
 * written in decimal. Elements with the same code are one element (the first one added stays), and
 * `List()` returns them by code, the codes compared as strings. The serialisation writes a string as
 * itself followed by `;`, a list as `(` members `);`, a set as `{` members (in this same order) `};`,
 * and a block as `key:` value for each of its keys in sorted order.
 */
import { crc32 } from "zlib";

/** The elements of a set in the SDK's `List()` order, duplicates (by hash code) removed. */
export function setOrder<T>(items: readonly T[], serialize: (item: T) => string): T[] {
    const byCode = new Map<string, T>();
    for (const item of items) {
        const code = String(crc32(Buffer.from(serialize(item), "utf8")));
        if (!byCode.has(code)) {
            byCode.set(code, item);
        }
    }
    return [...byCode.keys()].sort().map(code => byCode.get(code) as T);
}

/** The hash serialisation of a string element. */
export function stringElement(value: string): string {
    return `${value};`;
}

/** A set of strings in the SDK's order. */
export function stringSet(values: readonly string[]): string[] {
    return setOrder(values, stringElement);
}

/** The hash serialisation of a `principals`/`not_principals` block (keys `identifiers`, `type`). */
export function principalElement(p: { readonly type: string; readonly identifiers: readonly string[] }): string {
    return `identifiers:{${stringSet(p.identifiers).map(stringElement).join("")}};type:${p.type};`;
}

/** The hash serialisation of a `condition` block (keys `test`, `values` (a list), `variable`). */
export function conditionElement(c: { readonly test: string; readonly values: readonly string[]; readonly variable: string }): string {
    return `test:${c.test};values:(${c.values.map(stringElement).join("")});variable:${c.variable};`;
}
