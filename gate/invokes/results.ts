/**
 * `--invoke-results FILE`: answers the user supplies for invokes the gate cannot know (a look-up's
 * real values) or cannot answer at all (another provider's functions). The file is JSON:
 *
 *   {
 *     "aws:iam/getRole:getRole": [
 *       { "args": { "name": "deployer" }, "result": { "arn": "arn:aws:iam::123456789012:role/deployer" } }
 *     ],
 *     "tls:index/getPublicKey:getPublicKey": { "result": { "publicKeyOpenssh": "ssh-ed25519 AAAA…" } }
 *   }
 *
 * Each invoke token maps to one answer or a list of them. An answer's `args`, when given, must equal
 * the arguments the program passes (as it passes them, omitted ones left out); without `args` it
 * answers every call. The first answer that fits wins. An answer for an AWS function is checked
 * against the result type @pulumi/aws declares, and the fields it leaves out stay unknown.
 * Everything is checked when the file is read, before the program runs; a fault is an
 * {@link InvokeResultsError} naming the token, the answer and the field.
 */
import * as fs from "fs";
import { isDeepStrictEqual } from "util";

import { awsFunctions } from "./data";
import { isFields, misfit, shapeOf } from "./lookups";

/** The file cannot be used (the gate exits 2 with this message). */
export class InvokeResultsError extends Error {}

/** One supplied answer. */
export interface SuppliedAnswer {
    readonly args?: Readonly<Record<string, unknown>>;
    readonly result: Readonly<Record<string, unknown>>;
}

const TOKEN = /^[A-Za-z][\w-]*:[\w/.-]*:[A-Za-z_][\w]*$/;
const EXAMPLE = '{"aws:iam/getRole:getRole": [{"args": {"name": "deployer"}, "result": {"arn": "arn:aws:iam::123456789012:role/deployer"}}]}';

/** The answers of one file, by token. */
export class InvokeResults {
    public constructor(
        /** The file, as given. */
        public readonly file: string,
        private readonly byToken: ReadonlyMap<string, readonly SuppliedAnswer[]>,
    ) {}

    /** True when the file has answers for `token`, whatever their arguments. */
    public has(token: string): boolean {
        return this.byToken.has(token);
    }

    /** The first answer for `token` that fits `args`. */
    public find(token: string, args: Readonly<Record<string, unknown>>): SuppliedAnswer | undefined {
        const given = defined(args);
        return this.byToken.get(token)?.find(a => a.args === undefined || isDeepStrictEqual(defined(a.args), given));
    }
}

/** Reads and checks `file`. */
export function loadInvokeResults(file: string): InvokeResults {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new InvokeResultsError(`cannot read --invoke-results ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    return parseInvokeResults(text, file);
}

/** Checks the text of an --invoke-results file. */
export function parseInvokeResults(text: string, file: string): InvokeResults {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (e) {
        throw new InvokeResultsError(`--invoke-results ${file} is not JSON (${(e as Error).message})`);
    }
    if (!isObject(parsed)) {
        throw new InvokeResultsError(`--invoke-results ${file} must be a JSON object of invoke tokens to answers, e.g. ${EXAMPLE}`);
    }
    const fail = (what: string) => new InvokeResultsError(`--invoke-results ${file}: ${what}`);
    const byToken = new Map<string, SuppliedAnswer[]>();
    for (const [token, value] of Object.entries(parsed)) {
        if (!TOKEN.test(token)) {
            throw fail(`"${token}" is not an invoke token (package:module:function, e.g. aws:iam/getRole:getRole)`);
        }
        const shape = shapeOf(token);
        if (token.startsWith("aws:") && shape === undefined) {
            throw fail(`"${token}" is not a function of @pulumi/aws ${awsFunctions().version}${suggestion(token)}`);
        }
        const answers = Array.isArray(value) ? value : [value];
        byToken.set(
            token,
            answers.map((answer: unknown, i): SuppliedAnswer => {
                const at = Array.isArray(value) ? `"${token}"[${i}]` : `"${token}"`;
                if (!isObject(answer)) {
                    throw fail(`${at} must be an object {"args": {...}, "result": {...}}`);
                }
                const extra = Object.keys(answer).find(k => k !== "args" && k !== "result");
                if (extra !== undefined) {
                    throw fail(`${at} has an unknown key "${extra}"; an answer has "result" and, optionally, "args"`);
                }
                if (answer.args !== undefined && !isObject(answer.args)) {
                    throw fail(`${at}.args must be an object of the invoke's arguments`);
                }
                if (!isObject(answer.result)) {
                    throw fail(`${at}.result must be an object (the invoke's result)`);
                }
                const wrong = shape !== undefined && isFields(shape) ? misfit(shape, answer.result, `${at}.result`) : undefined;
                if (wrong !== undefined) {
                    throw fail(`${wrong}, as @pulumi/aws declares the result of ${token}`);
                }
                return { args: answer.args as Record<string, unknown> | undefined, result: answer.result };
            }),
        );
    }
    return new InvokeResults(file, byToken);
}

/** "; did you mean …?" naming the @pulumi/aws tokens of the same function name, if any. */
function suggestion(token: string): string {
    const name = token.slice(token.lastIndexOf(":") + 1).toLowerCase();
    const same = Object.keys(awsFunctions().functions).filter(t => t.slice(t.lastIndexOf(":") + 1).toLowerCase() === name);
    return same.length > 0 ? `; did you mean ${same.map(t => `"${t}"`).join(" or ")}?` : "";
}

function defined(args: Readonly<Record<string, unknown>>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined && v !== null));
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
