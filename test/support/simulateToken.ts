/**
 * Federated callers for the evaluator (tests only, like test/support/simulate.ts): an identity
 * provider's token or SAML assertion presented to STS, judged by the trust policy alone.
 */
import { runSimulation, RunSimulationResults, Simulation } from "@cloud-copilot/iam-simulate";

import { accountOf, asObject, Decision, Document, EvaluatorError, verdict } from "./simulate";

/** A federated caller: an identity provider's token or SAML assertion presented to STS. */
export interface TokenQuery {
    /** How the trust names the provider: its IAM ARN, or a built-in name such as `accounts.google.com`. */
    readonly provider: string;
    readonly action: "sts:AssumeRoleWithWebIdentity" | "sts:AssumeRoleWithSAML";
    readonly roleArn: string;
    readonly trustPolicy: Document;
    /** The token's claims as condition keys: `token.actions.githubusercontent.com:sub`, `saml:aud`, …; a list for a multivalued claim (at most one). */
    readonly claims: Readonly<Record<string, string | readonly string[]>>;
}

const GLOBAL_KEY = /^(aws|sts):/i;

/** Multivalued global keys the evaluator keeps for every action, to stand for multivalued claims. */
const MULTI_KEYS = ["aws:TagKeys", "aws:CalledVia", "aws:PrincipalServiceNamesList"];

/**
 * The trust and claims with every claim key renamed to a key the evaluator keeps for the action:
 * single-valued claims to `aws:RequestTag/claim-<n>`, multivalued ones to multivalued global keys.
 * Each spelling of a key gets its own name (a block may spell one key twice, and the evaluator
 * judges both), and the token's claim fills every spelling of it, as IAM compares keys
 * case-insensitively. The evaluator's condition engine treats keys alike by their value type, so
 * the renaming keeps each verdict.
 */
function renameClaims(trust: Record<string, unknown>, claims: TokenQuery["claims"]): { trust: Record<string, unknown>; context: Record<string, string | string[]> } {
    const spellings = new Map<string, string>();
    const byClaim = new Map<string, string[]>();
    const multivalued = new Set(Object.entries(claims).filter(([, v]) => typeof v !== "string").map(([k]) => k.toLowerCase()));
    let single = 0;
    let multi = 0;
    const alias = (key: string): string => {
        const lower = key.toLowerCase();
        if (GLOBAL_KEY.test(lower)) {
            return key;
        }
        const known = spellings.get(key);
        if (known) {
            return known;
        }
        if (multivalued.has(lower) && multi >= MULTI_KEYS.length) {
            throw new EvaluatorError(`more spellings of multivalued claims than stand-in keys (${MULTI_KEYS.join(", ")})`);
        }
        const name = multivalued.has(lower) ? MULTI_KEYS[multi++] : `aws:RequestTag/claim-${single++}`;
        spellings.set(key, name);
        byClaim.set(lower, [...(byClaim.get(lower) ?? []), name]);
        return name;
    };
    const statements = (Array.isArray(trust.Statement) ? trust.Statement : [trust.Statement]).map(st => {
        const statement = st as Record<string, unknown>;
        const condition = statement.Condition as Record<string, Record<string, unknown>> | undefined;
        if (!condition || typeof condition !== "object") {
            return statement;
        }
        const renamed = Object.fromEntries(Object.entries(condition).map(([op, keys]) => [op, Object.fromEntries(Object.entries(keys).map(([k, v]) => [alias(k), v]))]));
        return { ...statement, Condition: renamed };
    });
    const context: Record<string, string | string[]> = {};
    for (const [key, value] of Object.entries(claims)) {
        const names = byClaim.get(key.toLowerCase()) ?? [alias(key)];
        names.forEach(name => (context[name] = typeof value === "string" ? value : [...value]));
    }
    return { trust: { ...trust, Statement: statements }, context };
}

/**
 * Can a token with `claims` assume the role? The evaluator validates the trust policy as written
 * (an invalid one is an {@link EvaluatorError} with `isPolicyValidation`), then decides.
 *
 * A documented gap of the evaluator: it keeps only the context keys AWS's Service Authorization
 * Reference lists for the action, and that list has no `<issuer>:sub` or `:aud` for providers
 * registered in IAM (GitHub, EKS, any OIDC issuer: AWS names those keys after the provider's URL,
 * IAM User Guide "Available keys for AWS web identity federation"), so it would drop exactly the
 * claims that bind (and its unchecked engine cannot take a resource policy). The decision is
 * therefore asked with the claim keys renamed to keys it keeps ({@link renameClaims}).
 * A federated caller has no identity policies, so the trust policy alone decides, as in AWS: the
 * answer is the evaluator's analysis of the trust, where only a principal the trust names, or
 * `*`, admits the caller (an account principal's "allowed for the account" does not).
 */
export async function assumeWithToken(q: TokenQuery): Promise<Decision> {
    const ask = async (trust: Record<string, unknown>, contextVariables: Record<string, string | string[]>): Promise<Decision> => {
        const simulation: Simulation = {
            request: { principal: q.provider, action: q.action, resource: { resource: q.roleArn, accountId: accountOf(q.roleArn) ?? "" }, contextVariables },
            identityPolicies: [],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            resourcePolicy: trust,
        };
        let result: RunSimulationResults;
        try {
            result = await runSimulation(simulation, { simulationMode: "Strict" });
        } catch (e) {
            throw new EvaluatorError(`the evaluator threw: ${e instanceof Error ? e.message : String(e)}`, e);
        }
        verdict(result, { principal: q.provider, action: q.action, resource: q.roleArn, identityPolicies: [], context: { sourceIp: null, mfa: null, viaAwsService: false } }, Object.keys(contextVariables));
        // The trust alone decides, and only a principal it names (or "*") counts: an account
        // principal delegates to identity policies, which a federated caller does not have.
        const trustResult = result.resultType === "single" ? result.result.analysis.resourceAnalysis?.result : undefined;
        if (trustResult === undefined) {
            throw new EvaluatorError("a web-identity query without the trust's own analysis", result);
        }
        return trustResult === "Allowed" ? "Allowed" : trustResult === "ExplicitlyDenied" ? "ExplicitlyDenied" : "ImplicitlyDenied";
    };
    // Validation of the trust as written; its verdict is not the answer (it would drop the claims).
    const original = asObject(q.trustPolicy, "trust policy");
    await ask(original, {});
    const renamed = renameClaims(original, q.claims);
    return ask(renamed.trust, renamed.context);
}
