import { logger as rootLogger, type Logger } from "../logger";
import type { LastfmArtist } from "../providers/lastfm-schema";
import { providersConfigFromEnv } from "../providers/provider-config";
import { PROVIDERS, type ProviderName } from "../providers/provider-error";
import { createProviders, type Providers } from "../providers/providers";
import type { SqlClient } from "../db/sql-client";
import {
  loadArtist,
  saveFailure,
  saveMerged,
  saveNotFound,
  saveReview,
  type StoredArtist,
} from "./artist-store";
import { DEFAULT_FRESH_FOR_MS, DEFAULT_NOT_FOUND_TTL_MS, skipReason } from "./enrichment-policy";
import { enrichMissing, providersToAsk } from "./enrich-missing";
import { spotifyIdFromLinks } from "./external-links";
import { fetchLastfm, fetchSpotify, type Identity } from "./fetch-secondary";
import type { LibraryHints } from "./match-artist";
import { mergeArtist } from "./merge-artist";
import { isMissing, type ProviderStatusMap, statusEntry } from "./provider-status";
import { resolveByMbid, resolveMusicBrainz } from "./resolve-musicbrainz";

export type EnrichStatus = "enriched" | "partial" | "needs_review" | "not_found" | "skipped";

export interface EnrichOptions {
  /** Run even when the artist was enriched recently or is remembered as not found. */
  forceRefresh?: boolean;
  /** Aborts waits and requests (job cancelled or expired). */
  signal?: AbortSignal;
  onProgress?: (percent: number, stage: string, message: string) => void | Promise<void>;
  log?: Logger;
  /** Clients to use; built from the environment for this database when absent. */
  providers?: Providers;
  /**
   * Use this MusicBrainz artist instead of searching by name: a person picked it from the
   * review candidates, or typed it in. Only a failed lookup can still leave the artist unmatched.
   */
  mbid?: string;
  /**
   * A follow-up after a partial result: ask only these providers (those still missing of them)
   * and merge their answers into the stored artist. A missing MusicBrainz means a full run.
   */
  onlyProviders?: ProviderName[];
  freshForMs?: number;
  notFoundTtlMs?: number;
  now?: () => Date;
}

export interface EnrichResult {
  artistId: string;
  status: EnrichStatus;
  /** Providers whose data is missing from this result and worth fetching later. */
  missing: ProviderName[];
  providerStatus: ProviderStatusMap | null;
  mbid: string | null;
  /** Set when status is "skipped". */
  reason?: string;
}

/** Thrown when no provider could be reached; the artist is saved as failed first. */
export class EnrichmentError extends Error {
  readonly code = "all_providers_unavailable";
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "EnrichmentError";
  }
}

/**
 * Enriches one artist from MusicBrainz, Last.fm and Spotify and saves the merged record.
 * Safe to run twice or concurrently: every run writes one complete result for the artist.
 */
export async function enrichArtist(
  db: SqlClient,
  artistId: string,
  options: EnrichOptions = {},
): Promise<EnrichResult> {
  const now = options.now?.() ?? new Date();
  const log = (options.log ?? rootLogger).child({ artistId });
  const providers = options.providers ?? createProviders(db, providersConfigFromEnv(), { log });
  const progress = async (percent: number, stage: string, message: string) => {
    await options.onProgress?.(percent, stage, message);
  };
  const artist = await loadArtist(db, artistId);
  if (!artist) throw new Error(`Artist ${artistId} does not exist`);
  if (options.onlyProviders) {
    const ask = providersToAsk(artist, options.onlyProviders);
    if (ask) return enrichMissing(db, artist, ask, { ...options, providers, now, log });
  }

  const skip = options.forceRefresh
    ? null
    : skipReason(artist, providers.config, now, options.freshForMs ?? DEFAULT_FRESH_FOR_MS);
  if (skip) {
    await progress(100, "done", `Skipped: ${skip}`);
    return {
      artistId,
      status: "skipped",
      missing: [],
      providerStatus: null,
      mbid: artist.mbid,
      reason: skip,
    };
  }

  const ctx = {
    providers,
    signal: options.signal,
    now,
    lastfmByName: new Map<string, LastfmArtist | null>(),
  };
  const forced = options.mbid;
  const what = forced
    ? `Looking up MusicBrainz artist ${forced}`
    : `Searching MusicBrainz for "${artist.name}"`;
  await progress(5, "musicbrainz", what);
  const resolution = forced
    ? await resolveByMbid(artist.name, forced, ctx)
    : await resolveMusicBrainz(artist.name, { ...ctx, hints: libraryHints(artist) });
  const statuses = { musicbrainz: resolution.status } as ProviderStatusMap;

  if (resolution.kind === "ambiguous") {
    statuses.lastfm = statusEntry(
      "skipped",
      now,
      "waiting for the MusicBrainz match to be reviewed",
    );
    statuses.spotify = statuses.lastfm;
    await saveReview(db, artistId, resolution.candidates, statuses, now);
    await progress(100, "done", resolution.status.reason ?? "Needs review");
    return { artistId, status: "needs_review", missing: [], providerStatus: statuses, mbid: null };
  }
  if (resolution.kind === "not_found") {
    const lastfmAnswer = ctx.lastfmByName.get(artist.name);
    statuses.lastfm =
      lastfmAnswer === null
        ? statusEntry("not_found", now)
        : statusEntry("skipped", now, "artist not resolved");
    statuses.spotify = statusEntry("skipped", now, "artist not resolved on MusicBrainz");
    const until = new Date(now.getTime() + (options.notFoundTtlMs ?? DEFAULT_NOT_FOUND_TTL_MS));
    await saveNotFound(db, artistId, statuses, until, now);
    await progress(100, "done", `Not found; next try after ${until.toISOString()}`);
    return { artistId, status: "not_found", missing: [], providerStatus: statuses, mbid: null };
  }

  const mb = resolution.kind === "matched" ? resolution.artist : null;
  const who: Identity = {
    mbid: mb?.id ?? null,
    names: mb ? [mb.name, ...mb.aliases.map((a) => a.name)] : [artist.name],
    linkedSpotifyId: mb ? spotifyIdFromLinks(mb.links) : null,
  };
  await progress(45, "lastfm", `Fetching Last.fm for "${who.names[0]}"`);
  const lastfm = await fetchLastfm(who, ctx);
  await progress(65, "spotify", `Fetching Spotify for "${who.names[0]}"`);
  const spotify = await fetchSpotify(who, ctx);
  statuses.lastfm = lastfm.status;
  statuses.spotify = spotify.status;

  const missing = PROVIDERS.filter((p) => isMissing(statuses[p]));
  const answered = PROVIDERS.filter((p) => ["ok", "not_found"].includes(statuses[p].status));
  if (answered.length === 0) {
    const message = allDownMessage(statuses);
    await saveFailure(db, artistId, statuses, message, now);
    log.warn({ statuses }, "enrichment failed: no provider answered");
    throw new EnrichmentError(message, minRetry(statuses));
  }

  await progress(85, "merge", "Merging provider data");
  const merged = mergeArtist(
    {
      musicbrainz: mb ? { status: "ok", data: mb } : { status: "unavailable" },
      lastfm: lastfm.outcome,
      spotify: spotify.outcome,
    },
    artist.lockedFields,
    now,
  );
  const status = missing.length > 0 ? "partial" : "enriched";
  const evidence = resolution.kind === "matched" ? resolution.evidence : null;
  await progress(95, "save", "Saving");
  await saveMerged(db, {
    artistId,
    merged,
    status,
    statuses,
    evidence,
    now,
    previousSources: artist.fieldSources,
  });
  log.info({ status, missing, mbid: who.mbid }, "artist enriched");
  await progress(
    100,
    "done",
    status === "partial" ? `Saved without ${missing.join(", ")}` : "Enriched",
  );

  return { artistId, status, missing, providerStatus: statuses, mbid: who.mbid };
}

/**
 * What the library itself knows (typed in by a person), as tie-breakers. Values an earlier
 * run copied from MusicBrainz are left out: they would only confirm that run's own choice.
 */
function libraryHints(artist: StoredArtist): LibraryHints {
  const sources = (artist.fieldSources ?? {}) as Record<string, { source?: string } | undefined>;
  const own = <T>(field: string, value: T) =>
    sources[field]?.source === "musicbrainz" ? null : value;

  return {
    country: own("country", artist.country),
    type: own("type", artist.type),
    beginDate: own("beginDate", artist.beginDate),
  };
}

function allDownMessage(statuses: ProviderStatusMap): string {
  const parts = PROVIDERS.map((p) => `${p}: ${statuses[p].reason ?? statuses[p].status}`);

  return `No metadata provider could be reached (${parts.join("; ")})`;
}

function minRetry(statuses: ProviderStatusMap): number | undefined {
  const waits = PROVIDERS.map((p) => statuses[p].retryAfterMs).filter(
    (ms): ms is number => ms !== undefined,
  );

  return waits.length > 0 ? Math.min(...waits) : undefined;
}
