import type { ProviderName } from "./provider-error";

/**
 * Request budgets, shared by the clients (which keep to `intervalMs` start-to-start) and the
 * provider simulator (which refuses more than `burst` requests inside any `windowMs`). Both
 * divide every duration by the same rate scale, so tests can run 10x faster with the same shape.
 *
 * - MusicBrainz documents 1 request/s per IP on average. The simulator is stricter than the
 *   real sliding window (10 in 10 s): a third request inside 1.5 s, or two closer than 0.5 s, is a violation, which catches
 *   two uncoordinated 1/s limiters at once while tolerating timer jitter of a single one.
 * - Last.fm publishes no number; third-party summaries cite about 5/s per IP and PROVIDERS.md
 *   advises 2-4/s, so the client keeps to 4/s and the simulator allows 5 in any second.
 * - Spotify counts over a rolling 30 s window and publishes no number either; the client keeps
 *   to 4/s and the simulator allows 150 per 30 s (5/s on average).
 */
export interface ProviderLimit {
  intervalMs: number;
  burst: number;
  windowMs: number;
  /** The simulator also refuses two requests closer than this (0: no such rule). */
  minGapMs: number;
  /** Slowest pace a run of rate-limit answers can push the client to. */
  maxIntervalMs: number;
}

export const PROVIDER_LIMITS: Record<ProviderName, ProviderLimit> = {
  musicbrainz: { intervalMs: 1000, burst: 2, windowMs: 1500, minGapMs: 500, maxIntervalMs: 8000 },
  lastfm: { intervalMs: 250, burst: 5, windowMs: 1000, minGapMs: 0, maxIntervalMs: 4000 },
  spotify: { intervalMs: 250, burst: 150, windowMs: 30_000, minGapMs: 0, maxIntervalMs: 4000 },
};

/** A limit with every duration divided by the rate scale (>= 1 ms). */
export function scaledLimit(provider: ProviderName, rateScale: number): ProviderLimit {
  const limit = PROVIDER_LIMITS[provider];
  const scale = (ms: number) => Math.max(1, Math.round(ms / rateScale));

  return {
    intervalMs: scale(limit.intervalMs),
    burst: limit.burst,
    windowMs: scale(limit.windowMs),
    minGapMs: limit.minGapMs && scale(limit.minGapMs),
    maxIntervalMs: scale(limit.maxIntervalMs),
  };
}
