/**
 * Differential check of the audit against the independent IAM evaluator (@cloud-copilot/iam-simulate,
 * through test/support/simulate.ts): for every user of every real and generated account file, the
 * audit says the user's key "can reach data" (a non-empty blast radius) exactly when the evaluator
 * allows the user some data-plane action of the catalogue, directly or as a session of a role it can
 * assume (chains included), in some context (Discovery mode: any condition on a key the request does
 * not state may hold; and the fuzz oracle's strict contexts). Zero false negatives is asserted; each
 * false positive is printed with its cause (the audit over-reports by design where it does not
 * subtract permissions boundaries or conditioned Denies).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { Account, PrincipalEntity } from "../../audit/account";
import { audit } from "../../audit/audit";
import { readAuthorizationDetails } from "../../audit/authorizationDetails";
import { candidateActions, STRICT_CONTEXTS } from "../fuzz/oracle";
import { authorizationDetailsOf } from "../support/authzDetails";
import { legacyAccount } from "../support/legacyAccount";
import { REPO_ROOT, runStack, tempDir } from "../support/mocked";
import { anyResourcePatterns, assumeRole, evaluate, RequestContext } from "../support/simulate";

type Doc = Record<string, unknown>;
const VENDORED = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "policypack", "data", "aws-managed-policies.json"), "utf8")) as { policies: Record<string, Doc> }).policies;
const ATTEMPTS: { context: RequestContext; mode: "Discovery" | "Strict" }[] = [
    { context: { sourceIp: null, mfa: null, viaAwsService: false }, mode: "Discovery" },
    ...STRICT_CONTEXTS.map(context => ({ context, mode: "Strict" as const })),
];

/** A principal as the evaluator is asked about it. */
interface Caller {
    readonly arn: string;
    readonly policies: readonly Doc[];
    readonly boundaries: readonly Doc[];
}

function documents(account: Account, e: PrincipalEntity, groups = true): Doc[] {
    const managed = (arn: string): Doc => {
        const own = account.policies.find(p => p.arn === arn);
        return own ? (JSON.parse(own.document) as Doc) : VENDORED[arn.replace(/^arn:[^:]+:/, "arn:aws:")];
    };
    const own = [...e.inline.map(p => JSON.parse(p.document) as Doc), ...e.attached.map(managed)];
    const memberOf = groups && "groups" in e ? account.groups.filter(g => (e.groups as string[]).includes(g.name)) : [];
    return [...own, ...memberOf.flatMap(g => documents(account, g, false))];
}

async function allowed(ask: (context: RequestContext, mode: "Discovery" | "Strict") => Promise<string>): Promise<boolean> {
    for (const { context, mode } of ATTEMPTS) {
        if ((await ask(context, mode)) === "Allowed") {
            return true;
        }
    }
    return false;
}

/** The first catalogue action the evaluator lets `caller` perform on any resource, or undefined. */
async function dataAction(caller: Caller): Promise<string | undefined> {
    const candidates = [...new Set(caller.policies.flatMap(candidateActions))];
    for (const action of candidates) {
        for (const resource of await anyResourcePatterns(action)) {
            const q = { principal: caller.arn, action, resource, identityPolicies: caller.policies, permissionBoundaries: caller.boundaries };
            if (await allowed((context, mode) => evaluate({ ...q, context, mode }))) {
                return `${action} on ${resource}`;
            }
        }
    }
    return undefined;
}

/** What the evaluator lets the user reach: directly, or as a session of each role it can assume in turn. */
async function evaluatorReach(account: Account, user: Account["users"][number], withBoundary = true): Promise<string | undefined> {
    const boundaryOf = (arn: string | undefined) => (arn && withBoundary ? [JSON.parse(account.policies.find(p => p.arn === arn)?.document ?? "{}") as Doc] : []);
    let frontier: Caller[] = [{ arn: user.arn, policies: documents(account, user), boundaries: boundaryOf(user.boundary) }];
    const seen = new Set<string>();
    while (frontier.length > 0) {
        const next: Caller[] = [];
        for (const caller of frontier) {
            const reached = await dataAction(caller);
            if (reached) {
                return `${caller.arn}: ${reached}`;
            }
            for (const role of account.roles.filter(r => !seen.has(r.name))) {
                const trust = JSON.parse(role.trust) as Doc;
                if (await allowed((context, mode) => assumeRole({ caller: caller.arn, callerPolicies: caller.policies, roleArn: role.arn, trustPolicy: trust, context, mode }))) {
                    seen.add(role.name);
                    next.push({ arn: `arn:aws:sts::${account.id}:assumed-role/${role.name}/audit`, policies: documents(account, role), boundaries: boundaryOf(role.boundary) });
                }
            }
        }
        frontier = next;
    }
    return undefined;
}

describe("audit: differential check against the IAM evaluator (can a user's key reach data?)", function () {
    this.timeout(0);

    it("has no false negative on any user of the real and generated files, and every false positive has a stated cause", async () => {
        const dir = tempDir("audit-diff-");
        const files: [string, string][] = [
            ["cloudsplaining example-authz-details", path.join(REPO_ROOT, "test", "fixtures", "audit", "cloudsplaining-example-authz-details.json")],
            ["cloudsplaining overrides", path.join(REPO_ROOT, "test", "fixtures", "audit", "cloudsplaining-overrides-complete.json")],
        ];
        for (const [name, json] of [
            ["dev stack", authorizationDetailsOf(await runStack("dev"))],
            ["prod stack", authorizationDetailsOf(await runStack("prod"))],
            ["legacy account", legacyAccount(await runStack("dev"))],
        ] as const) {
            const file = path.join(dir, `${name.replace(/ /g, "-")}.json`);
            fs.writeFileSync(file, JSON.stringify(json));
            files.push([name, file]);
        }
        const rows: string[] = [];
        const falseNegatives: string[] = [];
        const falsePositives: string[] = [];
        for (const [name, file] of files) {
            const account = readAuthorizationDetails([{ name, text: fs.readFileSync(file, "utf8") }]);
            const report = await audit({ authorizationDetails: [file] });
            let agree = 0;
            for (const user of account.users) {
                const byAudit = (report.blastRadius.holders.find(h => h.user === user.name)?.actions ?? 0) > 0;
                const byEvaluator = await evaluatorReach(account, user);
                if (byAudit === (byEvaluator !== undefined)) {
                    agree++;
                } else if (byEvaluator) {
                    falseNegatives.push(`${name}: ${user.name}: the evaluator allows ${byEvaluator}, the audit finds no reach`);
                } else {
                    const cause = user.boundary && (await evaluatorReach(account, user, false)) ? `its permissions boundary ${user.boundary} (not subtracted)` : "unexplained";
                    falsePositives.push(`${name}: ${user.name}: ${cause}`);
                }
            }
            rows.push(`${name}: ${account.users.length} users, ${agree} agree`);
        }
        console.log(`      ${rows.join("; ")}`);
        console.log(`      false negatives: ${falseNegatives.length}; false positives: ${falsePositives.length}${falsePositives.map(f => `\n        ${f}`).join("")}`);
        assert.deepStrictEqual(falseNegatives, []);
        assert.deepStrictEqual(falsePositives, ["legacy account: contractor: its permissions boundary arn:aws:iam::123456789012:policy/assume-only-boundary (not subtracted)"]);
    });
});
