/**
 * AWS managed policies, resolved to their real documents from the vendored
 * data/aws-managed-policies.json (regenerate with scripts/refresh-managed-policies.ts). The file is
 * read only when a managed ARN is first met, and parsed documents are cached.
 *
 * The data lists ARNs in the `aws` partition; `aws-cn` and `aws-us-gov` ARNs resolve to the same
 * document by path and name. An ARN missing from the data is reported by the rules as a violation.
 *
 * An account's own copies of AWS managed policies (the audit reads them from the account's
 * authorization details) may be put in front of the vendored data for one run with
 * {@link withManagedDocuments}; under the engine there are none.
 */
import { AsyncLocalStorage } from "async_hooks";
import * as fs from "fs";

import { classifyArn, parseArn } from "./arn";
import { parsePolicy, ParsedPolicy } from "./document";
import { packFile } from "./pack";

const DATA_FILE = "data/aws-managed-policies.json";

let table: Record<string, unknown> | undefined;
const parsed = new Map<string, ParsedPolicy>();
const own = new AsyncLocalStorage<ReadonlyMap<string, string>>();

/**
 * Runs `fn` with `documents` (AWS managed policy ARN → document JSON text) resolving before the
 * vendored data, in `fn` and everything it awaits.
 */
export function withManagedDocuments<T>(documents: ReadonlyMap<string, string>, fn: () => T): T {
    const byKey = new Map<string, string>();
    documents.forEach((doc, arn) => {
        const path = managedPath(arn);
        if (path !== undefined) {
            byKey.set(`arn:aws:iam::aws:policy/${path}`, doc);
        }
    });
    return own.run(byKey, fn);
}

/** True for `arn:<partition>:iam::aws:policy/...`. */
export function isAwsManagedArn(arn: string): boolean {
    return managedPath(arn) !== undefined;
}

/** The path and name after `policy/` of an AWS managed policy ARN: `ReadOnlyAccess`, `service-role/AWSLambdaRole`. */
function managedPath(arn: string): string | undefined {
    const a = parseArn(arn);
    return a && classifyArn(a) === "iam-aws-managed-policy" ? a.resource.slice("policy/".length) : undefined;
}

/** A managed policy's document (the run's own copy, else the vendored one), or undefined when neither has it. */
export function managedPolicy(arn: string): ParsedPolicy | undefined {
    const path = managedPath(arn);
    if (path === undefined) {
        return undefined;
    }
    const key = `arn:aws:iam::aws:policy/${path}`;
    const copy = own.getStore()?.get(key);
    if (copy !== undefined) {
        return parsePolicy(copy);
    }
    const hit = parsed.get(key);
    if (hit) {
        return hit;
    }
    const raw = load()[key];
    if (raw === undefined) {
        return undefined;
    }
    const result = parsePolicy(raw);
    parsed.set(key, result);
    return result;
}

/** The short name of a managed ARN for messages: `ReadOnlyAccess`, `service-role/AWSLambdaRole`. */
export function managedName(arn: string): string {
    return managedPath(arn) ?? arn;
}

function load(): Record<string, unknown> {
    if (!table) {
        const text = fs.readFileSync(packFile(DATA_FILE), "utf8");
        table = (JSON.parse(text) as { policies: Record<string, unknown> }).policies;
    }
    return table;
}
