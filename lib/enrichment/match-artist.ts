import type { MbArtistSummary } from "../providers/musicbrainz-schema";
import { nameKeys, sameSpelling, uninvertSortName } from "./normalize-name";

/** Which of a candidate's names equalled the library name. */
export type MatchedOn = "name" | "alias" | "sort_name";

export interface ExactCandidate {
  artist: MbArtistSummary;
  matchedOn: MatchedOn;
  /** Equal even before accents were folded (Thalía vs Thalia). */
  sameSpelling: boolean;
}

/** What the library already knows about the artist; cheap tie-breakers. */
export interface LibraryHints {
  country?: string | null;
  type?: string | null;
  beginDate?: string | null;
}

/** Evidence gathered from other providers to separate several exact candidates. */
export interface Corroboration {
  lastfmMbid?: string | null;
  /** MBID -> Spotify ids its url-rels point at; spotifyIds: what Spotify search found by name. */
  spotifyLinks?: Map<string, string[]>;
  spotifyIds?: string[];
  hints?: LibraryHints;
}

export interface CandidateView {
  mbid: string;
  name: string;
  disambiguation: string | null;
  country: string | null;
  type: string | null;
  beginDate: string | null;
  score: number | null;
  points: number;
  reasons: string[];
}

export type MatchDecision =
  | { kind: "accepted"; candidate: ExactCandidate; reasons: string[]; points: number }
  | { kind: "ambiguous"; candidates: CandidateView[] }
  | { kind: "none" };

/** Auto-accept threshold for a single exact candidate (MusicBrainz score, 0-100). */
export const ACCEPT_SCORE = 90;

function namesOf(artist: MbArtistSummary): [MatchedOn, string][] {
  const names: [MatchedOn, string][] = [["name", artist.name]];
  for (const alias of artist.aliases) {
    names.push(["alias", alias.name]);
    if (alias.sortName) names.push(["alias", uninvertSortName(alias.sortName)]);
  }
  if (artist.sortName) names.push(["sort_name", uninvertSortName(artist.sortName)]);

  return names;
}

/** Candidates whose name, an alias or the sort name equals the query once normalised. */
export function exactCandidates(query: string, artists: MbArtistSummary[]): ExactCandidate[] {
  const wanted = new Set(nameKeys(query));
  const found: ExactCandidate[] = [];
  for (const artist of artists) {
    const hit = namesOf(artist).find(([, name]) => nameKeys(name).some((k) => wanted.has(k)));
    if (!hit) continue;
    const spelled = namesOf(artist).some(([, name]) => sameSpelling(name, query));
    found.push({ artist, matchedOn: hit[0], sameSpelling: spelled });
  }

  return found;
}

/**
 * Picks the candidate, or says that it cannot. One exact candidate with a high score wins;
 * several are ranked by corroborating evidence and accepted only when one stands out.
 */
export function decideMatch(
  candidates: ExactCandidate[],
  evidence: Corroboration = {},
): MatchDecision {
  if (candidates.length === 0) return { kind: "none" };

  // When some candidates match with accents intact, the accent-folded ones are other artists.
  const spelled = candidates.filter((c) => c.sameSpelling);
  const pool = spelled.length > 0 ? spelled : candidates;
  const scored = pool.map((c) => ({ c, ...corroborate(c.artist, evidence) }));
  scored.sort((a, b) => b.points - a.points || (b.c.artist.score ?? 0) - (a.c.artist.score ?? 0));
  const [best, second] = scored;

  if (pool.length === 1 && (best!.c.artist.score ?? 0) >= ACCEPT_SCORE && best!.points >= 0) {
    return { kind: "accepted", candidate: best!.c, reasons: best!.reasons, points: best!.points };
  }
  if (best!.points > 0 && (!second || best!.points > second.points)) {
    return { kind: "accepted", candidate: best!.c, reasons: best!.reasons, points: best!.points };
  }

  return {
    kind: "ambiguous",
    candidates: scored.map(({ c, points, reasons }) => view(c, points, reasons)),
  };
}

function corroborate(artist: MbArtistSummary, evidence: Corroboration) {
  const reasons: string[] = [];
  let points = 0;
  const add = (n: number, reason: string) => {
    points += n;
    reasons.push(reason);
  };

  if (evidence.lastfmMbid && evidence.lastfmMbid === artist.id) add(3, "lastfm_mbid");
  const linked = evidence.spotifyLinks?.get(artist.id) ?? [];
  if (linked.some((id) => evidence.spotifyIds?.includes(id))) add(3, "spotify_url_rel");

  const hints = evidence.hints ?? {};
  if (hints.country && artist.country) {
    add(hints.country === artist.country ? 1 : -1, `country_${hints.country === artist.country}`);
  }
  if (hints.type && artist.type) {
    const same = hints.type.toLowerCase() === artist.type.toLowerCase();
    add(same ? 1 : -1, `type_${same}`);
  }
  if (hints.beginDate && artist.beginDate) {
    const same = hints.beginDate.slice(0, 4) === artist.beginDate.slice(0, 4);
    add(same ? 1 : -1, `begin_year_${same}`);
  }

  return { points, reasons };
}

function view(c: ExactCandidate, points: number, reasons: string[]): CandidateView {
  const a = c.artist;

  return {
    mbid: a.id,
    name: a.name,
    disambiguation: a.disambiguation,
    country: a.country,
    type: a.type,
    beginDate: a.beginDate,
    score: a.score,
    points,
    reasons,
  };
}
