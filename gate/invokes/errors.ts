/**
 * The two ways an invoke fails under the gate. Both reach the program as a rejected invoke, which
 * the gate's runner reports as exit 2 naming the invoke.
 */

/** A function the gate computes refused its arguments, as the provider would (the reason alone). */
export class InvokeFailure extends Error {}

/**
 * What the mock throws. The SDK's invoke rethrows `new Error(err.details)` for a failed invoke
 * (runtime/invoke.js), so the message travels in `details` too: without it the program would see an
 * empty message.
 */
export class InvokeError extends Error {
    public readonly details: string;

    public constructor(
        message: string,
        /** The invoke token. */
        public readonly token: string,
    ) {
        super(message);
        this.name = "InvokeError";
        this.details = message;
    }
}
