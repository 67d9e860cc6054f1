/**
 * `getPolicyDocument`'s arguments, checked as the provider's schema checks them, and the document
 * its statements describe, built as the provider builds it:
 * - `actions`, `notActions`, `resources`, `notResources` and each principal's `identifiers` are
 *   sets: duplicates go, one value is written as a string, several sorted in reverse;
 * - `principals`, `notPrincipals` and `conditions` are sets of blocks, listed in the Terraform SDK's
 *   hash order (tfSet.ts), which decides how blocks of one principal type or one condition key merge;
 * - condition `values` are a list: order and empty strings are kept;
 * - `&{` becomes `${` in resources, identifiers and condition values (an error in version
 *   2008-10-17); the effect defaults to Allow, the version to 2012-10-17; a repeated non-empty Sid
 *   is an error.
 */
import { list, optional, record, required, strings } from "../args";
import { InvokeFailure } from "../errors";
import { syntaxErrorText } from "./goJson";
import { Condition, oneOrReverseSorted, PolicyDoc, Principal, Statement } from "./model";
import { conditionElement, principalElement, setOrder, stringSet } from "./tfSet";

/** A principal block as given. */
interface PrincipalBlock {
    readonly type: string;
    readonly identifiers: readonly string[];
}

/** A condition block as given. */
interface ConditionBlock {
    readonly test: string;
    readonly variable: string;
    readonly values: readonly string[];
}

/** A statement block as given, defaults applied. */
export interface StatementBlock {
    readonly sid: string;
    readonly effect: string;
    readonly actions: readonly string[];
    readonly notActions: readonly string[];
    readonly resources: readonly string[];
    readonly notResources: readonly string[];
    readonly principals: readonly PrincipalBlock[];
    readonly notPrincipals: readonly PrincipalBlock[];
    readonly conditions: readonly ConditionBlock[];
}

/** The arguments, checked. */
export interface DocumentArgs {
    readonly version: string;
    readonly policyId: string;
    readonly statements: readonly StatementBlock[];
    readonly sourcePolicyDocuments: readonly string[];
    readonly overridePolicyDocuments: readonly string[];
}

const VERSIONS = ["2008-10-17", "2012-10-17"];
const EFFECTS = ["Allow", "Deny"];

/** Checks the invoke's arguments (Pulumi names) and applies the schema's defaults. */
export function readArgs(args: Record<string, unknown>): DocumentArgs {
    for (const deprecated of ["sourceJson", "overrideJson"]) {
        const v = optional(args[deprecated], deprecated);
        if (v !== undefined && v !== "") {
            const snake = deprecated === "sourceJson" ? "source_json" : "override_json";
            throw new InvokeFailure(`expected "${snake}" to be an empty string, got ${v} (${deprecated} is no longer used: pass the document in ${deprecated.replace("Json", "PolicyDocuments")})`);
        }
    }
    const version = optional(args.version, "version") ?? "2012-10-17";
    if (!VERSIONS.includes(version)) {
        throw new InvokeFailure(`expected version to be one of ["2008-10-17" "2012-10-17"], got ${version}`);
    }
    const documents = (key: "sourcePolicyDocuments" | "overridePolicyDocuments", snake: string) =>
        strings(args[key], key).map((text, i) => {
            if (text !== "") {
                try {
                    JSON.parse(text);
                } catch (e) {
                    throw new InvokeFailure(`"${snake}.${i}" contains an invalid JSON: ${syntaxErrorText(text, e as Error)}`);
                }
            }
            return text;
        });
    return {
        version,
        policyId: optional(args.policyId, "policyId") ?? "",
        statements: list(args.statements, "statements").map((s, i) => statementBlock(s, `statements[${i}]`, i)),
        sourcePolicyDocuments: documents("sourcePolicyDocuments", "source_policy_documents"),
        overridePolicyDocuments: documents("overridePolicyDocuments", "override_policy_documents"),
    };
}

function statementBlock(value: unknown, at: string, index: number): StatementBlock {
    const s = record(value, at);
    const effect = optional(s.effect, `${at}.effect`) ?? "Allow";
    if (!EFFECTS.includes(effect)) {
        throw new InvokeFailure(`expected statement.${index}.effect to be one of ["Allow" "Deny"], got ${effect}`);
    }
    const principals = (key: string) =>
        list(s[key], `${at}.${key}`).map((p, j) => {
            const block = record(p, `${at}.${key}[${j}]`);
            return { type: required(block.type, `${at}.${key}[${j}].type`), identifiers: nonEmptyStrings(block.identifiers, `${at}.${key}[${j}].identifiers`, true) };
        });
    return {
        sid: optional(s.sid, `${at}.sid`) ?? "",
        effect,
        actions: nonEmptyStrings(s.actions, `${at}.actions`),
        notActions: nonEmptyStrings(s.notActions, `${at}.notActions`),
        resources: nonEmptyStrings(s.resources, `${at}.resources`),
        notResources: nonEmptyStrings(s.notResources, `${at}.notResources`),
        principals: principals("principals"),
        notPrincipals: principals("notPrincipals"),
        conditions: list(s.conditions, `${at}.conditions`).map((c, j) => {
            const block = record(c, `${at}.conditions[${j}]`);
            const where = `${at}.conditions[${j}]`;
            if (block.values === undefined || block.values === null) {
                throw new InvokeFailure(`${where}.values is required`);
            }
            return { test: required(block.test, `${where}.test`), variable: required(block.variable, `${where}.variable`), values: strings(block.values, `${where}.values`) };
        }),
    };
}

/** The document the statements describe (the provider's "current document"). */
export function currentDoc(args: DocumentArgs): PolicyDoc {
    const seen = new Set<string>();
    const statements = args.statements.map((b): Statement => {
        if (b.sid !== "" && seen.has(b.sid)) {
            throw new InvokeFailure(`writing IAM Policy Document: duplicate Sid (${b.sid}). Remove the Sid or ensure the Sid is unique.`);
        }
        seen.add(b.sid);
        const strings = (values: readonly string[], what: string, vars: boolean) => {
            if (values.length === 0) {
                return undefined;
            }
            const decoded = oneOrReverseSorted(stringSet(values));
            return vars ? replaceVars(decoded, args.version, `reading ${what}`) : decoded;
        };
        return {
            sid: b.sid,
            effect: b.effect,
            actions: strings(b.actions, "actions", false),
            notActions: strings(b.notActions, "not_actions", false),
            resources: strings(b.resources, "resources", true),
            notResources: strings(b.notResources, "not_resources", true),
            principals: principalsOf(b.principals, args.version, "principals"),
            notPrincipals: principalsOf(b.notPrincipals, args.version, "not_principals"),
            conditions: setOrder(b.conditions, conditionElement).map((c): Condition => {
                const values = replaceVars([...c.values], args.version, "reading condition: reading values") as string[];
                return { test: c.test, variable: c.variable, values: values.length === 1 ? values[0] : values };
            }),
        };
    });
    return { version: args.version, id: args.policyId, statements };
}

function principalsOf(blocks: readonly PrincipalBlock[], version: string, what: string): Principal[] {
    return setOrder(blocks, principalElement).map(p => ({
        type: p.type,
        identifiers: replaceVars(oneOrReverseSorted(stringSet(p.identifiers)), version, `reading ${what}: reading identifiers`),
    }));
}

function replaceVars<T extends string | string[]>(value: T, version: string, what: string): T {
    const one = (v: string) => {
        if (version === "2008-10-17" && v.includes("&{")) {
            throw new InvokeFailure(`${what}: found &{ sequence in (${v}), which is not supported in document version 2008-10-17`);
        }
        return v.split("&{").join("${");
    };
    return (typeof value === "string" ? one(value) : value.map(one)) as T;
}

/**
 * A set of strings. An empty string in one is refused: the SDK drops or nils it depending on the
 * path, and the gate does not guess which.
 */
function nonEmptyStrings(value: unknown, at: string, requiredList = false): string[] {
    if (requiredList && (value === undefined || value === null)) {
        throw new InvokeFailure(`${at} is required`);
    }
    const values = strings(value, at);
    if (values.includes("")) {
        throw new InvokeFailure(`${at} holds an empty string, which the provider cannot render`);
    }
    return values;
}
