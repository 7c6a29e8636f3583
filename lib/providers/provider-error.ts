/** Which provider a call went to. */
export type ProviderName = "musicbrainz" | "lastfm" | "spotify";

export const PROVIDERS: readonly ProviderName[] = ["musicbrainz", "lastfm", "spotify"];

/**
 * What went wrong, as far as a caller needs to decide: wait and retry (rate_limited,
 * unavailable, timeout), give up on this artist (not_found, bad_request), or stop using the
 * provider until an operator acts (auth).
 */
export type ProviderErrorKind =
  "rate_limited" | "unavailable" | "not_found" | "auth" | "bad_request" | "timeout";

interface ProviderErrorOptions {
  status?: number;
  retryAfterMs?: number;
  cause?: unknown;
}

/** The one error type provider clients throw. */
export class ProviderError extends Error {
  readonly provider: ProviderName;
  readonly kind: ProviderErrorKind;
  readonly status?: number;
  /** For rate_limited (from Retry-After) and for an open circuit: when trying again makes sense. */
  readonly retryAfterMs?: number;

  constructor(
    provider: ProviderName,
    kind: ProviderErrorKind,
    message: string,
    options: ProviderErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "ProviderError";
    this.provider = provider;
    this.kind = kind;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** Worth trying again later (as opposed to a definite answer or a settings problem). */
  get retryable(): boolean {
    return this.kind === "rate_limited" || this.kind === "unavailable" || this.kind === "timeout";
  }
}

/** Failures that say the provider itself is unhealthy; they feed the circuit breaker. */
export function countsAsFailure(err: unknown): boolean {
  if (!(err instanceof ProviderError)) return true;

  return err.kind === "unavailable" || err.kind === "timeout" || err.kind === "auth";
}
