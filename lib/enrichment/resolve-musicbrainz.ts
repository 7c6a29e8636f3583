import type { LastfmArtist } from "../providers/lastfm-schema";
import type { MbArtist, MbArtistSummary } from "../providers/musicbrainz-schema";
import type { Providers } from "../providers/providers";
import { spotifyIdFromLinks } from "./external-links";
import {
  type CandidateView,
  type Corroboration,
  decideMatch,
  exactCandidates,
  type LibraryHints,
  type MatchDecision,
} from "./match-artist";
import { nameKey, sameName } from "./normalize-name";
import { attempt, type ProviderStatusEntry, statusEntry } from "./provider-status";

/** Why this MBID was chosen: stored on the artist as matchEvidence. */
export interface MatchEvidence {
  method: string;
  query: string;
  correctedTo?: string;
  mbid: string;
  score: number | null;
  reasons: string[];
  candidates: number;
}

export type Resolution =
  | { kind: "matched"; artist: MbArtist; evidence: MatchEvidence; status: ProviderStatusEntry }
  | { kind: "ambiguous"; candidates: CandidateView[]; status: ProviderStatusEntry }
  | { kind: "not_found"; status: ProviderStatusEntry }
  | { kind: "unavailable"; status: ProviderStatusEntry };

interface Context {
  providers: Providers;
  hints: LibraryHints;
  signal?: AbortSignal;
  now: Date;
  /** Last.fm answers fetched while corroborating, reused by the Last.fm step. */
  lastfmByName: Map<string, LastfmArtist | null>;
}

/**
 * Finds the MusicBrainz artist for a library name: exact candidates only, corroborated when
 * several remain, a Last.fm correction when none does, and never a guess.
 */
export async function resolveMusicBrainz(query: string, ctx: Context): Promise<Resolution> {
  const { providers, signal, now } = ctx;
  const search = await attempt(now, () => providers.musicbrainz.searchArtists(query, signal));
  if (search.error) return { kind: "unavailable", status: search.error };

  const first = await decideWithEvidence(query, search.value.artists, ctx);
  if (first.kind !== "none") return finish(query, first, search.value.artists.length, ctx);

  const corrected = await correctedName(query, ctx);
  if (corrected) {
    const again = await attempt(now, () => providers.musicbrainz.searchArtists(corrected, signal));
    if (again.error) return { kind: "unavailable", status: again.error };
    const second = await decideWithEvidence(corrected, again.value.artists, ctx);
    if (second.kind !== "none")
      return finish(query, second, again.value.artists.length, ctx, corrected);
  }

  return viaLastfmMbid(query, ctx);
}

/**
 * The artist a person chose (from the review candidates, or typed in): looked up, never
 * searched. A lookup that finds nothing is "not found" rather than a reason to guess.
 */
export async function resolveByMbid(
  query: string,
  mbid: string,
  ctx: Pick<Context, "providers" | "signal" | "now">,
): Promise<Resolution> {
  const lookup = await attempt(ctx.now, () =>
    ctx.providers.musicbrainz.lookupArtist(mbid, ctx.signal),
  );
  if (lookup.error) return { kind: "unavailable", status: lookup.error };
  if (!lookup.value) {
    return {
      kind: "not_found",
      status: statusEntry("not_found", ctx.now, `no MusicBrainz artist with MBID ${mbid}`),
    };
  }
  const evidence: MatchEvidence = {
    method: "chosen_mbid",
    query,
    mbid: lookup.value.id,
    score: null,
    reasons: ["chosen_by_person"],
    candidates: 0,
  };

  return { kind: "matched", artist: lookup.value, evidence, status: statusEntry("ok", ctx.now) };
}

async function decideWithEvidence(name: string, artists: MbArtistSummary[], ctx: Context) {
  const exact = exactCandidates(name, artists);
  let decision = decideMatch(exact, { hints: ctx.hints });
  if (decision.kind !== "ambiguous") return decision;

  const evidence: Corroboration = {
    hints: ctx.hints,
    lastfmMbid: (await lastfmByName(name, ctx))?.mbid,
  };
  decision = decideMatch(exact, evidence);
  if (decision.kind !== "ambiguous") return decision;

  return decideMatch(exact, {
    ...evidence,
    ...(await spotifyEvidence(
      name,
      exact.map((c) => c.artist.id),
      ctx,
    )),
  });
}

/** MB url-rels of each candidate against the ids Spotify search finds for the name. */
async function spotifyEvidence(
  name: string,
  mbids: string[],
  ctx: Context,
): Promise<Corroboration> {
  const spotify = ctx.providers.spotify;
  if (!spotify) return {};
  const found = await attempt(ctx.now, () => spotify.searchArtists(name, ctx.signal));
  const spotifyIds = (found.value ?? []).filter((a) => sameName(a.name, name)).map((a) => a.id);
  if (spotifyIds.length === 0) return {};

  const spotifyLinks = new Map<string, string[]>();
  for (const mbid of mbids.slice(0, 5)) {
    const lookup = await attempt(ctx.now, () =>
      ctx.providers.musicbrainz.lookupArtist(mbid, ctx.signal),
    );
    const id = lookup.value ? spotifyIdFromLinks(lookup.value.links) : null;
    if (id) spotifyLinks.set(mbid, [id]);
  }

  return { spotifyIds, spotifyLinks };
}

async function lastfmByName(name: string, ctx: Context): Promise<LastfmArtist | null> {
  const lastfm = ctx.providers.lastfm;
  if (!lastfm) return null;
  if (!ctx.lastfmByName.has(name)) {
    const info = await attempt(ctx.now, () => lastfm.getArtistInfo({ name }, ctx.signal));
    if (info.error) return null;
    ctx.lastfmByName.set(name, info.value);
  }

  return ctx.lastfmByName.get(name) ?? null;
}

/** Last.fm's spelling correction, when it names something else than the query. */
async function correctedName(query: string, ctx: Context): Promise<string | null> {
  const lastfm = ctx.providers.lastfm;
  if (!lastfm) return null;
  const correction = await attempt(ctx.now, () => lastfm.getCorrection(query, ctx.signal));
  const name = correction.value?.name;

  return name && nameKey(name) !== nameKey(query) ? name : null;
}

/**
 * Last resort for names MB search cannot match (punctuation-only names, for instance): take
 * the MBID Last.fm gives for the name and accept it only if the MB lookup confirms the name.
 */
async function viaLastfmMbid(query: string, ctx: Context): Promise<Resolution> {
  const info = await lastfmByName(query, ctx);
  const notFound: Resolution = {
    kind: "not_found",
    status: statusEntry("not_found", ctx.now, `no MusicBrainz artist named "${query}"`),
  };
  if (!info?.mbid) return notFound;

  const lookup = await attempt(ctx.now, () =>
    ctx.providers.musicbrainz.lookupArtist(info.mbid!, ctx.signal),
  );
  if (lookup.error) return { kind: "unavailable", status: lookup.error };
  const artist = lookup.value;
  const names = artist ? [artist.name, ...artist.aliases.map((a) => a.name)] : [];
  if (!artist || !names.some((n) => sameName(n, query) || sameName(n, info.name))) return notFound;

  const evidence: MatchEvidence = {
    method: "lastfm_mbid_confirmed",
    query,
    mbid: artist.id,
    score: null,
    reasons: ["lastfm_mbid", "musicbrainz_lookup_name"],
    candidates: 0,
  };

  return { kind: "matched", artist, evidence, status: statusEntry("ok", ctx.now) };
}

async function finish(
  query: string,
  decision: Exclude<MatchDecision, { kind: "none" }>,
  considered: number,
  ctx: Context,
  correctedTo?: string,
): Promise<Resolution> {
  if (decision.kind === "ambiguous") {
    const reason = `${decision.candidates.length} MusicBrainz artists match "${query}" and nothing separates them`;
    return {
      kind: "ambiguous",
      candidates: decision.candidates,
      status: statusEntry("ok", ctx.now, reason),
    };
  }

  const chosen = decision.candidate.artist;
  const lookup = await attempt(ctx.now, () =>
    ctx.providers.musicbrainz.lookupArtist(chosen.id, ctx.signal),
  );
  if (lookup.error) return { kind: "unavailable", status: lookup.error };
  if (!lookup.value) {
    return {
      kind: "not_found",
      status: statusEntry("not_found", ctx.now, `MBID ${chosen.id} vanished`),
    };
  }
  const evidence: MatchEvidence = {
    method: `exact_${decision.candidate.matchedOn}`,
    query,
    ...(correctedTo ? { correctedTo } : {}),
    mbid: lookup.value.id,
    score: chosen.score,
    reasons: decision.reasons,
    candidates: considered,
  };

  return { kind: "matched", artist: lookup.value, evidence, status: statusEntry("ok", ctx.now) };
}
