import * as assert from "assert";

import { GuardedRole, ScopedTable, ScopedTableArgs } from "../../components";
import { EXPECTED_DYNAMODB_READ as READ, EXPECTED_DYNAMODB_WRITE as WRITE } from "../support/expected";
import { doc, only, refusal, runComponents } from "../support/mocked";

const TABLE_ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/items";

function withRole(grant: (table: ScopedTable, role: GuardedRole) => void) {
    return () => {
        const role = new GuardedRole("reader", { trustedPrincipals: ["arn:aws:iam::123456789012:user/u"], requireMfa: true });
        const table = new ScopedTable("items", {});
        grant(table, role);
        return { tableArn: table.tableArn, tableName: table.tableName };
    };
}

describe("components/ScopedTable", () => {
    it("creates a pay-per-request table with PITR, deletion protection and encryption on by default", async () => {
        const run = await runComponents(() => new ScopedTable("items", {}));
        const table = only(run, "aws:dynamodb/table:Table", "items-table");
        assert.strictEqual(table.parent, only(run, "assume-guard:dynamodb:ScopedTable", "items").urn);
        assert.deepStrictEqual(table.inputs, {
            name: "items",
            billingMode: "PAY_PER_REQUEST",
            hashKey: "pk",
            attributes: [{ name: "pk", type: "S" }],
            pointInTimeRecovery: { enabled: true },
            deletionProtectionEnabled: true,
            serverSideEncryption: { enabled: true },
            streamEnabled: false,
        });
    });

    it("takes hash and range keys, a KMS key and a stream, and can turn protection off", async () => {
        const run = await runComponents(
            () =>
                new ScopedTable("items", {
                    tableName: "orders",
                    hashKey: { name: "tenant" },
                    rangeKey: { name: "createdAt", type: "N" },
                    deletionProtection: false,
                    pointInTimeRecovery: false,
                    kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/abc",
                    streamViewType: "NEW_IMAGE",
                }),
        );
        assert.deepStrictEqual(only(run, "aws:dynamodb/table:Table").inputs, {
            name: "orders",
            billingMode: "PAY_PER_REQUEST",
            hashKey: "tenant",
            rangeKey: "createdAt",
            attributes: [
                { name: "tenant", type: "S" },
                { name: "createdAt", type: "N" },
            ],
            pointInTimeRecovery: { enabled: false },
            deletionProtectionEnabled: false,
            serverSideEncryption: { enabled: true, kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/abc" },
            streamEnabled: true,
            streamViewType: "NEW_IMAGE",
        });
    });

    it("grantRead adds a role policy with read actions on the table and its indexes only", async () => {
        const run = await runComponents(withRole((table, role) => table.grantRead(role)));
        const grant = only(run, "aws:iam/rolePolicy:RolePolicy", "items-read-reader");
        assert.deepStrictEqual([grant.inputs["role"], grant.inputs["name"]], ["reader", "items-read"]);
        assert.deepStrictEqual(doc(grant), {
            Version: "2012-10-17",
            Statement: [{ Sid: "TableData", Effect: "Allow", Action: READ, Resource: [TABLE_ARN, `${TABLE_ARN}/index/*`] }],
        });
        assert.deepStrictEqual(run.outputs, { tableArn: TABLE_ARN, tableName: "items" });
    });

    it("grantReadWrite adds writes, and ListTables and streams only when asked", async () => {
        const run = await runComponents(withRole((table, role) => table.grantReadWrite(role, { listTables: true, streams: true })));
        assert.deepStrictEqual(doc(only(run, "aws:iam/rolePolicy:RolePolicy", "items-readwrite-reader")), {
            Version: "2012-10-17",
            Statement: [
                { Sid: "TableData", Effect: "Allow", Action: [...READ, ...WRITE], Resource: [TABLE_ARN, `${TABLE_ARN}/index/*`] },
                {
                    Sid: "TableStream",
                    Effect: "Allow",
                    Action: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"],
                    Resource: `${TABLE_ARN}/stream/*`,
                },
                { Sid: "ListTables", Effect: "Allow", Action: "dynamodb:ListTables", Resource: "*" },
            ],
        });
    });

    describe("refuses bad arguments before registering anything", () => {
        const cases: [string, ScopedTableArgs, string][] = [
            [
                "an invalid table name",
                { tableName: "no spaces allowed" },
                "ScopedTable 'items': tableName \"no spaces allowed\" is not a valid DynamoDB table name. Fix: use 3 to 255 characters of letters, digits, _ . and -.",
            ],
            [
                "a range key equal to the hash key",
                { hashKey: { name: "id" }, rangeKey: { name: "id" } },
                "ScopedTable 'items': rangeKey.name \"id\" repeats the hash key. Fix: give the sort key its own attribute name.",
            ],
            [
                "provisioned billing without capacities",
                { billingMode: "PROVISIONED" },
                "ScopedTable 'items': readCapacity and writeCapacity go with billingMode PROVISIONED, and only with it. Fix: set all three, or none for PAY_PER_REQUEST.",
            ],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                assert.strictEqual(await refusal(() => new ScopedTable("items", args)), message);
            });
        }
    });
});
