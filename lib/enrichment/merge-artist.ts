import type { LastfmArtist } from "../providers/lastfm-schema";
import { LASTFM_PLACEHOLDER_IMAGE } from "../providers/lastfm-schema";
import type { MbArtist } from "../providers/musicbrainz-schema";
import type { ProviderName } from "../providers/provider-error";
import type { SpotifyArtist } from "../providers/spotify-schema";
import { externalLinks } from "./external-links";
import { sameSpelling } from "./normalize-name";

/** How many genres an artist keeps: the "top genres" of the merge rules. */
export const GENRE_LIMIT = 3;

/**
 * What a provider returned for this artist: data, a definite "not there" (fields it owns are
 * cleared), or nothing usable this time (fields it owns are left as they were).
 */
export type ProviderOutcome<T> =
  { status: "ok"; data: T } | { status: "not_found" } | { status: "unavailable" };

export interface MergeInput {
  musicbrainz: ProviderOutcome<MbArtist>;
  lastfm: ProviderOutcome<LastfmArtist>;
  spotify: ProviderOutcome<SpotifyArtist>;
}

/** The artist columns enrichment writes. */
export interface EnrichedFields {
  canonicalName: string | null;
  sortName: string | null;
  mbid: string | null;
  type: string | null;
  country: string | null;
  area: string | null;
  beginArea: string | null;
  beginDate: string | null;
  endDate: string | null;
  disambiguation: string | null;
  aliases: string[];
  genres: string[];
  bio: string | null;
  lastfmName: string | null;
  lastfmListeners: bigint | null;
  lastfmPlaycount: bigint | null;
  similarArtists: string[];
  spotifyId: string | null;
  spotifyFollowers: bigint | null;
  spotifyPopularity: number | null;
  images: { url: string; width: number | null; height: number | null }[];
  externalLinks: Record<string, string>;
}

export type FieldName = keyof EnrichedFields;

export interface FieldSource {
  source: ProviderName;
  at: string;
  url?: string;
}

export interface MergeResult {
  fields: Partial<EnrichedFields>;
  sources: Partial<Record<FieldName, FieldSource>>;
}

export type Candidate = { value: EnrichedFields[FieldName]; source: ProviderName; url?: string };

const data = <T>(o: ProviderOutcome<T>): T | null => (o.status === "ok" ? o.data : null);
const known = <T>(o: ProviderOutcome<T>) => o.status !== "unavailable";

/** MusicBrainz owns identity, place and dates; nothing else may replace them. */
function fromMusicBrainz(input: MergeInput): Partial<Record<FieldName, Candidate>> {
  if (!known(input.musicbrainz)) return {};
  const mb = data(input.musicbrainz);
  const c = (value: Candidate["value"]): Candidate => ({ value, source: "musicbrainz" });

  return {
    canonicalName: c(mb?.name ?? null),
    sortName: c(mb?.sortName ?? null),
    mbid: c(mb?.id ?? null),
    type: c(mb?.type ?? null),
    country: c(mb?.country ?? null),
    area: c(mb?.area ?? null),
    beginArea: c(mb?.beginArea ?? null),
    beginDate: c(mb?.beginDate ?? null),
    endDate: c(mb?.endDate ?? null),
    disambiguation: c(mb?.disambiguation ?? null),
    externalLinks: c(mb ? externalLinks(mb.links) : {}),
  };
}

export function fromLastfm(input: MergeInput): Partial<Record<FieldName, Candidate>> {
  if (!known(input.lastfm)) return {};
  const fm = data(input.lastfm);
  const c = (value: Candidate["value"], url?: string): Candidate => ({
    value,
    source: "lastfm",
    url,
  });

  return {
    bio: c(fm?.bioSummary ?? null, fm?.bioUrl ?? undefined),
    lastfmName: c(fm?.name ?? null),
    lastfmListeners: c(fm?.listeners ?? null),
    lastfmPlaycount: c(fm?.playcount ?? null),
    similarArtists: c(fm?.similar.map((s) => s.name) ?? []),
  };
}

export function fromSpotify(input: MergeInput): Partial<Record<FieldName, Candidate>> {
  if (!known(input.spotify)) return {};
  const sp = data(input.spotify);
  const c = (value: Candidate["value"]): Candidate => ({ value, source: "spotify" });
  const images = (sp?.images ?? []).filter((i) => !i.url.includes(LASTFM_PLACEHOLDER_IMAGE));

  return {
    spotifyId: c(sp?.id ?? null),
    spotifyFollowers: c(sp?.followers == null ? null : BigInt(sp.followers)),
    spotifyPopularity: c(sp?.popularity ?? null),
    images: c(images),
  };
}

/** Whose genres an artist shows: the first of these with any (MB genres with votes). */
export const GENRE_AUTHORITY: readonly ProviderName[] = ["musicbrainz", "lastfm", "spotify"];

/** Each provider's genre list, or null when it did not answer this time. */
export function genreLists(input: MergeInput): Record<ProviderName, string[] | null> {
  const list = <T>(outcome: ProviderOutcome<T>, of: (data: T) => string[]) =>
    outcome.status === "unavailable" ? null : outcome.status === "ok" ? of(outcome.data) : [];

  return {
    musicbrainz: list(input.musicbrainz, (mb) => mb.genres.map((g) => g.name)),
    lastfm: list(input.lastfm, (fm) => fm.tags),
    spotify: list(input.spotify, (sp) => sp.genres),
  };
}

/**
 * MB genres with votes, else Last.fm tags, else Spotify genres; never invented. A provider
 * that did not answer is passed over, and the field's source says whose genres were kept, so
 * the follow-up that asks it later can put a more authoritative answer first (merge-follow-up).
 * When nobody who answered has genres, the stored ones stay until everyone has answered.
 */
function genres(input: MergeInput): Candidate | undefined {
  const lists = genreLists(input);
  const source = GENRE_AUTHORITY.find((p) => (lists[p]?.length ?? 0) > 0);
  if (source) return { value: lists[source]!.slice(0, GENRE_LIMIT), source };

  return GENRE_AUTHORITY.every((p) => lists[p] !== null)
    ? { value: [], source: "musicbrainz" }
    : undefined;
}

/** Names other than the canonical one, each spelling once, in the order given. */
export function otherSpellings(canonical: string, names: (string | undefined)[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    if (!name || sameSpelling(name, canonical) || out.some((a) => sameSpelling(a, name))) continue;
    out.push(name);
  }

  return out;
}

/** MB aliases, plus other providers' spellings that differ from the canonical name. */
function aliases(input: MergeInput): Candidate | undefined {
  const mb = data(input.musicbrainz);
  if (!mb) return undefined;
  const names = [
    ...mb.aliases.map((a) => a.name),
    data(input.lastfm)?.name,
    data(input.spotify)?.name,
  ];

  return { value: otherSpellings(mb.name, names), source: "musicbrainz" };
}

/**
 * Merges provider answers field by field by authority. Fields in `lockedFields` are left out,
 * and so is every field whose provider did not answer this time.
 */
export function mergeArtist(input: MergeInput, lockedFields: string[], now: Date): MergeResult {
  const candidates: Partial<Record<FieldName, Candidate>> = {
    ...fromMusicBrainz(input),
    ...fromLastfm(input),
    ...fromSpotify(input),
  };
  const genreChoice = genres(input);
  if (genreChoice) candidates.genres = genreChoice;
  const aliasChoice = aliases(input);
  if (aliasChoice) candidates.aliases = aliasChoice;

  return toMergeResult(candidates, lockedFields, now);
}

/** The chosen value of each field with its source, leaving out locked fields. */
export function toMergeResult(
  candidates: Partial<Record<FieldName, Candidate>>,
  lockedFields: string[],
  now: Date,
): MergeResult {
  const result: MergeResult = { fields: {}, sources: {} };
  const at = now.toISOString();
  for (const [field, candidate] of Object.entries(candidates) as [FieldName, Candidate][]) {
    if (lockedFields.includes(field)) continue;
    (result.fields as Record<string, unknown>)[field] = candidate.value;
    result.sources[field] = {
      source: candidate.source,
      at,
      ...(candidate.url ? { url: candidate.url } : {}),
    };
  }

  return result;
}
