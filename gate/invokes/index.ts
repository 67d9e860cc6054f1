/**
 * Answers the invokes a program makes under the gate's mocked runtime, in this order:
 * 1. an answer the user supplied for the token and arguments (`--invoke-results`, results.ts);
 *    for an AWS function the fields it leaves out stay unknown;
 * 2. a function the gate computes (table.ts), unless an argument holds an unknown marker: then,
 *    as the SDK does for an invoke with unknown inputs during preview, its whole result is unknown;
 * 3. an AWS look-up: unknown markers in the shape of its result (lookups.ts);
 * 4. anything else is refused with an {@link InvokeError} naming the token and the fix.
 */
import type { MockEnvironment } from "../mocks";
import { InvokeArgs } from "./args";
import { InvokeError, InvokeFailure } from "./errors";
import { unknownResult } from "./lookups";
import { hasMarker, markerFor } from "./markers";
import { PROVIDER_KEYS, Providers } from "./providers";
import { InvokeResults, loadInvokeResults } from "./results";
import { COMPUTED, invokeKind } from "./table";

export { InvokeError } from "./errors";
export { InvokeResultsError } from "./results";

/** One invoke as the mocks receive it. */
export interface InvokeRequest {
    readonly token: string;
    readonly inputs: InvokeArgs;
    /** The provider reference (`<urn>::<id>`), when the invoke names one. */
    readonly provider?: string;
}

/** Options of the gate's invoke answers. */
export interface InvokeOptions {
    /** An --invoke-results file (resolved path); read and checked when the answers are made. */
    readonly invokeResultsFile?: string;
    /** The stack's config (`aws:defaultTags`, …). @default read from the runtime when first needed */
    readonly config?: Readonly<Record<string, string>>;
}

/** The invoke answers of one mocked run. */
export class Invokes {
    /** The run's explicit providers (the mocks record them as they are registered). */
    public readonly providers: Providers;
    private readonly results?: InvokeResults;

    /** Reads the --invoke-results file, if any: a fault throws `InvokeResultsError` here. */
    public constructor(env: MockEnvironment, options: InvokeOptions = {}) {
        this.results = options.invokeResultsFile !== undefined ? loadInvokeResults(options.invokeResultsFile) : undefined;
        this.providers = new Providers(env, () => options.config ?? runtimeConfig());
    }

    /** The result of one invoke; throws {@link InvokeError} when it fails or cannot be answered. */
    public answer(req: InvokeRequest): Record<string, unknown> {
        const { token, inputs } = req;
        const supplied = this.results?.find(token, inputs);
        const kind = invokeKind(token);
        if (supplied) {
            return kind === "refused" ? { ...supplied.result } : { ...unknownResult(token, inputs), ...supplied.result };
        }
        if (kind === "computed") {
            if (hasMarker(inputs)) {
                return unknownResult(token);
            }
            try {
                return COMPUTED[token](inputs, { provider: this.providers.configFor(req.provider), unknown: path => markerFor(token, path) });
            } catch (e) {
                if (e instanceof InvokeFailure) {
                    throw new InvokeError(`invocation of ${token} returned an error: ${e.message}`, token);
                }
                throw e;
            }
        }
        if (kind === "lookup") {
            return unknownResult(token, inputs);
        }
        throw new InvokeError(this.refusal(token, inputs), token);
    }

    private refusal(token: string, inputs: InvokeArgs): string {
        const example = `{"args": ${JSON.stringify(inputs)}, "result": {...}}`;
        if (this.results?.has(token)) {
            return `invoke ${token} has no answer for these arguments in --invoke-results ${this.results.file}. Fix: add ${example} under "${token}"`;
        }
        return (
            `invoke ${token} cannot be answered offline: the gate computes the AWS functions that need no cloud, answers AWS look-ups as unknown, ` +
            `and knows no other provider's functions. Fix: give its result in a file passed with --invoke-results, e.g. {"${token}": [${example}]}`
        );
    }
}

/** The stack config the mocked runtime was given (a MockRuntime sets it with `setAllConfig`). */
function runtimeConfig(): Record<string, string> {
    const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    const out: Record<string, string> = {};
    for (const key of PROVIDER_KEYS) {
        const value = pulumi.runtime.getConfig(`aws:${key}`);
        if (value !== undefined) {
            out[`aws:${key}`] = value;
        }
    }
    return out;
}
