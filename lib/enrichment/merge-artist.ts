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

type Candidate = { value: EnrichedFields[FieldName]; source: ProviderName; url?: string };

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

function fromLastfm(input: MergeInput): Partial<Record<FieldName, Candidate>> {
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

function fromSpotify(input: MergeInput): Partial<Record<FieldName, Candidate>> {
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

/** MB genres with votes, else Last.fm tags, else Spotify genres; never invented. */
function genres(input: MergeInput): Candidate | undefined {
  const options: [ProviderName, ProviderOutcome<unknown>, string[]][] = [
    ["musicbrainz", input.musicbrainz, data(input.musicbrainz)?.genres.map((g) => g.name) ?? []],
    ["lastfm", input.lastfm, data(input.lastfm)?.tags ?? []],
    ["spotify", input.spotify, data(input.spotify)?.genres ?? []],
  ];
  for (const [source, outcome, list] of options) {
    if (list.length > 0) return { value: list.slice(0, GENRE_LIMIT), source };
    // A provider that did not answer might still have genres: do not fall through past it.
    if (!known(outcome)) return undefined;
  }

  return { value: [], source: "musicbrainz" };
}

/** MB aliases, plus other providers' spellings that differ from the canonical name. */
function aliases(input: MergeInput): Candidate | undefined {
  const mb = data(input.musicbrainz);
  if (!mb) return undefined;
  const out: string[] = [];
  const add = (name: string | undefined) => {
    if (!name || sameSpelling(name, mb.name) || out.some((a) => sameSpelling(a, name))) return;
    out.push(name);
  };
  mb.aliases.forEach((a) => add(a.name));
  add(data(input.lastfm)?.name);
  add(data(input.spotify)?.name);

  return { value: out, source: "musicbrainz" };
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
