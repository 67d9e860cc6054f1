/**
 * The migration of one user that fails the user rules, written out for this project's stack:
 * - `Pulumi.<stack>.yaml`, with what the user really uses (migrationConfig.ts) and placeholders the
 *   program's own validation (stack/config.ts) refuses until they are filled;
 * - a `pulumi import` file adopting the existing user into the program's AssumeOnlyUser (the
 *   `userName` config key names it) and the table into its ScopedTable, so nothing is recreated
 *   (imported resources are protected, so a preview that wants to replace the table fails rather
 *   than deletes it);
 * - the steps that rotate the key holder onto the assume-only user: a new key, the role, the old
 *   key deactivated once quiet, then the user's old grants removed, one AWS CLI command each.
 */
import { parseStackConfig } from "../stack/config";
import { fromYaml } from "../gate/configValue";
import { Statement } from "../policypack/lib/document";
import { UserEntity } from "./account";
import { ReachPath } from "./blastRadius";
import { CredentialRow } from "./credentialReport";
import { ConfigEntry, deriveConfig } from "./migrationConfig";

/** A migration, ready to write to files and run. */
export interface Migration {
    readonly user: string;
    readonly stack: string;
    /** `Pulumi.<stack>.yaml` and its text. */
    readonly configFile: string;
    readonly config: string;
    /** Config keys still holding a `<…>` placeholder. */
    readonly placeholders: readonly string[];
    /** What the program's validation says of the config as written: `passes`, or its refusal. */
    readonly validation: string;
    /** `import-<stack>.json` and its text (`pulumi import --file`). */
    readonly importFile: string;
    readonly imports: string;
    readonly steps: readonly string[];
    readonly notes: readonly string[];
}

/** Everything the migration of one user is written from. */
export interface MigrationInput {
    readonly account: string;
    readonly user: UserEntity;
    readonly statements: readonly Statement[];
    readonly direct: readonly ReachPath[];
    readonly credentials?: CredentialRow;
}

const TABLE_PLACEHOLDER = "<the tableName of the config>";
const TABLE_NOTE =
    "The adopted table keeps its data; the stack then manages it: set hashKey and rangeKey (and their types) to its key schema " +
    "(aws dynamodb describe-table --query Table.KeySchema) before the preview, which must show the table updated in place (billing mode, point-in-time recovery, deletion protection, encryption), never replaced.";

/** Writes the migration of one user. */
export function writeMigration(o: MigrationInput): Migration {
    const stack = `migrate-${o.user.name.replace(/[^A-Za-z0-9_.-]/g, "-")}`;
    const derived = deriveConfig({ account: o.account, user: o.user.name, statements: o.statements, direct: o.direct, credentials: o.credentials });
    const config = renderYaml(o.user.name, o.account, derived.entries);
    const placeholders = derived.entries.filter(e => e.placeholder).map(e => e.key);
    // The table exists already (the user reads it): adopted too, or the stack would try to create it again.
    const table = derived.table ?? TABLE_PLACEHOLDER;
    const imports = {
        resources: [
            { type: "assume-guard:iam:AssumeOnlyUser", name: "connector", component: true },
            { type: "aws:iam/user:User", name: "connector-user", id: o.user.name, parent: "connector" },
            { type: "assume-guard:dynamodb:ScopedTable", name: "data", component: true },
            { type: "aws:dynamodb/table:Table", name: "data-table", id: table, parent: "data" },
        ],
    };
    const importFile = `import-${stack}.json`;
    return {
        user: o.user.name,
        stack,
        configFile: `Pulumi.${stack}.yaml`,
        config,
        placeholders,
        validation: validate(derived.entries, stack),
        importFile,
        imports: JSON.stringify(imports, null, 2) + "\n",
        steps: steps(o, stack, importFile, table),
        notes: [...derived.notes, TABLE_NOTE, ...(o.user.boundary ? [`${o.user.name} has the permissions boundary ${o.user.boundary}; the adopted user keeps none (the program sets none).`] : [])],
    };
}

/**
 * The program's validation of the config, given the values as the CLI hands them over (a list as
 * JSON, a boolean as `true`/`false`: the gate's own conversion of YAML values).
 */
function validate(entries: readonly ConfigEntry[], stack: string): string {
    const raw = Object.fromEntries(entries.map(e => [e.key, fromYaml(e.value).text]));
    // Only a refusal's message is kept: no stack trace is taken for it (thousands of users may be refused).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
        parseStackConfig(raw, stack);
        return "passes";
    } catch (e) {
        return (e as Error).message;
    } finally {
        Error.stackTraceLimit = limit;
    }
}

function renderYaml(user: string, account: string, entries: readonly ConfigEntry[]): string {
    const lines = [
        `# The migration of IAM user '${user}' of account ${account}, written by assume-guard audit.`,
        "# Fill every <…> placeholder first: the program refuses this config until then.",
        "config:",
    ];
    for (const e of entries) {
        if (Array.isArray(e.value)) {
            lines.push(`  ${e.key}: # ${e.comment}`, ...e.value.map(v => `    - ${JSON.stringify(v)}`));
        } else {
            lines.push(`  ${e.key}: ${JSON.stringify(e.value)} # ${e.comment}`);
        }
    }
    return lines.join("\n") + "\n";
}

function steps(o: MigrationInput, stack: string, importFile: string, table: string): string[] {
    const u = o.user.name;
    const active = (o.credentials?.keys ?? []).filter(k => k.active);
    const out = [
        `pulumi stack init ${stack}   # then save Pulumi.${stack}.yaml next to Pulumi.yaml and fill its placeholders (and the table's in ${importFile})`,
        ...(active.length === 2 ? [`# ${u} has two active keys and the stack adds one: delete the one not in use first (aws iam list-access-keys --user-name ${u})`] : []),
        `pulumi import --file ${importFile} --stack ${stack} --generate-code=false   # adopts user ${u} and table ${table}, both protected`,
        `npm run gate -- --stack ${stack} && pulumi preview --stack ${stack} --policy-pack policypack   # expect the role, the user's assume-only policy and a key to be created, the user and table updated in place, nothing replaced`,
        `pulumi up --stack ${stack} --policy-pack policypack`,
        `pulumi stack output awsCliProfile --stack ${stack}; pulumi stack output secretAccessKey --stack ${stack} --show-secrets   # hand the key holder the new key and the role; they switch to assuming it`,
        `aws iam list-access-keys --user-name ${u}; aws iam get-access-key-last-used --access-key-id <the old key>   # wait until the old key is no longer used`,
        `aws iam update-access-key --user-name ${u} --access-key-id <the old key> --status Inactive   # then, after a grace period: aws iam delete-access-key --user-name ${u} --access-key-id <the old key>`,
        ...o.user.inline.map(p => `aws iam delete-user-policy --user-name ${u} --policy-name ${p.name}`),
        ...o.user.attached.map(arn => `aws iam detach-user-policy --user-name ${u} --policy-arn ${arn}`),
        ...o.user.groups.map(g => `aws iam remove-user-from-group --user-name ${u} --group-name ${g}`),
        `aws iam get-account-authorization-details > account.json && npm run audit -- --authorization-details account.json   # ${u} passes`,
    ];
    return out;
}
