import * as assert from "assert";

import { matchesBroadly, matchesStrictly, reachedActions, summarise } from "../../../policypack/lib/actions";

const UNIVERSE = ["dynamodb:GetItem", "dynamodb:PutItem", "s3:GetObject", "kms:Decrypt"];

describe("lib/actions", () => {
    it("matches Action patterns broadly: case, ?, and * across the colon", () => {
        const patterns = ["*", "dynamodb:*", "DYNAMODB:getitem", "dynamo*:get*", "dynamodb:GetIte?", "*:GetObject", "dynamo*", "s3:Get"];
        assert.deepStrictEqual(
            patterns.map(p => UNIVERSE.filter(a => matchesBroadly(p, a))),
            [UNIVERSE, ["dynamodb:GetItem", "dynamodb:PutItem"], ["dynamodb:GetItem"], ["dynamodb:GetItem"], ["dynamodb:GetItem"], ["s3:GetObject"], ["dynamodb:GetItem", "dynamodb:PutItem"], []],
        );
    });

    it("matches NotAction patterns strictly: no colon means no exclusion unless exactly *", () => {
        const patterns = ["*", "**", "dynamodb:*", "Dynamodb:Get*", "dynamo*", "*:GetObject"];
        assert.deepStrictEqual(
            patterns.map(p => UNIVERSE.filter(a => matchesStrictly(p, a))),
            [UNIVERSE, [], ["dynamodb:GetItem", "dynamodb:PutItem"], ["dynamodb:GetItem"], [], ["s3:GetObject"]],
        );
    });

    it("reaches what an Action set matches and what a NotAction set leaves", () => {
        assert.deepStrictEqual(reachedActions({ negated: false, patterns: ["s3:*", "kms:Decrypt"] }, UNIVERSE), ["s3:GetObject", "kms:Decrypt"]);
        assert.deepStrictEqual(reachedActions({ negated: true, patterns: ["dynamodb:*", "kms:*"] }, UNIVERSE), ["s3:GetObject"]);
        assert.deepStrictEqual(reachedActions({ negated: true, patterns: ["dynamo*"] }, UNIVERSE), UNIVERSE);
    });

    it("reads a pattern longer than any action name so that it cannot miss, without building a huge regular expression", () => {
        const huge = `dynamodb:${"x".repeat(200000)}`;
        assert.deepStrictEqual([matchesBroadly(huge, "dynamodb:GetItem"), matchesStrictly(huge, "dynamodb:GetItem")], [true, false]);
        assert.deepStrictEqual(reachedActions({ negated: true, patterns: [huge] }, ["dynamodb:GetItem"]), ["dynamodb:GetItem"]);
    });

    it("summarises lists deterministically", () => {
        assert.deepStrictEqual([[], ["a"], ["a", "b"], ["a", "b", "c"], ["a", "b", "c", "d", "e"]].map(l => summarise(l)), ["", "a", "a and b", "a, b and c", "a, b, c and 2 more"]);
    });
});
