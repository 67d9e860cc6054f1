/**
 * Reading untrusted JSON input field by field: every problem is an {@link InputError} whose one line
 * names where it is (`example.json: UserDetailList[3] (alice).UserPolicyList[0].PolicyDocument`) and
 * what is wrong, so that `assume-guard audit` can exit 2 before judging anything.
 */
import { describe } from "../policypack/lib/document";

/** Input that cannot be judged whole (malformed, partial, inconsistent): the CLI exits 2 with the message. */
export class InputError extends Error {}

/** A place in the input, for messages. */
export class At {
    /** `where` is a file's name (its fields follow a colon) unless `inFile` says it is already inside one. */
    public constructor(
        public readonly where: string,
        private readonly inFile = false,
    ) {}

    /** A field of this place: `.Arn`, `[3]`, `[3] (alice)`. */
    public at(segment: string): At {
        if (!this.inFile) {
            return new At(`${this.where}: ${segment}`, true);
        }
        return new At(segment.startsWith("[") || segment.startsWith(" ") ? `${this.where}${segment}` : `${this.where}.${segment}`, true);
    }

    /** Throws an {@link InputError} naming this place. */
    public fail(problem: string): never {
        throw new InputError(`${this.where}: ${problem}`);
    }
}

/** A JSON object, or fails. */
export function object(v: unknown, at: At): Record<string, unknown> {
    if (v === null || typeof v !== "object" || Array.isArray(v)) {
        at.fail(`is ${describe(v)}, not a JSON object`);
    }
    return v as Record<string, unknown>;
}

/** A non-empty string field. */
export function text(o: Record<string, unknown>, key: string, at: At): string {
    const v = o[key];
    if (typeof v !== "string" || v === "") {
        return at.at(key).fail(`is ${describe(v)}, not a non-empty string`);
    }
    return v;
}

/** An optional string field (absent or null: undefined). */
export function optionalText(o: Record<string, unknown>, key: string, at: At): string | undefined {
    const v = o[key];
    return v === undefined || v === null ? undefined : text(o, key, at);
}

/** A list field; absent or null is an empty list (the API omits empty lists). */
export function list(o: Record<string, unknown>, key: string, at: At): unknown[] {
    const v = o[key];
    if (v === undefined || v === null) {
        return [];
    }
    if (!Array.isArray(v)) {
        return at.at(key).fail(`is ${describe(v)}, not a list`);
    }
    return v;
}

/** An optional boolean field. */
export function optionalBoolean(o: Record<string, unknown>, key: string, at: At): boolean | undefined {
    const v = o[key];
    if (v === undefined || v === null) {
        return undefined;
    }
    if (typeof v !== "boolean") {
        return at.at(key).fail(`is ${describe(v)}, not true or false`);
    }
    return v;
}

/**
 * A policy document as JSON text, from either form the API's clients give it: a JSON object (the AWS
 * CLI decodes documents) or RFC 3986 URL-encoded JSON text (the raw API and the SDKs that do not
 * decode, such as the AWS SDK for JavaScript). JSON text that was not encoded (starting with `{`,
 * which URL encoding never leaves as is) is read as it is. The document must be a JSON object; what
 * it says as IAM is the pack's to judge (a malformed statement is a violation, not an input error).
 */
export function policyDocument(v: unknown, at: At): string {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
        return JSON.stringify(v);
    }
    if (typeof v !== "string" || v === "") {
        at.fail(`is ${describe(v)}, not a policy document (a JSON object, or URL-encoded JSON text)`);
    }
    const plain = v.trimStart().startsWith("{");
    let decoded = v;
    if (!plain) {
        try {
            decoded = decodeURIComponent(v);
        } catch {
            at.fail("is not URL-encoded JSON text (a % escape is malformed)");
        }
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(decoded);
    } catch {
        at.fail(plain ? "is not valid JSON" : "is not valid JSON after URL-decoding");
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        at.fail(`is ${describe(parsed)}${plain ? "" : " after URL-decoding"}, not a JSON object`);
    }
    return decoded;
}
