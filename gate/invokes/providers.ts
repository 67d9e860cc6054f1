/**
 * Which AWS provider an invoke runs through, and what that provider knows without the cloud: its
 * region, partition, account, default tags and ignored tags.
 * - The default provider is configured by the stack (`aws:region`, `aws:defaultTags`,
 *   `aws:ignoreTags`) over the gate's environment (account, region, partition).
 * - An explicit provider (`new aws.Provider(...)`, passed as `provider`) is configured by its
 *   inputs; its account is the account of the last role it assumes, else its single allowed
 *   account, else the environment's; its region defaults to the environment's.
 */
import type { MockEnvironment } from "../mocks";
import { partitionOf } from "./partitions";

/** What an AWS provider knows about itself. */
export interface ProviderConfig {
    readonly region: string;
    readonly partition: string;
    readonly accountId: string;
    readonly defaultTags: Readonly<Record<string, string>>;
    readonly ignoreTagKeys: readonly string[];
    readonly ignoreTagPrefixes: readonly string[];
    /** The role the provider's session is, when it assumes one: its ARN and session name. */
    readonly assumedRole?: { readonly arn: string; readonly sessionName?: string };
}

const AWS_PROVIDER = "pulumi:providers:aws";
/** The provider settings the gate reads, as `aws:<key>` in the stack's config. */
export const PROVIDER_KEYS: readonly string[] = ["region", "defaultTags", "ignoreTags", "assumeRoles", "assumeRole", "allowedAccountIds"];

/** The explicit AWS providers of a run, by the ID the mocks gave them. */
export class Providers {
    private readonly byId = new Map<string, Record<string, unknown>>();
    private defaultConfig?: ProviderConfig;

    public constructor(
        private readonly env: MockEnvironment,
        /** The stack's config, read when the default provider is first used. */
        private readonly stackConfig: () => Readonly<Record<string, string>>,
    ) {}

    /** Records a provider resource the program registered. */
    public record(type: string, id: string, inputs: Record<string, unknown>): void {
        if (type === AWS_PROVIDER) {
            this.byId.set(id, inputs);
        }
    }

    /** The configuration of the provider `ref` (`<urn>::<id>`), or of the default provider. */
    public configFor(ref: string | undefined): ProviderConfig {
        const inputs = ref ? this.byId.get(ref.slice(ref.lastIndexOf("::") + 2)) : undefined;
        if (inputs) {
            return configOf(inputs, this.env, true);
        }
        if (!this.defaultConfig) {
            const config = this.stackConfig();
            const inputs = Object.fromEntries(PROVIDER_KEYS.filter(k => config[`aws:${k}`] !== undefined).map(k => [k, config[`aws:${k}`]]));
            this.defaultConfig = configOf({ ...inputs, region: this.env.region }, this.env, false);
        }
        return this.defaultConfig;
    }
}

function configOf(inputs: Record<string, unknown>, env: MockEnvironment, explicit: boolean): ProviderConfig {
    const region = typeof inputs.region === "string" && inputs.region !== "" ? inputs.region : env.region;
    const roles = [...list(structured(inputs.assumeRoles)), structured(inputs.assumeRole)].filter(isRecord);
    const last = roles[roles.length - 1];
    const roleArn = typeof last?.roleArn === "string" ? last.roleArn : undefined;
    const allowed = list(structured(inputs.allowedAccountIds)).filter((a): a is string => typeof a === "string");
    const accountId = explicit ? (accountOfArn(roleArn) ?? (allowed.length === 1 ? allowed[0] : env.accountId)) : env.accountId;
    const tags = structured(inputs.defaultTags);
    const ignore = structured(inputs.ignoreTags);
    return {
        region,
        partition: region === env.region ? env.partition : partitionOf(region).id,
        accountId,
        defaultTags: isRecord(tags) && isRecord(tags.tags) ? stringValues(tags.tags) : {},
        ignoreTagKeys: isRecord(ignore) ? list(ignore.keys).filter((k): k is string => typeof k === "string") : [],
        ignoreTagPrefixes: isRecord(ignore) ? list(ignore.keyPrefixes).filter((k): k is string => typeof k === "string") : [],
        assumedRole: explicit && roleArn ? { arn: roleArn, sessionName: typeof last?.sessionName === "string" ? last.sessionName : undefined } : undefined,
    };
}

/** A structured provider input or config value: the SDK sends nested inputs as JSON text. */
function structured(value: unknown): unknown {
    if (typeof value === "string" && /^\s*[[{]/.test(value)) {
        try {
            return JSON.parse(value);
        } catch {
            return value;
        }
    }
    return value;
}

function list(value: unknown): unknown[] {
    return Array.isArray(value) ? value : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringValues(record: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(Object.entries(record).filter((e): e is [string, string] => typeof e[1] === "string"));
}

function accountOfArn(arn: string | undefined): string | undefined {
    return arn?.split(":")[4]?.match(/^\d{12}$/)?.[0];
}
