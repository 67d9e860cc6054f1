/** What a computed invoke is given besides its arguments. */
import type { ProviderConfig } from "../providers";

/** The context of one invoke. */
export interface InvokeContext {
    /** The provider the invoke runs through. */
    readonly provider: ProviderConfig;
    /** A marker for a field the gate cannot know (markers.ts), named after this invoke. */
    unknown(path: string): string;
}

/** A function the gate computes: its result, or an `InvokeFailure` where the provider fails. */
export type Computed = (args: Readonly<Record<string, unknown>>, ctx: InvokeContext) => Record<string, unknown>;
