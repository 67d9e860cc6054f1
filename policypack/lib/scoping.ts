/**
 * DynamoDB scoping and full access. A statement that *names* the DynamoDB service (`dynamodb:GetItem`,
 * `dynamodb:*`, `dynamo*:get*`) must name table ARNs; a statement that reaches DynamoDB data only
 * through a service wildcard (`*`, `*:*`, `*:GetItem`) or `NotAction`, on unscoped resources, is
 * full access, judged by the role's trust instead (see the data-permissions rule).
 */
import { matchesBroadly, quoteActions, reachedActions, summarise } from "./actions";
import { isAccountId, tableArn } from "./arn";
import { DYNAMODB_DATA_ACTIONS } from "./catalogue";
import { Statement, statementLabel } from "./document";
import { Binding, BindingOptions, DEFAULT_BINDING_OPTIONS } from "./conditions";
import { StackGraph } from "./graph";
import { PrincipalNode } from "./nodes";
import { Judge, RuleResource } from "./rule";
import { ALL_ASSUME_ACTIONS, assumeStatements, BINDING_NAMES, ROLE_TYPE, trustDocument } from "./trust";

const TABLE_PARTS = new Set(["index", "stream", "export", "import", "backup"]);

/** A table, or its indexes, streams, exports, imports or backups, in one region and account; only the last segment may be `*`. */
function isTableScoped(p: string): boolean {
    const t = tableArn(p);
    if (!t || !t.arn.partition.startsWith("aws") || !/^[a-z0-9-]+$/.test(t.arn.region) || !isAccountId(t.arn.account) || !/^[A-Za-z0-9_.-]{3,255}$/.test(t.table)) {
        return false;
    }
    return t.part === undefined || (TABLE_PARTS.has(t.part) && t.partName !== undefined && (t.partName === "*" || /^[^*?]+$/.test(t.partName)));
}

/** How an Allow statement reaches DynamoDB data. */
export interface DynamoReach {
    /** Action patterns that name the service and reach DynamoDB data actions. */
    readonly named: readonly string[];
    /** True when DynamoDB data is reached through a service wildcard or NotAction. */
    readonly broad: boolean;
    /** The statement's resources that are not table ARNs (quoted for messages). */
    readonly unscoped: readonly string[];
}

/** Per action pattern: does it reach a DynamoDB data action (documents repeat their patterns). */
const reachesData = new Map<string, boolean>();

function reachesDynamoData(pattern: string): boolean {
    let hit = reachesData.get(pattern);
    if (hit === undefined) {
        hit = DYNAMODB_DATA_ACTIONS.some(a => matchesBroadly(pattern, a));
        if (reachesData.size >= 4096) {
            reachesData.clear();
        }
        reachesData.set(pattern, hit);
    }
    return hit;
}

/** The statement's reach into DynamoDB data, or undefined when it has none (or is a Deny). */
export function dynamoReach(s: Statement): DynamoReach | undefined {
    if (s.effect !== "Allow") {
        return undefined;
    }
    let named: string[] = [];
    let broad = false;
    if (s.actions.negated) {
        broad = reachedActions(s.actions, DYNAMODB_DATA_ACTIONS).length > 0;
    } else {
        const reaching = s.actions.patterns.filter(reachesDynamoData);
        named = reaching.filter(p => p.includes(":") && !/^\*+$/.test(p.slice(0, p.indexOf(":"))));
        broad = reaching.length > named.length;
    }
    if (named.length === 0 && !broad) {
        return undefined;
    }
    const r = s.resources;
    const unscoped = !r ? ["no Resource"] : r.negated ? [`NotResource ${JSON.stringify(r.patterns)}`] : r.patterns.filter(p => !isTableScoped(p)).map(p => JSON.stringify(p));
    return { named, broad, unscoped };
}

/** Statements that name DynamoDB data actions on resources other than table ARNs. */
export function scopingProblems(statements: readonly Statement[]): string[] {
    return statements.flatMap(s => {
        const reach = dynamoReach(s);
        return reach && reach.named.length > 0 && reach.unscoped.length > 0
            ? [`${statementLabel(s)} allows ${summarise(reach.named.map(p => JSON.stringify(p)))} on ${summarise(reach.unscoped)}`]
            : [];
    });
}

/** Statements that are full access: DynamoDB data through a service wildcard, on unscoped resources. */
export function fullAccessStatements(statements: readonly Statement[]): string[] {
    return statements.flatMap(s => {
        const reach = dynamoReach(s);
        return reach && reach.broad && reach.unscoped.length > 0 ? [`${statementLabel(s)} allows ${quoteActions(s.actions)} on ${summarise(reach.unscoped)}`] : [];
    });
}

const NETWORK: readonly Binding[] = ["sourceIp", "sourceVpc", "sourceVpce"];

/** How a role holding full access is trusted. */
export type TrustVerdict =
    | { readonly kind: "guarded" }
    | { readonly kind: "gaps"; readonly gaps: readonly string[] }
    | { readonly kind: "outside-stack" }
    | { readonly kind: "unreadable" };

/** A role that holds full access, the paths that give it, and its trust's verdict. */
export interface FullAccessRole {
    readonly node: PrincipalNode;
    readonly paths: readonly string[];
    /** The resources that create those paths. */
    readonly holders: readonly RuleResource[];
    readonly trust: TrustVerdict;
}

/** The verdict on a role's trust: every Allow statement requires MFA and a network condition (source IP no broader than `options` allow, or a source VPC or VPC endpoint). */
function trustVerdict(role: RuleResource, judge: Judge, options: BindingOptions): TrustVerdict {
    const trust = trustDocument(role, judge);
    if (!trust?.ok) {
        return { kind: "unreadable" };
    }
    const gaps = assumeStatements(trust.document, ALL_ASSUME_ACTIONS, options)
        .filter(a => !(a.bindings.has("mfa") && NETWORK.some(b => a.bindings.has(b))))
        .map(a => `${statementLabel(a.statement)} binds ${a.bindings.size > 0 ? [...a.bindings].map(b => BINDING_NAMES[b]).join(" and ") : "nothing"}`);
    return gaps.length > 0 ? { kind: "gaps", gaps } : { kind: "guarded" };
}

/** The roles of the graph that hold full access. */
export function fullAccessRoles(graph: StackGraph, judge: Judge, options: BindingOptions = DEFAULT_BINDING_OPTIONS): FullAccessRole[] {
    const out: FullAccessRole[] = [];
    for (const node of graph.nodes.principals("role")) {
        const grants = graph.grantsOf(node).map(g => ({
            g,
            found: g.source.kind === "parsed" && g.source.parsed.ok ? fullAccessStatements(g.source.parsed.document.statements) : [],
        }));
        const paths = grants.flatMap(({ g, found }) => found.map(p => `${g.via} (${p})`));
        const holders = grants.filter(x => x.found.length > 0).map(x => x.g.holder);
        if (paths.length === 0) {
            continue;
        }
        const trust: TrustVerdict = node.resource && node.resource.type === ROLE_TYPE ? trustVerdict(node.resource, judge, options) : { kind: "outside-stack" };
        out.push({ node, paths, holders, trust });
    }
    return out;
}
