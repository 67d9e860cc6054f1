/**
 * The mocked runtime a run starts with: the gate's mocks (./mocks.ts) answering for one stack, with
 * its config, through a monitor that records every registration (./recording.ts). Used by every
 * mocked run (./mockRuntime.ts) and by `assume-guard/testing`.
 */
import { partitionOfRegion } from "../components/iam/arns";
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, MockEnvironment, MockOptions, syntheticMocks } from "./mocks";
import { RecordingMonitor, recordingMonitor } from "./recording";
import { RuntimeStore, Sdk } from "./sdk";
import { LoadedStackConfig } from "./stackConfig";

/** The stack a mocked run answers for: its project, name and config, as a preview or an update. */
export type StackOptions = Omit<LoadedStackConfig, "secretKeys"> & {
    readonly secretKeys?: string[];
    readonly preview?: boolean;
    readonly invokeResultsFile?: string;
    /** What a new resource's outputs are (`"inputs-only"`: a first preview). */
    readonly outputs?: MockOptions["outputs"];
    /**
     * The account the mocks answer for. @default `<project>:accountId` from the config, else the first
     * of `aws:allowedAccountIds`, else 123456789012
     */
    readonly accountId?: string;
};

/** What {@link installMocks} set up. */
export interface InstalledMocks {
    readonly environment: MockEnvironment;
    readonly monitor: RecordingMonitor;
    readonly store: RuntimeStore;
    /** Settles once the SDK's own `setMocks` has (its effect is synchronous in every version so far). */
    readonly ready: Promise<void>;
}

/**
 * Points `sdk`'s runtime at the gate's mocks for the stack, with its config, recording every
 * registration: what every mocked run starts with, and what `assume-guard/testing`'s `setMocks` does.
 */
export function installMocks(sdk: Sdk, options: StackOptions): InstalledMocks {
    const config = options.config;
    const region = config["aws:region"] ?? DEFAULT_REGION;
    const environment: MockEnvironment = {
        accountId: options.accountId ?? (config[`${options.project}:accountId`] || firstAllowedAccount(config["aws:allowedAccountIds"]) || DEFAULT_ACCOUNT_ID),
        region,
        partition: partitionOfRegion(region),
    };
    const mocks = syntheticMocks(environment, { invokeResultsFile: options.invokeResultsFile, config, outputs: options.outputs });
    const monitor = recordingMonitor(sdk, mocks);
    const install = () => {
        sdk.getStore().settings.monitor = monitor;
        sdk.setAllConfig(config, options.secretKeys ?? []);
    };
    const pending = sdk.setMocks(mocks, options.project, options.stack, options.preview ?? false, "organization");
    const store = sdk.getStore();
    install();
    return { environment, monitor, store, ready: Promise.resolve(pending).then(install) };
}

/** The first account of the provider's `aws:allowedAccountIds` (a JSON list), if it is an account ID. */
function firstAllowedAccount(text: string | undefined): string | undefined {
    try {
        const v: unknown = text === undefined ? undefined : JSON.parse(text);
        return Array.isArray(v) && typeof v[0] === "string" && /^\d{12}$/.test(v[0]) ? v[0] : undefined;
    } catch {
        return undefined;
    }
}
