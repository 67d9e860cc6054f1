/**
 * Where each entity is in its authorization-details file, for findings to point at (SARIF's
 * `physicalLocation`, the text report's `file:line`). The gate points at the program line that
 * registered a resource; an account's user or role was registered by no program, so a finding points
 * at the line of the export that names its entity: `"UserName": "alice"` (`GroupName`, `RoleName`,
 * `PolicyName`), with the column, which is what places it in a file written on one line.
 *
 * Found by scanning the text once, not by parsing it again. A user's, group's or role's name field is
 * first written in its own entry (a role's instance profiles repeat its name after it); a managed
 * policy's is looked for only from the top-level `Policies` list on, since inline and attached
 * policies write `PolicyName` earlier.
 */
import { SourceLocation } from "../gate/report/model";
import { LISTS } from "./entities";
import { Entity } from "./resources";

/** The entity each name field belongs to. */
const KIND_OF_FIELD: Readonly<Record<string, Entity["kind"]>> = {
    [LISTS.users.name]: "user",
    [LISTS.groups.name]: "group",
    [LISTS.roles.name]: "role",
    [LISTS.policies.name]: "policy",
};

const NAME_FIELD = new RegExp(`"(${Object.keys(KIND_OF_FIELD).join("|")})"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)"`, "g");
const POLICIES_LIST = new RegExp(`"${LISTS.policies.key}"\\s*:\\s*\\[`);

/** The key of an entity in {@link entityLocations}' map. */
export function entityKey(e: Entity): string {
    return `${e.kind}:${e.name}`;
}

/**
 * Adds the place of every entity `text` names to `into` (by {@link entityKey}; the first place wins),
 * `file` being the file's path as reports give it.
 */
export function entityLocations(file: string, text: string, into: Map<string, SourceLocation>): void {
    const policies = text.search(POLICIES_LIST);
    let line = 1;
    let lineStart = 0;
    for (const m of text.matchAll(NAME_FIELD)) {
        const at = m.index ?? 0;
        const kind = KIND_OF_FIELD[m[1]];
        if (kind === "policy" && (policies < 0 || at < policies)) {
            continue;
        }
        // Matches come in order: count the lines since the last one.
        for (let nl = text.indexOf("\n", lineStart); nl !== -1 && nl < at; nl = text.indexOf("\n", lineStart)) {
            line++;
            lineStart = nl + 1;
        }
        const name = unescape(m[2]);
        const key = name === undefined ? undefined : entityKey({ kind, name });
        if (key !== undefined && !into.has(key)) {
            into.set(key, { file, line, column: at - lineStart + 1 });
        }
    }
}

/** A JSON string's content, unescaped; undefined when it is not valid JSON (the reader refuses such a file). */
function unescape(content: string): string | undefined {
    if (!content.includes("\\")) {
        return content;
    }
    try {
        return JSON.parse(`"${content}"`) as string;
    } catch {
        return undefined;
    }
}
