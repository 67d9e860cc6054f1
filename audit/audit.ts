/**
 * `assume-guard audit`: an AWS account's IAM, read from `get-account-authorization-details` output
 * (and optionally the credential report), judged offline by the pack's own rules through the pack's
 * own host (policypack/host.ts, policypack/policies.ts): no rule is implemented twice. Then, with
 * the pack's own analysis, the blast radius of each access key and a migration for each user the user
 * rules fail.
 */
import * as fs from "fs";
import * as path from "path";

import { graphOf } from "../gate/accessMap";
import { countTypes, packVersion, readPolicyConfig } from "../gate/judge";
import { SourceLocation } from "../gate/report/model";
import { SecretScrubber } from "../gate/resources";
import { repositoryRoot, rootRelative } from "../gate/sourceLocation";
import { verdictOf } from "../gate/verdict";
import { HostDiagnostic, runPolicies } from "../policypack/host";
import { StackGraph } from "../policypack/lib/graph";
import { managedPolicy, withManagedDocuments } from "../policypack/lib/managed";
import { RunMemo, withRunMemo } from "../policypack/lib/runMemo";
import { policies } from "../policypack/policies";
import { iamUserAssumeOnly } from "../policypack/rules/iam-user-assume-only";
import { iamUserNoDirectDataAccess } from "../policypack/rules/iam-user-no-direct-data-access";
import { iamUserNoMfaSelfManagement } from "../policypack/rules/iam-user-no-mfa-self-management";
import { Account } from "./account";
import { ReachFinder } from "./blastRadius";
import { readAuthorizationDetails } from "./authorizationDetails";
import { readCredentialReport } from "./credentialReport";
import { InputError } from "./input";
import { holders, userMigrations } from "./keys";
import { entityKey, entityLocations } from "./locations";
import { accountResources } from "./resources";
import { AuditReport, UserVerdict } from "./report";
import { notesOf } from "./notes";

/** What to audit. */
export interface AuditOptions {
    /** `get-account-authorization-details` output: one file, or the pages of one export. */
    readonly authorizationDetails: readonly string[];
    /** A credential report (`get-credential-report` output or its CSV). */
    readonly credentialReport?: string;
    /** A `--policy-pack-config` JSON file, validated as the engine validates it. */
    readonly policyConfigFile?: string;
    /** Receives how long each stage took (`read`, `rules`, `blast radius`, `migrations`), for the benchmark. */
    readonly timings?: (stage: string, ms: number) => void;
}

/**
 * The user rules: a mandatory finding of one of them about a user calls for its migration (to an
 * assume-only user, which also takes MFA-device management off the user's key).
 */
const USER_RULES = new Set([iamUserNoDirectDataAccess.name, iamUserAssumeOnly.name, iamUserNoMfaSelfManagement.name]);

/** Audits the account. Throws an {@link InputError} (the CLI exits 2) on input it cannot judge whole. */
export async function audit(o: AuditOptions): Promise<AuditReport> {
    let last = process.hrtime.bigint();
    const lap = (stage: string) => {
        const now = process.hrtime.bigint();
        o.timings?.(stage, Number(now - last) / 1e6);
        last = now;
    };
    const { account, places, artifact } = readExport(o.authorizationDetails);
    const report = o.credentialReport !== undefined ? readCredentialReport(shown(o.credentialReport), read(o.credentialReport)) : undefined;
    if (report && report.account !== account.id) {
        throw new InputError(`${shown(o.credentialReport as string)}: the credential report is of account ${report.account}, the authorization details of ${account.id}. Fix: give both of one account.`);
    }
    const config = withOwnAccount(o.policyConfigFile ? readPolicyConfig(path.resolve(o.policyConfigFile)) : {}, account.id);
    const { resources, entities } = accountResources(account);
    const copies = new Map(account.policies.filter(p => p.awsManaged).map(p => [p.arn, p.document]));
    const memo = new RunMemo();
    lap("read");
    return withManagedDocuments(copies, async () => {
        const result = await runPolicies(policies, resources, config, memo);
        lap("rules");
        const byUser = userRules(result.diagnostics, entities);
        const users: UserVerdict[] = account.users.map(u => {
            const rules = byUser.get(u.name);
            const row = report?.users.get(u.name);
            return {
                name: u.name,
                flagged: rules?.mandatory ?? false,
                rules: [...(rules?.all ?? [])].sort(),
                ...(row ? { activeKeys: row.keys.filter(k => k.active).length } : {}),
            };
        });
        // In the run's memo: the rules' own graph (the user rules build one) and the documents they parsed.
        return withRunMemo(async (): Promise<AuditReport> => {
            const finder = new ReachFinder(StackGraph.builtIn(memo) ?? graphOf(resources));
            const keyHolders = holders(finder, account, report);
            lap("blast radius");
            const migrations = userMigrations(finder, account, report, new Set(users.filter(u => u.flagged).map(u => u.name)));
            lap("migrations");
            return {
                tool: "audit",
                source: `account ${account.id}`,
                artifact,
                resourcesJudged: resources.length,
                resourceTypes: countTypes(resources),
                // The file holds no secret; a finding points at the line of the file naming its entity.
                ...verdictOf(result, resources, config, new SecretScrubber(), urn => {
                    const e = entities.get(urn);
                    return e ? places.get(entityKey(e)) : undefined;
                }),
                packVersion: packVersion(),
                account: account.id,
                counts: counts(account),
                users,
                blastRadius: { basis: report ? "users with an active key (credential report)" : "every user (no credential report: each is taken to hold an active key)", holders: keyHolders },
                migrations,
                notes: notesOf(account, report),
            };
        }, memo);
    });
}

/**
 * The account in the export's files, and where each entity is in them; paths as reports give them,
 * relative to the repository the audit runs in (code scanning reads them so). The files' text is
 * not kept.
 */
function readExport(files: readonly string[]): { account: Account; places: Map<string, SourceLocation>; artifact: string } {
    const root = repositoryRoot(process.cwd());
    const pages = files.map(f => ({ name: shown(f), text: read(f), file: rootRelative(root, path.resolve(f)) }));
    const account = readAuthorizationDetails(pages);
    const places = new Map<string, SourceLocation>();
    pages.forEach(p => entityLocations(p.file, p.text, places));
    return { account, places, artifact: pages[0].file };
}

/** The rules' config with the account as an own account, a fact of the file, for every rule that reads `ownAccounts`. */
function withOwnAccount(config: Record<string, Record<string, unknown>>, account: string): Record<string, Record<string, unknown>> {
    const out = { ...config };
    for (const p of policies.filter(x => x.configSchema?.properties && "ownAccounts" in x.configSchema.properties)) {
        const own = out[p.name]?.ownAccounts;
        const listed = Array.isArray(own) ? own.filter((a): a is string => typeof a === "string") : [];
        out[p.name] = { ...out[p.name], ownAccounts: [...new Set([...listed, account])] };
    }
    return out;
}

/** Per user, the user rules that report about it, and whether one of them is mandatory. */
function userRules(diagnostics: readonly HostDiagnostic[], entities: ReadonlyMap<string, { kind: string; name: string }>): Map<string, { all: Set<string>; mandatory: boolean }> {
    const out = new Map<string, { all: Set<string>; mandatory: boolean }>();
    for (const d of diagnostics) {
        const e = d.urn ? entities.get(d.urn) : undefined;
        if (!e || e.kind !== "user") {
            continue;
        }
        const entry = out.get(e.name) ?? { all: new Set<string>(), mandatory: false };
        entry.all.add(d.policyName);
        entry.mandatory ||= USER_RULES.has(d.policyName) && d.enforcementLevel === "mandatory";
        out.set(e.name, entry);
    }
    return out;
}

function counts(account: Account): AuditReport["counts"] {
    const attached = new Set([...account.users, ...account.groups, ...account.roles].flatMap(e => e.attached).filter(a => a.includes(":iam::aws:policy/")));
    const inFile = new Set(account.policies.filter(p => p.awsManaged).map(p => p.arn));
    const arns = [...attached];
    return {
        users: account.users.length,
        groups: account.groups.length,
        roles: account.roles.length,
        customerPolicies: account.policies.filter(p => !p.awsManaged).length,
        awsManaged: {
            fromFile: arns.filter(a => inFile.has(a)).length,
            vendored: arns.filter(a => !inFile.has(a) && managedPolicy(a) !== undefined).length,
            unknown: arns.filter(a => !inFile.has(a) && managedPolicy(a) === undefined).length,
        },
    };
}

function read(file: string): string {
    try {
        return fs.readFileSync(path.resolve(file), "utf8");
    } catch (e) {
        throw new InputError(`cannot read ${shown(file)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
}

/** A file as messages name it: relative to the working directory. */
function shown(file: string): string {
    return path.relative(process.cwd(), path.resolve(file)).split(path.sep).join("/");
}
