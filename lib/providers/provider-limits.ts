import type { ProviderName } from "./provider-error";

/**
 * Request budgets, shared by the clients (which keep to `intervalMs` start-to-start, plus a small
 * margin) and the provider simulator (which enforces `windows` and `minGapMs`). Both divide every
 * duration by the same rate scale, so tests can run 10x faster with the same shape.
 *
 * - MusicBrainz documents "on average at most 1 request per second" per IP, historically counted
 *   as a sliding window (more than 10 in 10 s is refused). The simulator models exactly that, so
 *   a client that is too fast on average is caught even when each gap looks plausible (the older
 *   rule let 1.3 requests/s through). On top it is stricter than MusicBrainz on purpose, to catch
 *   clients that do not pace start-to-start: two requests closer than half an interval, or three
 *   within one and a half, are violations. Two uncoordinated 1/s limiters always produce a gap
 *   of at most half an interval, and a burst of parallel requests shows at once.
 * - Last.fm publishes no number; third-party summaries cite about 5/s per IP and PROVIDERS.md
 *   advises 2-4/s, so the client keeps to 4/s and the simulator allows 5 in any second.
 * - Spotify counts over a rolling 30 s window and publishes no number either; the client keeps
 *   to 4/s and the simulator allows 150 per 30 s (5/s on average).
 */
export interface ProviderLimit {
  intervalMs: number;
  /** The simulator refuses a request that makes more than `max` within any `windowMs`. */
  windows: { max: number; windowMs: number }[];
  /** The simulator also refuses two requests closer than this (0: no such rule). */
  minGapMs: number;
  /** Slowest pace a run of rate-limit answers can push the client to. */
  maxIntervalMs: number;
}

export const PROVIDER_LIMITS: Record<ProviderName, ProviderLimit> = {
  musicbrainz: {
    intervalMs: 1000,
    windows: [
      { max: 10, windowMs: 10_000 },
      { max: 2, windowMs: 1500 },
    ],
    minGapMs: 500,
    maxIntervalMs: 8000,
  },
  lastfm: {
    intervalMs: 250,
    windows: [{ max: 5, windowMs: 1000 }],
    minGapMs: 0,
    maxIntervalMs: 4000,
  },
  spotify: {
    intervalMs: 250,
    windows: [{ max: 150, windowMs: 30_000 }],
    minGapMs: 0,
    maxIntervalMs: 4000,
  },
};

/** A limit with every duration divided by the rate scale (>= 1 ms). */
export function scaledLimit(provider: ProviderName, rateScale: number): ProviderLimit {
  const limit = PROVIDER_LIMITS[provider];
  const scale = (ms: number) => Math.max(1, Math.round(ms / rateScale));

  return {
    intervalMs: scale(limit.intervalMs),
    windows: limit.windows.map((w) => ({ max: w.max, windowMs: scale(w.windowMs) })),
    minGapMs: limit.minGapMs && scale(limit.minGapMs),
    maxIntervalMs: scale(limit.maxIntervalMs),
  };
}
