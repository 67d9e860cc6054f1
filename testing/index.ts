/**
 * Unit-testing helpers for programs built with assume-guard's components (`assume-guard/testing`):
 * the mocks the gate runs programs under, in the shape of Pulumi's unit-testing guide. Call
 * {@link setMocks} before the program is imported, then read its outputs with {@link promiseOf}:
 *
 * ```ts
 * import { promiseOf, setMocks } from "assume-guard/testing";
 *
 * const stack = setMocks({ project: "reporting", config: { "aws:region": "eu-west-1" } });
 * const program = await import("../index");
 * assert.strictEqual(await promiseOf(program.roleArn), "arn:aws:iam::123456789012:role/reporting-reader");
 * const resources = await stack.settled(); // every registration, with its inputs
 * ```
 *
 * Every invoke the components make is answered (account, partition, region, policy documents), so
 * no output waits for ever. To run a whole project with a stack file's config, as the gate does, use
 * {@link runProgram}; for the pack's verdict, `assume-guard gate --stack NAME`.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as path from "path";

import { DEFAULT_ACCOUNT_ID } from "../gate/mocks";
import { MockedRun, runProgramMocked } from "../gate/mockRuntime";
import { installMocks } from "../gate/mockSetup";
import type { RecordedResource } from "../gate/recording";
import { gateSdk } from "../gate/sdk";

export type { MockedRun, RecordedResource };
export { DEFAULT_ACCOUNT_ID };

/** Options of {@link setMocks}. */
export interface SetMocksOptions {
    /**
     * The project name (`pulumi.getProject()`).
     * @default "project"
     */
    readonly project?: string;
    /**
     * The stack name (`pulumi.getStack()`).
     * @default "stack"
     */
    readonly stack?: string;
    /**
     * Config the program reads, with full keys: `{ "aws:region": "eu-west-1", "my-app:tableName": "orders" }`.
     * @default none
     */
    readonly config?: Readonly<Record<string, string>>;
    /**
     * The account `aws.getCallerIdentity` answers, and every synthesised ARN carries.
     * @default "123456789012"
     */
    readonly accountId?: string;
    /**
     * Run as a preview (`pulumi.runtime.isDryRun()`), where outputs that need the cloud stay unknown.
     * @default false
     */
    readonly preview?: boolean;
}

/** The registrations of a program run under {@link setMocks}, in order. */
export interface MockedStack {
    /** Every resource registered so far: type, name, URN, parent, inputs and the mocks' outputs. */
    readonly resources: readonly RecordedResource[];
    /** Waits until every registration and invoke started so far has settled; resolves to {@link resources}. */
    settled(): Promise<readonly RecordedResource[]>;
}

/**
 * Points the Pulumi runtime at the gate's mocks, as `pulumi.runtime.setMocks` does with your own:
 * call it before the program is imported. IDs and ARNs are realistic (the account is `accountId`,
 * the region `aws:region`, default us-east-1); AWS functions that need no cloud are computed as the
 * provider computes them; a look-up of something in the cloud (`aws.iam.getRole`, ...) answers
 * unknown, and any other invoke fails the registration that made it, naming the token.
 */
export function setMocks(options: SetMocksOptions = {}): MockedStack {
    const project = options.project ?? "project";
    const sdk = gateSdk();
    const { monitor } = installMocks(sdk, { project, stack: options.stack ?? "stack", config: { ...options.config }, accountId: options.accountId, preview: options.preview });
    return {
        resources: monitor.recorded,
        settled: async () => {
            await sdk.waitForRPCs();
            return monitor.recorded;
        },
    };
}

/**
 * The value of an output, once known: `assert.strictEqual(await promiseOf(user.userArn), "arn:…")`.
 * Under a preview, an output that stays unknown never settles: read such values from `resources`.
 */
export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise(resolve => output.apply(value => (resolve(value), value)));
}

/** Options of {@link runProgram}. */
export interface RunProgramOptions {
    /** The stack whose Pulumi.<stack>.yaml supplies the config. */
    readonly stack: string;
    /**
     * The folder holding Pulumi.yaml.
     * @default the working directory
     */
    readonly projectDir?: string;
    /**
     * Config set as `pulumi preview --config KEY=VALUE` sets it (a key without a namespace gets the project's).
     * @default none
     */
    readonly config?: Readonly<Record<string, string>>;
}

/**
 * Runs a whole project under the gate's mocks with a stack's real config, as `assume-guard gate
 * --stack` runs it: its registrations and stack outputs, or a thrown error naming the program's
 * file and line when it cannot run whole. A second call runs the program afresh.
 */
export function runProgram(options: RunProgramOptions): Promise<MockedRun> {
    const settings = Object.entries(options.config ?? {}).map(([key, value]) => ({ key, value }));
    return runProgramMocked({ projectDir: path.resolve(options.projectDir ?? process.cwd()), stack: options.stack, cliConfig: { settings, path: false } });
}
