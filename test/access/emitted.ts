/** The IAM documents a stack of the program really emits, collected from its mocked run. */
import { RecordedResource } from "../../gate/mockRuntime";
import { runStack } from "../support/mocked";

/** What the proofs need from one stack: documents, ARNs and the allowed CIDRs. */
export interface EmittedStack {
    readonly account: string;
    readonly region: string;
    readonly userArn: string;
    readonly roleArn: string;
    readonly roleName: string;
    readonly tableArn: string;
    readonly userPolicy: string;
    readonly trustPolicy: string;
    readonly rolePolicy: string;
    readonly allowedCidrs: readonly string[];
}

/** Runs the program for `stack` (with config overrides) and collects its connector documents. */
export async function emitted(stack: string, overrides: Record<string, string> = {}): Promise<EmittedStack> {
    const run = await runStack(stack, overrides);
    const named = (name: string): RecordedResource => {
        const r = run.resources.find(x => x.name === name);
        if (!r) {
            throw new Error(`the ${stack} stack registered no ${name}`);
        }
        return r;
    };
    const role = named("connector-role");
    return {
        account: run.environment.accountId,
        region: run.environment.region,
        userArn: named("connector-user").outputs["arn"] as string,
        roleArn: role.outputs["arn"] as string,
        roleName: role.outputs["name"] as string,
        tableArn: named("data-table").outputs["arn"] as string,
        userPolicy: named("connector-assume").inputs["policy"] as string,
        trustPolicy: role.inputs["assumeRolePolicy"] as string,
        rolePolicy: named("data-readwrite-connector").inputs["policy"] as string,
        allowedCidrs: JSON.parse(run.config.config["assume-guard:allowedCidrs"]) as string[],
    };
}

/** The first usable address in a CIDR, and the addresses just below and just above it. */
export function edges(cidr: string): { inside: string; below: string; above: string } {
    const [address, bits] = cidr.split("/");
    const n = address.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
    const size = 2 ** (32 - Number(bits));
    const ip = (v: number) => [24, 16, 8, 0].map(s => Math.floor(v / 2 ** s) % 256).join(".");
    return { inside: ip(n + 1), below: ip(n - 1), above: ip(n + size) };
}
