/**
 * Proofs on the documents the dev and prod stacks emit: what a session of the connector role can do
 * ("through the role, Scan works"; "another table is refused").
 */
import * as assert from "assert";

import { Decision, evaluate, RequestContext } from "../support/simulate";
import { allowedCidrs, cidrEdges, EmittedRole, emittedStack, named } from "./emitted";

const OTHER_ACCOUNT = "999999999999";

/** The ARN of a session of `role`, as STS names it. */
function sessionOf(role: EmittedRole): string {
    return role.arn.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/") + "/proof-session";
}

for (const stack of ["dev", "prod"]) {
    describe(`access proofs (${stack}): a session of the connector role`, () => {
        let role: EmittedRole;
        let table: string;
        let context: RequestContext;

        before(async () => {
            const s = await emittedStack(stack);
            const roleArn = String(s.outputs["roleArn"]);
            role = named(s.roles, roleArn.slice(roleArn.lastIndexOf("/") + 1));
            table = String(s.outputs["tableArn"]);
            context = { sourceIp: cidrEdges(allowedCidrs(stack)[0]).inside[0], mfa: null, viaAwsService: false };
        });

        const ask = (action: string, resource: string): Promise<Decision> =>
            evaluate({ principal: sessionOf(role), action, resource, identityPolicies: role.policies, context });

        it("Proof: Scan, Query and PutItem work on its table and its index", async () => {
            const index = `${table}/index/by-owner`;
            assert.deepStrictEqual(
                {
                    scanTable: await ask("dynamodb:Scan", table),
                    queryTable: await ask("dynamodb:Query", table),
                    putItem: await ask("dynamodb:PutItem", table),
                    getItem: await ask("dynamodb:GetItem", table),
                    queryIndex: await ask("dynamodb:Query", index),
                    scanIndex: await ask("dynamodb:Scan", index),
                    listTables: await ask("dynamodb:ListTables", "*"),
                },
                { scanTable: "Allowed", queryTable: "Allowed", putItem: "Allowed", getItem: "Allowed", queryIndex: "Allowed", scanIndex: "Allowed", listTables: "Allowed" },
            );
        });

        it("Proof: another table, another region, another account and DeleteTable are refused", async () => {
            const [, , , region, account] = table.split(":");
            const otherRegion = region === "us-east-1" ? "eu-west-1" : "us-east-1";
            assert.deepStrictEqual(
                {
                    otherTable: await ask("dynamodb:Scan", table.replace(/table\/.+$/, "table/another-table")),
                    otherRegion: await ask("dynamodb:Scan", table.replace(`:${region}:`, `:${otherRegion}:`)),
                    otherAccount: await ask("dynamodb:Scan", table.replace(`:${account}:`, `:${OTHER_ACCOUNT}:`)),
                    deleteTable: await ask("dynamodb:DeleteTable", table),
                    updateTable: await ask("dynamodb:UpdateTable", table),
                    exportTable: await ask("dynamodb:ExportTableToPointInTime", table),
                    streamRecords: await ask("dynamodb:GetRecords", `${table}/stream/2026-01-01T00:00:00.000`),
                    s3Object: await ask("s3:GetObject", "arn:aws:s3:::any-bucket/key"),
                },
                {
                    otherTable: "ImplicitlyDenied",
                    otherRegion: "ImplicitlyDenied",
                    otherAccount: "ImplicitlyDenied",
                    deleteTable: "ImplicitlyDenied",
                    updateTable: "ImplicitlyDenied",
                    exportTable: "ImplicitlyDenied",
                    streamRecords: "ImplicitlyDenied",
                    s3Object: "ImplicitlyDenied",
                },
            );
        });
    });
}
