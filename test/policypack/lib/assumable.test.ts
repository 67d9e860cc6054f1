import * as assert from "assert";

import { userAdmissions } from "../../../policypack/lib/assumable";
import { doc, T } from "../fixtures";

const admits = (trust: unknown) => {
    const found = userAdmissions({ urn: "urn:r", type: T.role, name: "r", props: { name: "r", assumeRolePolicy: trust } });
    return "admits" in found ? found.admits : "unknown";
};
const statement = (Principal: unknown, Action: unknown = "sts:AssumeRole", more: Record<string, unknown> = {}) => doc({ Effect: "Allow", Principal, Action, ...more });

describe("lib/assumable: who a trust lets assume the role with a user's key", () => {
    it("admits users by ARN, every user of an account, anyone, and principals it cannot classify, whatever the conditions", () => {
        assert.deepStrictEqual(
            [
                admits(statement({ AWS: "arn:aws:iam::111111111111:user/app" }, "sts:AssumeRole", { Condition: { IpAddress: { "aws:SourceIp": "198.51.100.0/24" } } })),
                admits(statement({ AWS: ["arn:aws:iam::222222222222:root", "333333333333"] })),
                admits(statement("*")),
                admits(doc({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::111111111111:user/app" }, Action: "sts:AssumeRole" })),
                admits(statement({ AWS: "AIDAEXAMPLEUNIQUEID" }, "sts:*")),
            ],
            [
                ["arn:aws:iam::111111111111:user/app"],
                ["any user of account 222222222222", "any user of account 333333333333"],
                ['any principal ("*")'],
                ['any principal ("*")'],
                ['principal "AIDAEXAMPLEUNIQUEID"'],
            ],
        );
    });

    it("admits no user through roles, services, identity providers, other assume actions or Deny", () => {
        assert.deepStrictEqual(
            [
                admits(statement({ AWS: "arn:aws:iam::111111111111:role/ci" })),
                admits(statement({ Service: "lambda.amazonaws.com" })),
                admits(statement({ Federated: "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com" }, "sts:AssumeRoleWithWebIdentity")),
                admits(statement({ AWS: "arn:aws:iam::111111111111:user/app" }, "sts:TagSession")),
                admits(doc({ Effect: "Deny", Principal: "*", Action: "sts:AssumeRole" })),
            ],
            [[], [], [], [], []],
        );
    });

    it("counts a trust it cannot read as admitting anyone (an unknown one is reported by the rules: see their tests)", () => {
        assert.deepStrictEqual([admits("{not json"), admits({ Version: "2012-10-17" })], [["whoever its unreadable trust policy admits"], ["whoever its unreadable trust policy admits"]]);
    });
});
