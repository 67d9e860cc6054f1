/**
 * Reads an IAM credential report (`aws iam generate-credential-report`, then
 * `aws iam get-credential-report`): the command's JSON (the CSV base64-encoded in `Content`), the
 * base64 text alone (`--query Content --output text`), or the decoded CSV. Columns are read by their
 * header names (older reports have fewer); a missing required column, a row whose width differs from
 * the header, or a value that is not what its column holds is an {@link InputError}.
 */
import { accountOfArn } from "../policypack/lib/arn";
import { InputError } from "./input";

/** One access key's columns. Dates are ISO 8601 as the report writes them; undefined for N/A, never used or not reported. */
export interface KeyInfo {
    /** 1 or 2: which of the user's key slots. */
    readonly slot: 1 | 2;
    readonly active: boolean;
    readonly lastRotated?: string;
    readonly lastUsedDate?: string;
    readonly lastUsedRegion?: string;
    readonly lastUsedService?: string;
}

/** One user's row (the root account's row is kept apart). */
export interface CredentialRow {
    readonly user: string;
    readonly arn: string;
    readonly passwordEnabled?: boolean;
    readonly mfaActive?: boolean;
    readonly keys: readonly KeyInfo[];
}

/** The report. */
export interface CredentialReport {
    readonly account: string;
    /** When AWS generated it (`GeneratedTime` of the JSON form); key ages are counted to it. */
    readonly generatedTime?: string;
    readonly users: ReadonlyMap<string, CredentialRow>;
    /** The root account's access keys, when the report lists any as active. */
    readonly rootActiveKeys: number;
}

const REQUIRED = ["user", "arn", "access_key_1_active", "access_key_2_active"];
const EMPTY = new Set(["N/A", "no_information", "not_supported", ""]);

/** Parses a credential report file (`name` names it in messages). */
export function readCredentialReport(name: string, text: string): CredentialReport {
    const { csv, generatedTime } = unwrap(name, text);
    const lines = csv.split(/\r?\n/).filter(l => l !== "");
    const header = lines[0].split(",");
    const missing = REQUIRED.filter(c => !header.includes(c));
    if (missing.length > 0) {
        throw new InputError(`${name}: the credential report has no column ${missing.join(", ")}; its header is ${JSON.stringify(lines[0].slice(0, 80))}`);
    }
    const users = new Map<string, CredentialRow>();
    let account: string | undefined;
    let rootActiveKeys = 0;
    lines.slice(1).forEach((line, i) => {
        const where = `${name}: line ${i + 2}`;
        const cells = splitRow(line, header);
        if (cells.length !== header.length) {
            throw new InputError(`${where}: ${cells.length} fields, but the header has ${header.length}`);
        }
        const cell = (column: string): string | undefined => {
            const at = header.indexOf(column);
            return at < 0 || EMPTY.has(cells[at]) ? undefined : cells[at];
        };
        const flag = (column: string): boolean | undefined => {
            const v = cell(column);
            if (v !== undefined && !/^(true|false)$/i.test(v)) {
                throw new InputError(`${where}: ${column} is ${JSON.stringify(v)}, not true or false`);
            }
            return v === undefined ? undefined : v.toLowerCase() === "true";
        };
        const arn = cell("arn") ?? "";
        const rowAccount = accountOfArn(arn);
        if (rowAccount === undefined) {
            throw new InputError(`${where}: arn ${JSON.stringify(arn)} names no account`);
        }
        if (account !== undefined && rowAccount !== account) {
            throw new InputError(`${where}: arn names account ${rowAccount}, the rows before it ${account}`);
        }
        account = rowAccount;
        const keys = ([1, 2] as const).map(slot => ({
            slot,
            active: flag(`access_key_${slot}_active`) === true,
            ...optional("lastRotated", cell(`access_key_${slot}_last_rotated`)),
            ...optional("lastUsedDate", cell(`access_key_${slot}_last_used_date`)),
            ...optional("lastUsedRegion", cell(`access_key_${slot}_last_used_region`)),
            ...optional("lastUsedService", cell(`access_key_${slot}_last_used_service`)),
        }));
        const user = cell("user") ?? "";
        if (user === "<root_account>") {
            rootActiveKeys = keys.filter(k => k.active).length;
            return;
        }
        const passwordEnabled = flag("password_enabled");
        const mfaActive = flag("mfa_active");
        users.set(user, {
            user,
            arn,
            ...(passwordEnabled !== undefined ? { passwordEnabled } : {}),
            ...(mfaActive !== undefined ? { mfaActive } : {}),
            keys,
        });
    });
    if (account === undefined) {
        throw new InputError(`${name}: the credential report has no rows`);
    }
    return { account, ...(generatedTime ? { generatedTime } : {}), users, rootActiveKeys };
}

/**
 * A row's cells. IAM user names may hold commas, which the report does not quote: a row with extra
 * fields is read with them in `user` and in the ARN that ends with it, when that is consistent.
 */
function splitRow(line: string, header: readonly string[]): string[] {
    const cells = line.split(",");
    const extra = cells.length - header.length;
    if (extra <= 0 || extra % 2 !== 0 || header[0] !== "user" || header[1] !== "arn") {
        return cells;
    }
    // Each comma of the name shows twice: in `user` and at the end of `arn`.
    const commas = extra / 2;
    const user = cells.slice(0, commas + 1).join(",");
    const arn = cells.slice(commas + 1, 2 * commas + 2).join(",");
    return arn.endsWith(`/${user}`) ? [user, arn, ...cells.slice(2 * commas + 2)] : cells;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
    return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/** The CSV inside whichever form the file has. */
function unwrap(name: string, text: string): { csv: string; generatedTime?: string } {
    const trimmed = text.trim();
    if (trimmed.startsWith("user,")) {
        return { csv: trimmed };
    }
    if (trimmed.startsWith("{")) {
        let json: unknown;
        try {
            json = JSON.parse(trimmed);
        } catch (e) {
            throw new InputError(`${name}: is not JSON (${(e as Error).message})`);
        }
        const o = json !== null && typeof json === "object" ? (json as Record<string, unknown>) : {};
        if (typeof o.Content !== "string") {
            throw new InputError(`${name}: Content is missing; expected the output of aws iam get-credential-report`);
        }
        return { csv: decoded(`${name}: Content`, o.Content), ...(typeof o.GeneratedTime === "string" ? { generatedTime: o.GeneratedTime } : {}) };
    }
    return { csv: decoded(name, trimmed) };
}

function decoded(where: string, base64: string): string {
    if (base64.trim().startsWith("user,")) {
        return base64.trim();
    }
    const csv = /^[A-Za-z0-9+/=\s]+$/.test(base64) ? Buffer.from(base64, "base64").toString("utf8").trim() : "";
    if (!csv.startsWith("user,")) {
        throw new InputError(`${where}: is not a credential report: expected its CSV (header user,arn,…), the CSV in base64, or get-credential-report's JSON`);
    }
    return csv;
}
