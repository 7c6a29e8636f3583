import { ProviderError, type ProviderName } from "../providers/provider-error";

/**
 * Per provider, what the last run got: ok, not_found (a definite "no"), deferred (try again
 * later: rate limit, outage, open circuit), failed (settings or our own request was wrong),
 * skipped (not configured, or nothing to ask).
 */
export type ProviderRunStatus = "ok" | "not_found" | "deferred" | "failed" | "skipped";

export interface ProviderStatusEntry {
  status: ProviderRunStatus;
  checkedAt: string;
  reason?: string;
  retryAfterMs?: number;
}

export type ProviderStatusMap = Record<ProviderName, ProviderStatusEntry>;

export function statusEntry(
  status: ProviderRunStatus,
  now: Date,
  reason?: string,
): ProviderStatusEntry {
  return { status, checkedAt: now.toISOString(), ...(reason ? { reason } : {}) };
}

/** The status a provider error leaves behind. Anything that is not a ProviderError is rethrown. */
export function statusForError(err: unknown, now: Date): ProviderStatusEntry {
  if (!(err instanceof ProviderError)) throw err;

  const entry = statusEntry(err.retryable ? "deferred" : "failed", now, err.message);
  if (err.kind === "not_found") return statusEntry("not_found", now, err.message);

  return err.retryAfterMs === undefined
    ? entry
    : { ...entry, retryAfterMs: Math.round(err.retryAfterMs) };
}

/** Runs one provider step; a provider error becomes a status instead of failing the artist. */
export async function attempt<T>(
  now: Date,
  step: () => Promise<T>,
): Promise<{ value: T; error?: undefined } | { value?: undefined; error: ProviderStatusEntry }> {
  try {
    return { value: await step() };
  } catch (err) {
    return { error: statusForError(err, now) };
  }
}

export function isMissing(entry: ProviderStatusEntry): boolean {
  return entry.status === "deferred" || entry.status === "failed";
}
