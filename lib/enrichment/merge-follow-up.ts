import type { LastfmArtist } from "../providers/lastfm-schema";
import type { ProviderName } from "../providers/provider-error";
import type { SpotifyArtist } from "../providers/spotify-schema";
import type { StoredArtist } from "./artist-store";
import {
  type Candidate,
  type FieldName,
  fromLastfm,
  fromSpotify,
  GENRE_AUTHORITY,
  GENRE_LIMIT,
  genreLists,
  type MergeInput,
  type MergeResult,
  otherSpellings,
  type ProviderOutcome,
  toMergeResult,
} from "./merge-artist";

/** What a follow-up got from the providers it asked; the others were not asked. */
export interface FollowUpAnswers {
  lastfm: ProviderOutcome<LastfmArtist>;
  spotify: ProviderOutcome<SpotifyArtist>;
}

const genreSource = (artist: StoredArtist) =>
  (artist.fieldSources as Partial<Record<string, { source?: string; at?: string }>> | null)?.genres;

/**
 * The genres a fresh run with every answer would choose. The run this follow-up completes
 * (the artist's last enrichment) kept the genres of the most authoritative provider that
 * answered it and had some, and wrote none when no such provider had any; so each provider that
 * answered then stands for those stored genres or for an empty list.
 */
function followUpGenres(
  artist: StoredArtist,
  ask: ProviderName[],
  input: MergeInput,
): Candidate | undefined {
  const lists = genreLists(input);
  const source = genreSource(artist);
  const keptByLastRun = source?.at !== undefined && source.at === artist.enrichedAt?.toISOString();
  for (const provider of GENRE_AUTHORITY) {
    if (ask.includes(provider)) continue;
    lists[provider] = keptByLastRun && source?.source === provider ? artist.genres : [];
  }
  const chosen = GENRE_AUTHORITY.find((p) => (lists[p]?.length ?? 0) > 0);
  if (chosen) return { value: lists[chosen]!.slice(0, GENRE_LIMIT), source: chosen };

  return GENRE_AUTHORITY.every((p) => lists[p] !== null)
    ? { value: [], source: "musicbrainz" }
    : undefined;
}

/**
 * Merges a follow-up's answers into the stored artist by the same authority as a full run:
 * fields the asked providers own take their new values, genres go to the most authoritative
 * provider with some (stored genres included), and aliases gain the new providers' spellings.
 * Locked fields are never touched, and nothing MusicBrainz owns changes.
 */
export function mergeFollowUp(
  artist: StoredArtist,
  ask: ProviderName[],
  answers: FollowUpAnswers,
  now: Date,
): MergeResult {
  const input: MergeInput = { musicbrainz: { status: "unavailable" }, ...answers };
  const candidates: Partial<Record<FieldName, Candidate>> = {
    ...fromLastfm(input),
    ...fromSpotify(input),
  };
  const genres = followUpGenres(artist, ask, input);
  if (genres) candidates.genres = genres;
  const spellings = [answers.lastfm, answers.spotify].map((o) =>
    o.status === "ok" ? o.data.name : undefined,
  );
  const canonical = artist.canonicalName ?? artist.name;
  if (spellings.some(Boolean)) {
    const value = otherSpellings(canonical, [...artist.aliases, ...spellings]);
    candidates.aliases = { value, source: "musicbrainz" };
  }

  return toMergeResult(candidates, artist.lockedFields, now);
}
