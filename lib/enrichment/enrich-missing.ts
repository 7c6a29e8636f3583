import type { Logger } from "../logger";
import type { LastfmArtist } from "../providers/lastfm-schema";
import { PROVIDERS, type ProviderName } from "../providers/provider-error";
import type { Providers } from "../providers/providers";
import type { SqlClient } from "../db/sql-client";
import { saveMerged, type StoredArtist } from "./artist-store";
import type { EnrichResult } from "./enrich-artist";
import { spotifyIdFromLinks } from "./external-links";
import { fetchLastfm, fetchSpotify, type Identity, type Step } from "./fetch-secondary";
import type { ProviderOutcome } from "./merge-artist";
import { mergeFollowUp } from "./merge-follow-up";
import { isMissing, type ProviderStatusMap } from "./provider-status";

interface MissingOptions {
  providers: Providers;
  now: Date;
  log: Logger;
  signal?: AbortSignal;
  onProgress?: (percent: number, stage: string, message: string) => void | Promise<void>;
}

const storedStatuses = (artist: StoredArtist) =>
  (artist.providerStatus ?? {}) as Partial<ProviderStatusMap>;

/**
 * Which of `wanted` a follow-up asks: those the artist's last result still misses. Null when a
 * follow-up cannot complete that result and a full run is needed instead: the result was not
 * partial (a later run failed, or the artist was reset), or MusicBrainz is missing (it decides
 * who the artist is, and the other providers were matched by name without it).
 */
export function providersToAsk(
  artist: StoredArtist,
  wanted: ProviderName[],
): ProviderName[] | null {
  const statuses = storedStatuses(artist);
  const ask = PROVIDERS.filter((p) => wanted.includes(p) && isMissingEntry(statuses[p]));
  const settled = ["enriched", "needs_review", "not_found"].includes(artist.enrichmentStatus);
  if (ask.length === 0 && settled) return [];
  const partial = artist.enrichmentStatus === "partial" && artist.mbid !== null;
  if (!partial || ask.length === 0 || ask.includes("musicbrainz")) return null;

  return ask;
}

const isMissingEntry = (entry: ProviderStatusMap[ProviderName] | undefined) =>
  entry !== undefined && isMissing(entry);

/** Who the artist is, as its last run stored it: the MBID, its names and its Spotify link. */
function storedIdentity(artist: StoredArtist): Identity {
  const spotifyUrl = artist.externalLinks.spotify;

  return {
    mbid: artist.mbid,
    names: [artist.canonicalName ?? artist.name, ...artist.aliases],
    linkedSpotifyId: spotifyUrl
      ? spotifyIdFromLinks([{ type: "streaming", url: spotifyUrl }])
      : null,
  };
}

const notAsked = { status: "unavailable" } as const;

/**
 * Completes a partial result: asks only the providers it missed (`ask`, from providersToAsk),
 * merges their answers into the stored artist (merge-follow-up.ts) and saves it, "enriched"
 * once nothing is missing any more. An empty `ask` has nothing left to do.
 */
export async function enrichMissing(
  db: SqlClient,
  artist: StoredArtist,
  ask: ProviderName[],
  options: MissingOptions,
): Promise<EnrichResult> {
  const { now, log } = options;
  const progress = async (percent: number, stage: string, message: string) => {
    await options.onProgress?.(percent, stage, message);
  };
  const result = { artistId: artist.id, mbid: artist.mbid };
  if (ask.length === 0) {
    const reason = "nothing is missing any more";
    await progress(100, "done", `Skipped: ${reason}`);
    return { ...result, status: "skipped", missing: [], providerStatus: null, reason };
  }

  const who = storedIdentity(artist);
  const ctx = { ...options, lastfmByName: new Map<string, LastfmArtist | null>() };
  const statuses = { ...storedStatuses(artist) } as ProviderStatusMap;
  const fetch = async <T>(provider: ProviderName, step: () => Promise<Step<T>>) => {
    if (!ask.includes(provider)) return notAsked as ProviderOutcome<T>;
    await progress(10 + 40 * ask.indexOf(provider), provider, `Fetching ${provider} again`);
    const answer = await step();
    statuses[provider] = answer.status;
    return answer.outcome;
  };
  const lastfm = await fetch("lastfm", () => fetchLastfm(who, ctx));
  const spotify = await fetch("spotify", () => fetchSpotify(who, ctx));

  await progress(90, "save", "Merging and saving");
  const missing = PROVIDERS.filter((p) => isMissing(statuses[p]));
  const status = missing.length > 0 ? "partial" : "enriched";
  const merged = mergeFollowUp(artist, ask, { lastfm, spotify }, now);
  await saveMerged(db, {
    artistId: artist.id,
    merged,
    status,
    statuses,
    evidence: null,
    now,
    previousSources: artist.fieldSources,
  });
  log.info({ status, asked: ask, missing }, "follow-up enrichment saved");
  const done = status === "partial" ? `Still without ${missing.join(", ")}` : "Enriched";
  await progress(100, "done", done);

  return { ...result, status, missing, providerStatus: statuses };
}
