import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { DYNAMODB_READ_DATA_ACTIONS, DYNAMODB_WRITE_DATA_ACTIONS } from "./iam/actions";
import { tableArn } from "./iam/arns";
import { tableGrantPolicy } from "./iam/documents";
import { scopeOf } from "./scope";
import { InvalidArgumentError } from "./validation";

/** A DynamoDB key attribute. */
export interface KeyAttribute {
    /** The attribute name. */
    readonly name: string;
    /**
     * The attribute type: S (string), N (number) or B (binary).
     * @default "S"
     */
    readonly type?: "S" | "N" | "B";
}

/** Arguments of {@link ScopedTable}. */
export interface ScopedTableArgs {
    /**
     * The table name.
     * @default the component's name
     */
    readonly tableName?: string;
    /**
     * The partition (hash) key.
     * @default { name: "pk", type: "S" }
     */
    readonly hashKey?: KeyAttribute;
    /**
     * The sort (range) key.
     * @default none
     */
    readonly rangeKey?: KeyAttribute;
    /**
     * Billing mode. PROVISIONED needs readCapacity and writeCapacity.
     * @default "PAY_PER_REQUEST"
     */
    readonly billingMode?: "PAY_PER_REQUEST" | "PROVISIONED";
    /**
     * Read capacity units, with PROVISIONED billing.
     * @default none
     */
    readonly readCapacity?: number;
    /**
     * Write capacity units, with PROVISIONED billing.
     * @default none
     */
    readonly writeCapacity?: number;
    /**
     * Point-in-time recovery.
     * @default true
     */
    readonly pointInTimeRecovery?: boolean;
    /**
     * Deletion protection. Keep it on for production data.
     * @default true
     */
    readonly deletionProtection?: boolean;
    /**
     * A customer-managed KMS key ARN for server-side encryption (which is always on).
     * @default the AWS managed key for DynamoDB
     */
    readonly kmsKeyArn?: pulumi.Input<string>;
    /**
     * Enables a stream with this view type; grants then reach it only when asked (`streams: true`).
     * @default no stream
     */
    readonly streamViewType?: "KEYS_ONLY" | "NEW_IMAGE" | "OLD_IMAGE" | "NEW_AND_OLD_IMAGES";
    /**
     * Tags for the table.
     * @default none
     */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** What a grant is made to: a role, such as {@link GuardedRole}. */
export interface GrantTarget {
    /** A name for the grant's child resource; GuardedRole's component name. */
    readonly logicalName: string;
    /** The role's name. */
    readonly roleName: pulumi.Input<string>;
}

/** Extra reach a grant may ask for. */
export interface GrantOptions {
    /**
     * Also grant `dynamodb:ListTables` on `*` (it has no resource-level permissions). Some
     * connectors, Retool's among them, list tables before they use one.
     * @default false
     */
    readonly listTables?: boolean;
    /**
     * Also grant stream reads on `<table>/stream/*`.
     * @default false
     */
    readonly streams?: boolean;
}

/** A DynamoDB table that only the roles it is granted to can read or write. */
export class ScopedTable extends pulumi.ComponentResource {
    /** The table. */
    public readonly table: aws.dynamodb.Table;
    /** The table's name. */
    public readonly tableName: pulumi.Output<string>;
    /** The table's ARN, built from account, partition, region and name: known at preview time. */
    public readonly tableArn: pulumi.Output<string>;
    private readonly logicalName: string;

    constructor(name: string, args: ScopedTableArgs, opts?: pulumi.ComponentResourceOptions) {
        validateScopedTableArgs(name, args);
        super("assume-guard:dynamodb:ScopedTable", name, {}, opts);
        this.logicalName = name;
        const hashKey = args.hashKey ?? { name: "pk" };
        const keys = [hashKey, ...(args.rangeKey ? [args.rangeKey] : [])];
        this.table = new aws.dynamodb.Table(
            `${name}-table`,
            {
                name: args.tableName ?? name,
                billingMode: args.billingMode ?? "PAY_PER_REQUEST",
                readCapacity: args.readCapacity,
                writeCapacity: args.writeCapacity,
                hashKey: hashKey.name,
                rangeKey: args.rangeKey?.name,
                attributes: keys.map(k => ({ name: k.name, type: k.type ?? "S" })),
                pointInTimeRecovery: { enabled: args.pointInTimeRecovery ?? true },
                deletionProtectionEnabled: args.deletionProtection ?? true,
                serverSideEncryption: { enabled: true, kmsKeyArn: args.kmsKeyArn },
                streamEnabled: args.streamViewType !== undefined,
                streamViewType: args.streamViewType,
                tags: args.tags,
            },
            { parent: this },
        );
        this.tableName = this.table.name;
        this.tableArn = pulumi.all([scopeOf(this), this.table.name]).apply(([s, n]) => tableArn(s, n));
        this.registerOutputs({ tableName: this.tableName, tableArn: this.tableArn });
    }

    /** Lets `role` read items from the table and its indexes. Returns the role policy it adds. */
    public grantRead(role: GrantTarget, options: GrantOptions = {}): aws.iam.RolePolicy {
        return this.grant(role, "read", DYNAMODB_READ_DATA_ACTIONS, options);
    }

    /** Lets `role` read and write items in the table and its indexes. Returns the role policy it adds. */
    public grantReadWrite(role: GrantTarget, options: GrantOptions = {}): aws.iam.RolePolicy {
        return this.grant(role, "readwrite", [...DYNAMODB_READ_DATA_ACTIONS, ...DYNAMODB_WRITE_DATA_ACTIONS], options);
    }

    private grant(role: GrantTarget, kind: string, actions: readonly string[], options: GrantOptions): aws.iam.RolePolicy {
        const policy = this.tableArn.apply(arn =>
            tableGrantPolicy({ tableArn: arn, actions, streams: options.streams, listTables: options.listTables }),
        );
        return new aws.iam.RolePolicy(
            `${this.logicalName}-${kind}-${role.logicalName}`,
            { role: role.roleName, name: pulumi.interpolate`${this.tableName}-${kind}`, policy },
            { parent: this },
        );
    }
}

/** Validates {@link ScopedTableArgs} before anything is registered. */
export function validateScopedTableArgs(name: string, args: ScopedTableArgs): void {
    const label = `ScopedTable '${name}'`;
    const tableName = args.tableName ?? name;
    if (!/^[a-zA-Z0-9_.-]{3,255}$/.test(tableName)) {
        throw new InvalidArgumentError(
            `${label}: tableName ${JSON.stringify(tableName)} is not a valid DynamoDB table name. Fix: use 3 to 255 characters of letters, digits, _ . and -.`,
        );
    }
    for (const [field, key] of [["hashKey", args.hashKey], ["rangeKey", args.rangeKey]] as const) {
        if (key !== undefined && (key.name.length === 0 || key.name.length > 255)) {
            throw new InvalidArgumentError(`${label}: ${field}.name ${JSON.stringify(key.name)} is not a valid attribute name. Fix: use 1 to 255 characters.`);
        }
    }
    if (args.rangeKey && args.rangeKey.name === (args.hashKey ?? { name: "pk" }).name) {
        throw new InvalidArgumentError(`${label}: rangeKey.name ${JSON.stringify(args.rangeKey.name)} repeats the hash key. Fix: give the sort key its own attribute name.`);
    }
    const provisioned = args.billingMode === "PROVISIONED";
    if (provisioned !== (args.readCapacity !== undefined && args.writeCapacity !== undefined)) {
        throw new InvalidArgumentError(
            `${label}: readCapacity and writeCapacity go with billingMode PROVISIONED, and only with it. Fix: set all three, or none for PAY_PER_REQUEST.`,
        );
    }
}
