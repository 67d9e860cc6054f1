import * as assert from "assert";

import { sessionProvider, SessionProviderArgs } from "../../components";
import { only, refusal, runComponents } from "../support/mocked";

const ROLE = "arn:aws:iam::123456789012:role/deployer";

describe("components/sessionProvider", () => {
    it("assumes the role with managed session policies, an inline policy minified, and a duration", async () => {
        const run = await runComponents(() => {
            sessionProvider("narrow", {
                roleArn: ROLE,
                sessionName: "ci-deploy",
                externalId: "ci-7f3a",
                policyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
                policy: '{ "Version": "2012-10-17",\n  "Statement": [ { "Effect": "Allow", "Action": "dynamodb:*", "Resource": "*" } ] }',
                durationSeconds: 900,
                tags: { team: "platform" },
                providerArgs: { region: "eu-west-1" },
            });
        });
        const provider = only(run, "pulumi:providers:aws", "narrow");
        const assumeRoles = provider.inputs["assumeRoles"];
        // Provider inputs reach the engine JSON-encoded when they are not strings.
        assert.deepStrictEqual(typeof assumeRoles === "string" ? JSON.parse(assumeRoles) : assumeRoles, [
            {
                roleArn: ROLE,
                sessionName: "ci-deploy",
                externalId: "ci-7f3a",
                policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:*","Resource":"*"}]}',
                policyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
                duration: "900s",
                tags: { team: "platform" },
            },
        ]);
        assert.strictEqual(provider.inputs["region"], "eu-west-1");
    });

    describe("refuses what AWS would refuse, before deploy", () => {
        const base: SessionProviderArgs = { roleArn: ROLE, sessionName: "ci-deploy" };
        const cases: [string, SessionProviderArgs, string][] = [
            [
                "more than 10 managed policy ARNs",
                { ...base, policyArns: Array.from({ length: 11 }, (_, i) => `arn:aws:iam::aws:policy/P${i}`) },
                "sessionProvider 'narrow': policyArns lists 11 policies. Fix: pass at most 10, AWS's limit for a session; merge the rest into the inline policy.",
            ],
            [
                "an inline policy of 2,048 characters or more without whitespace",
                { ...base, policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${"b".repeat(2000)}/*` }] } },
                "sessionProvider 'narrow': policy is 2110 characters without whitespace. Fix: keep it under 2048, AWS's limit; move grants to managed policyArns.",
            ],
            [
                "a duration under 15 minutes",
                { ...base, durationSeconds: 899 },
                "sessionProvider 'narrow': durationSeconds: 899 is outside 900–43200 seconds. Fix: set a whole number of seconds from 900 to 43200.",
            ],
            [
                "a duration over 12 hours",
                { ...base, durationSeconds: 43201 },
                "sessionProvider 'narrow': durationSeconds: 43201 is outside 900–43200 seconds. Fix: set a whole number of seconds from 900 to 43200.",
            ],
            [
                "an inline policy that is not JSON",
                { ...base, policy: "{ nope" },
                "sessionProvider 'narrow': policy is not valid JSON. Fix: pass a policy document object or its JSON text.",
            ],
            [
                "a policy ARN that is not one",
                { ...base, policyArns: ["ReadOnlyAccess"] },
                "sessionProvider 'narrow': policyArns[0] \"ReadOnlyAccess\" is not a managed policy ARN. Fix: use an ARN such as arn:aws:iam::aws:policy/ReadOnlyAccess.",
            ],
            [
                "a session name with spaces",
                { ...base, sessionName: "ci deploy" },
                "sessionProvider 'narrow': sessionName \"ci deploy\" is not a valid session name. Fix: use 2 to 64 characters of letters, digits and +=,.@-_.",
            ],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                assert.strictEqual(await refusal(() => sessionProvider("narrow", args)), message);
            });
        }
    });
});
