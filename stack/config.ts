/**
 * The program's configuration: declared once here, mirrored in Pulumi.yaml's `config:` block (a
 * test keeps the two equal), parsed from raw stack config and validated before any resource is
 * registered. Every error names the key, quotes the value and says the fix.
 */
import { distance } from "fastest-levenshtein";

import {
    checkAccountId,
    checkCidrs,
    checkIamName,
    checkExternalId,
    checkPrincipal,
    checkSeconds,
    InvalidArgumentError,
} from "../components/validation";
import { stackNames } from "./args";
import { checkStackQuotas } from "./quotas";

/** The Pulumi project name; config keys live in its namespace. */
export const PROJECT = "assume-guard";

type ConfigType = "string" | "integer" | "boolean" | "array";
type ConfigValue = string | number | boolean | string[];

/** One declared config key, as Pulumi.yaml declares it. */
export interface ConfigKeySpec {
    readonly type: ConfigType;
    readonly description: string;
    /** Absent means required. */
    readonly default?: ConfigValue;
}

/** Every config key of the program. Pulumi.yaml declares exactly these, with the same defaults. */
export const CONFIG_KEYS = {
    allowedCidrs: {
        type: "array",
        description: "CIDRs the connector calls AWS from. The role trusts the user only from these, and the user's key is denied outside them.",
    },
    tableName: { type: "string", description: "Name of the DynamoDB table the role may read and write." },
    hashKey: { type: "string", description: "Partition key attribute of the table.", default: "pk" },
    hashKeyType: { type: "string", description: "Partition key type: S, N or B.", default: "S" },
    rangeKey: { type: "string", description: "Sort key attribute of the table; empty for none.", default: "" },
    rangeKeyType: { type: "string", description: "Sort key type: S, N or B.", default: "S" },
    sessionDurationSeconds: {
        type: "integer",
        description: "Longest role session, 3600 to 43200 seconds.",
        default: 3600,
    },
    requireMfa: { type: "boolean", description: "Require MFA to assume the role (for people, not connectors).", default: false },
    maxMfaAgeSeconds: {
        type: "integer",
        description: "With requireMfa, how old the MFA sign-in may be in seconds; 0 for no limit.",
        default: 0,
    },
    externalIds: {
        type: "array",
        description: "sts:ExternalId values the caller must pass; empty for none.",
        default: [],
    },
    additionalPrincipals: {
        type: "array",
        description: "Further user/role ARNs or account IDs the role trusts, under the same conditions.",
        default: [],
    },
    createAccessKey: { type: "boolean", description: "Create an access key for the user.", default: true },
    pgpKey: {
        type: "string",
        description: "Base64 PGP public key or keybase:<user> to encrypt the secret key with; empty to keep it as a Pulumi secret.",
        default: "",
    },
    deletionProtection: { type: "boolean", description: "DynamoDB deletion protection.", default: true },
    pointInTimeRecovery: { type: "boolean", description: "DynamoDB point-in-time recovery.", default: true },
    allowListTables: {
        type: "boolean",
        description: "Also grant dynamodb:ListTables on * (it has no resource-level permissions); Retool's connector needs it.",
        default: false,
    },
    namePrefix: {
        type: "string",
        description: "Prefix of the user and role names; empty for <project>-<stack>.",
        default: "",
    },
    userName: {
        type: "string",
        description: "Name of the assume-only IAM user; empty for <namePrefix>-user. Name an existing user to adopt it (pulumi import).",
        default: "",
    },
    operatorCidrs: {
        type: "array",
        description: "Office CIDRs of the operator; when set, the stack adds an operator user and an AdministratorAccess role it may assume only from these networks and only with MFA.",
        default: [],
    },
    operatorMfaAdministrators: {
        type: "array",
        description:
            "Administrators (user or role ARNs, or account IDs) who enrol the operator's MFA device; when set, the stack adds a role they may assume only from operatorCidrs with MFA, allowed only to manage the operator's MFA device. Never the operator itself.",
        default: [],
    },
    accountId: {
        type: "string",
        description: "The AWS account this stack must deploy to; empty to accept the caller's account. Prefer aws:allowedAccountIds, which the provider enforces and the policy pack reads; when both are set they must agree.",
        default: "",
    },
} as const satisfies Record<string, ConfigKeySpec>;

/** The validated configuration of one stack. */
export interface StackConfig {
    readonly allowedCidrs: readonly string[];
    readonly tableName: string;
    readonly hashKey: { readonly name: string; readonly type: "S" | "N" | "B" };
    readonly rangeKey?: { readonly name: string; readonly type: "S" | "N" | "B" };
    readonly sessionDurationSeconds: number;
    readonly requireMfa: boolean;
    readonly maxMfaAgeSeconds?: number;
    readonly externalIds: readonly string[];
    readonly additionalPrincipals: readonly string[];
    readonly createAccessKey: boolean;
    readonly pgpKey?: string;
    readonly deletionProtection: boolean;
    readonly pointInTimeRecovery: boolean;
    readonly allowListTables: boolean;
    readonly namePrefix: string;
    /** The assume-only user's name (`<namePrefix>-user` unless set). */
    readonly userName: string;
    readonly operatorCidrs: readonly string[];
    readonly operatorMfaAdministrators: readonly string[];
    readonly accountId?: string;
}

type Key = keyof typeof CONFIG_KEYS;

/**
 * Parses and validates raw stack config (`pulumi.runtime.allConfig()`: fully qualified keys,
 * string values, structured values as JSON). Throws {@link InvalidArgumentError} on the first problem.
 */
export function parseStackConfig(raw: Record<string, string>, stack: string): StackConfig {
    const known = Object.keys(CONFIG_KEYS) as Key[];
    for (const fullKey of Object.keys(raw).sort()) {
        const [ns, key] = splitKey(fullKey);
        if (ns === PROJECT && !(known as string[]).includes(key)) {
            const hint = nearest(key, known);
            throw new InvalidArgumentError(
                `${fullKey} is not a config key of this program. Fix: ${hint ? `did you mean ${PROJECT}:${hint}? ` : ""}` +
                    `remove it, or use one of ${known.join(", ")}.`,
            );
        }
    }
    const get = <K extends Key>(key: K) => read(raw, key);
    const allowedCidrs = get("allowedCidrs") as string[];
    checkCidrs(label("allowedCidrs"), allowedCidrs);
    const tableName = get("tableName") as string;
    if (!/^[a-zA-Z0-9_.-]{3,255}$/.test(tableName)) {
        bad("tableName", tableName, "is not a valid DynamoDB table name", "use 3 to 255 characters of letters, digits, _ . and -");
    }
    const sessionDurationSeconds = get("sessionDurationSeconds") as number;
    checkSeconds(label("sessionDurationSeconds"), sessionDurationSeconds, 3600, 43200);
    const requireMfa = get("requireMfa") as boolean;
    const maxMfaAgeSeconds = get("maxMfaAgeSeconds") as number;
    if (maxMfaAgeSeconds !== 0) {
        if (!requireMfa) {
            bad("maxMfaAgeSeconds", maxMfaAgeSeconds, "is set but requireMfa is false", `set ${PROJECT}:requireMfa to true, or drop maxMfaAgeSeconds`);
        }
        checkSeconds(label("maxMfaAgeSeconds"), maxMfaAgeSeconds, 60, 129600);
    }
    const externalIds = get("externalIds") as string[];
    externalIds.forEach((id, i) => checkExternalId(`${label("externalIds")}[${i}]`, id));
    const additionalPrincipals = get("additionalPrincipals") as string[];
    additionalPrincipals.forEach((p, i) => checkPrincipal(`${label("additionalPrincipals")}[${i}]`, p));
    const operatorCidrs = get("operatorCidrs") as string[];
    if (operatorCidrs.length > 0) {
        checkCidrs(label("operatorCidrs"), operatorCidrs);
    }
    const operatorMfaAdministrators = get("operatorMfaAdministrators") as string[];
    if (operatorMfaAdministrators.length > 0 && operatorCidrs.length === 0) {
        bad("operatorMfaAdministrators", operatorMfaAdministrators, "is set but there is no operator (operatorCidrs is empty)", `set ${PROJECT}:operatorCidrs to the operator's office CIDRs, or drop operatorMfaAdministrators`);
    }
    operatorMfaAdministrators.forEach((p, i) => checkPrincipal(`${label("operatorMfaAdministrators")}[${i}]`, p));
    const accountId = get("accountId") as string;
    if (accountId !== "") {
        checkAccountId(label("accountId"), accountId);
        const allowed = allowedAccountIds(raw["aws:allowedAccountIds"]);
        if (allowed !== undefined && !allowed.includes(accountId)) {
            bad("accountId", accountId, `is not among aws:allowedAccountIds (${allowed.join(", ")})`, `leave ${PROJECT}:accountId empty (aws:allowedAccountIds already pins the account), or make the two agree`);
        }
    }
    const rangeKey = get("rangeKey") as string;
    const pgpKey = get("pgpKey") as string;
    const createAccessKey = get("createAccessKey") as boolean;
    if (pgpKey !== "" && !createAccessKey) {
        bad("pgpKey", "…", "is set but createAccessKey is false", `set ${PROJECT}:createAccessKey to true, or drop pgpKey`);
    }
    const namePrefix = (get("namePrefix") as string) || `${PROJECT}-${stack}`;
    if (!/^[\w+=,.@-]{1,40}$/.test(namePrefix)) {
        bad("namePrefix", namePrefix, "is not usable in IAM names", "use 1 to 40 characters of letters, digits and +=,.@-_");
    }
    const userName = (get("userName") as string) || `${namePrefix}-user`;
    checkIamName(label("userName"), userName, 64);
    const cfg: StackConfig = {
        allowedCidrs,
        tableName,
        hashKey: { name: get("hashKey") as string, type: keyType("hashKeyType", get("hashKeyType") as string) },
        rangeKey: rangeKey === "" ? undefined : { name: rangeKey, type: keyType("rangeKeyType", get("rangeKeyType") as string) },
        sessionDurationSeconds,
        requireMfa,
        maxMfaAgeSeconds: maxMfaAgeSeconds === 0 ? undefined : maxMfaAgeSeconds,
        externalIds,
        additionalPrincipals,
        createAccessKey,
        pgpKey: pgpKey === "" ? undefined : pgpKey,
        deletionProtection: get("deletionProtection") as boolean,
        pointInTimeRecovery: get("pointInTimeRecovery") as boolean,
        allowListTables: get("allowListTables") as boolean,
        namePrefix,
        userName,
        operatorCidrs,
        operatorMfaAdministrators,
        accountId: accountId === "" ? undefined : accountId,
    };
    const operatorUser = stackNames(cfg).operatorUser;
    operatorMfaAdministrators.forEach((p, i) => {
        const resource = p.split(":")[5] ?? "";
        if (resource.startsWith("user/") && resource.slice(resource.lastIndexOf("/") + 1).toLowerCase() === operatorUser.toLowerCase()) {
            bad(
                "operatorMfaAdministrators",
                p,
                `(entry ${i}) is the operator user ${operatorUser} itself`,
                "list administrators only: a key that may enrol its own MFA device enrols the attacker's and meets every MFA condition",
            );
        }
    });
    checkStackQuotas(cfg, raw["aws:region"] ?? "", PROJECT);
    return cfg;
}

/** The AWS provider's `aws:allowedAccountIds` (structured config arrives as JSON), or undefined when unset or unreadable (the provider reports that itself). */
function allowedAccountIds(text: string | undefined): string[] | undefined {
    try {
        const v: unknown = text === undefined ? undefined : JSON.parse(text);
        return Array.isArray(v) && v.length > 0 ? v.map(String) : undefined;
    } catch {
        return undefined;
    }
}

function label(key: Key): string {
    return `${PROJECT}:${key}`;
}

function bad(key: Key, value: unknown, problem: string, fix: string): never {
    throw new InvalidArgumentError(`${label(key)}: ${JSON.stringify(value)} ${problem}. Fix: ${fix}.`);
}

function splitKey(fullKey: string): [string, string] {
    const i = fullKey.indexOf(":");
    return i < 0 ? [PROJECT, fullKey] : [fullKey.slice(0, i), fullKey.slice(i + 1)];
}

function read(raw: Record<string, string>, key: Key): ConfigValue {
    const spec: ConfigKeySpec = CONFIG_KEYS[key];
    const text = raw[label(key)];
    if (text === undefined) {
        if (spec.default === undefined) {
            bad(key, undefined, "is required but not set", `run pulumi config set ${label(key)} <value>, or add it to Pulumi.<stack>.yaml`);
        }
        return spec.default;
    }
    switch (spec.type) {
        case "string":
            return text;
        case "integer":
            if (!/^-?\d+$/.test(text.trim())) {
                bad(key, text, "is not a whole number", "write a plain integer such as 3600");
            }
            return Number(text);
        case "boolean":
            if (text !== "true" && text !== "false") {
                bad(key, text, "is not a boolean", "write true or false");
            }
            return text === "true";
        case "array": {
            let parsed: unknown;
            try {
                parsed = JSON.parse(text);
            } catch {
                parsed = undefined;
            }
            if (!Array.isArray(parsed) || parsed.some(v => typeof v !== "string")) {
                bad(key, text, "is not a list of strings", `write a YAML list, e.g. ${label(key)}: ["…"]`);
            }
            return parsed;
        }
    }
}

function keyType(key: "hashKeyType" | "rangeKeyType", value: string): "S" | "N" | "B" {
    if (value !== "S" && value !== "N" && value !== "B") {
        bad(key, value, "is not a DynamoDB key type", "use S (string), N (number) or B (binary)");
    }
    return value;
}

/** The known key closest to `key` by edit distance, when it is close enough to be a typo. */
function nearest(key: string, known: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = 3;
    for (const k of known) {
        const d = distance(key.toLowerCase(), k.toLowerCase());
        if (d < bestDistance) {
            best = k;
            bestDistance = d;
        }
    }
    return best;
}
