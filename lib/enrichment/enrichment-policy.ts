import { missingCredentials, type ProvidersConfig } from "../providers/provider-config";
import type { ProviderName } from "../providers/provider-error";
import type { ProviderStatusMap } from "./provider-status";

/** How long a finished enrichment counts as fresh, and how long "not found" is believed. */
export const DEFAULT_FRESH_FOR_MS = 7 * 24 * 3600_000;
export const DEFAULT_NOT_FOUND_TTL_MS = 24 * 3600_000;

interface ArtistState {
  enrichmentStatus: string;
  enrichedAt: Date | null;
  notFoundUntil: Date | null;
  providerStatus: unknown;
}

/**
 * Why this artist needs no run now, or null when it does. A partial or failed result is never
 * fresh, and neither is one that skipped a provider which has since been configured.
 */
export function skipReason(
  artist: ArtistState,
  config: ProvidersConfig,
  now: Date,
  freshForMs: number,
): string | null {
  if (artist.notFoundUntil && artist.notFoundUntil > now) {
    return `not found; next try after ${artist.notFoundUntil.toISOString()}`;
  }
  if (!["enriched", "needs_review"].includes(artist.enrichmentStatus) || !artist.enrichedAt)
    return null;
  if (now.getTime() - artist.enrichedAt.getTime() > freshForMs) return null;

  const statuses = (artist.providerStatus ?? {}) as Partial<ProviderStatusMap>;
  const nowConfigured = (Object.keys(statuses) as ProviderName[]).some(
    (p) =>
      statuses[p]?.status === "skipped" && statuses[p]?.reason && !missingCredentials(config, p),
  );

  return nowConfigured ? null : `enriched at ${artist.enrichedAt.toISOString()}`;
}
