/**
 * Caches temporary credentials and fetches new ones shortly before they expire, the way the SDK's
 * own providers do: callers that arrive while a fetch is under way share it, and a failed fetch is
 * not cached, so the next call tries again.
 */
import type { SourceCredentials } from "./options";

/** Temporary credentials from STS. */
export type TemporaryCredentials = Exclude<SourceCredentials, Function>;
/** A provider of temporary credentials, accepted by every AWS SDK v3 client's `credentials`. */
export type CredentialsProvider = Extract<SourceCredentials, Function>;

/** Credentials are refreshed this long before they expire, as in the SDK (5 minutes). */
export const REFRESH_WINDOW_MS = 5 * 60 * 1000;

/**
 * Wraps `fetch` in a provider that returns cached credentials until they are within
 * {@link REFRESH_WINDOW_MS} of their expiration by `now`, or a caller passes `{ forceRefresh: true }`.
 */
export function refreshingProvider(fetch: () => Promise<TemporaryCredentials>, now: () => number): CredentialsProvider {
    let current: TemporaryCredentials | undefined;
    let pending: Promise<TemporaryCredentials> | undefined;
    return async (properties?: Record<string, unknown>) => {
        const cached = current;
        if (properties?.forceRefresh !== true && cached?.expiration !== undefined && cached.expiration.getTime() - now() > REFRESH_WINDOW_MS) {
            return cached;
        }
        pending ??= fetch()
            .then((credentials) => (current = credentials))
            .finally(() => (pending = undefined));
        return pending;
    };
}
