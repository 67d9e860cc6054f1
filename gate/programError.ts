/**
 * What stopped a program from being judged, as one line that names the cause and where it happened
 * (the program's file and line when the error's stack shows one), with the full detail kept for
 * `--verbose`.
 */
import * as path from "path";
import { fileURLToPath } from "url";

/** The program could not be judged. `message` is one line; `detail` is the stack or captured output. */
export class ProgramError extends Error {
    public constructor(
        message: string,
        public readonly detail?: string,
    ) {
        super(message);
    }
}

/** A path as the caller reads it: relative to the working directory when under it. */
export function shown(file: string): string {
    const rel = path.relative(process.cwd(), file);
    return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel.split(path.sep).join("/") : file;
}

/**
 * The one-line cause of `e`, thrown or rejected by the program rooted at `root` (entry `entry`):
 * `the program failed at <file>:<line>: <message>` (the entry when no frame of the program shows).
 */
export function programFailure(e: unknown, root: string, entry: string, output = ""): ProgramError {
    const detail = [stackOf(e), output].filter(s => s !== undefined && s !== "").join("\n") || undefined;
    const where = locate(e, root) ?? shown(entry);
    const exit = e instanceof Error && e.name === "ProgramExit" ? (e as unknown as { code?: unknown }).code : undefined;
    if (isConfigError(e)) {
        return new ProgramError(
            `the program's TypeScript configuration is refused by the TypeScript it loads: ${describe(e)} ` +
                `Fix: correct the tsconfig.json of ${shown(root)}, or install in the project folder the TypeScript version the project was written for`,
            detail,
        );
    }
    return e instanceof Error && e.name === "ProgramExit"
        ? new ProgramError(`the program called process.exit(${exit ?? ""}) at ${where} before it finished; nothing was judged`, detail)
        : new ProgramError(`the program failed at ${where}: ${describe(e)}`, detail);
}

/** The first line of what `e` says, with the fix for a missing config key. */
export function describe(e: unknown): string {
    if (!(e instanceof Error)) {
        return `a non-Error value was thrown: ${safeString(e)}`;
    }
    const record = e as unknown as Record<string, unknown>;
    if (e.name === "ConfigMissingError" || (typeof record["key"] === "string" && /^Missing required configuration variable/.test(e.message))) {
        const key = String(record["key"]);
        const secret = record["secret"] === true ? "--secret " : "";
        return `Missing required configuration variable '${key}'; set it with \`pulumi config set ${secret}${key} <value>\` or pass --config ${key}=VALUE to the gate`;
    }
    if (record["code"] === "MODULE_NOT_FOUND" || record["code"] === "ERR_MODULE_NOT_FOUND") {
        const first = e.message.split("\n")[0].replace(/ imported from .*$/, "");
        return `${first}; install the project's dependencies (npm install in the project folder)`;
    }
    const lines = e.message.split("\n").map(l => l.trim()).filter(l => l !== "");
    const first = e.name === "TSError" && lines.length > 1 ? lines[1] : lines[0] ?? e.name;
    const resource = record["resource"];
    const name = typeof resource === "object" && resource !== null ? (resource as Record<string, unknown>)["__name"] : undefined;
    return typeof name === "string" && !first.includes(name) ? `${first} (resource ${name})` : first;
}

/** A ts-node error about the compiler options (TypeScript's TS5xxx diagnostics), not about the program's code. */
function isConfigError(e: unknown): boolean {
    const codes = e instanceof Error && e.name === "TSError" ? (e as unknown as { diagnosticCodes?: unknown }).diagnosticCodes : undefined;
    return Array.isArray(codes) && codes.length > 0 && codes.every(c => typeof c === "number" && c >= 5000 && c < 6000);
}

function stackOf(e: unknown): string | undefined {
    return e instanceof Error ? (e.stack ?? e.message) : undefined;
}

/** `file:line` of the first stack frame in the program's own files (not node_modules). */
function locate(e: unknown, root: string): string | undefined {
    if (!(e instanceof Error) || typeof e.stack !== "string") {
        return undefined;
    }
    const candidates: string[] = [];
    const head = /^((?:file:\/\/)?\/[^\n]*?):(\d+)\n/.exec(e.stack); // a SyntaxError: "<file>:<line>" first
    if (head) {
        candidates.push(`${head[1]}:${head[2]}`);
    }
    for (const m of e.stack.matchAll(/^\s+at (?:.*? \()?((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?$/gm)) {
        candidates.push(`${m[1]}:${m[2]}`);
    }
    for (const c of candidates) {
        const i = c.lastIndexOf(":");
        const file = c.startsWith("file://") ? fileURLToPath(c.slice(0, i)) : c.slice(0, i);
        const rel = path.relative(root, file);
        if (!rel.startsWith("..") && !path.isAbsolute(rel) && !file.split(path.sep).includes("node_modules")) {
            return `${shown(file)}:${c.slice(i + 1)}`;
        }
    }
    return undefined;
}

function safeString(v: unknown): string {
    try {
        return typeof v === "string" ? v : JSON.stringify(v) ?? String(v);
    } catch {
        return String(v);
    }
}
