import type { LastfmArtist } from "../providers/lastfm-schema";
import type { Providers } from "../providers/providers";
import type { SpotifyArtist } from "../providers/spotify-schema";
import type { ProviderOutcome } from "./merge-artist";
import { sameName, sameSpelling } from "./normalize-name";
import { attempt, type ProviderStatusEntry, statusEntry } from "./provider-status";

export interface Step<T> {
  outcome: ProviderOutcome<T>;
  status: ProviderStatusEntry;
}

/** Who the artist is once MusicBrainz has answered (or the library name when it could not). */
export interface Identity {
  mbid: string | null;
  /** The canonical name first, then the other names the artist goes by. */
  names: string[];
  /** The Spotify artist MusicBrainz's links point at, if any. */
  linkedSpotifyId: string | null;
}

interface StepContext {
  providers: Providers;
  signal?: AbortSignal;
  now: Date;
  lastfmByName: Map<string, LastfmArtist | null>;
}

const unavailable = <T>(status: ProviderStatusEntry): Step<T> => ({
  outcome: { status: "unavailable" },
  status,
});
const notFound = <T>(now: Date, reason: string): Step<T> => ({
  outcome: { status: "not_found" },
  status: statusEntry("not_found", now, reason),
});

/** Last.fm by MBID, else by canonical name with autocorrect; a profile of another name is dropped. */
export async function fetchLastfm(who: Identity, ctx: StepContext): Promise<Step<LastfmArtist>> {
  const lastfm = ctx.providers.lastfm;
  if (!lastfm) return unavailable(statusEntry("skipped", ctx.now, ctx.providers.skipped.lastfm));

  const name = who.names[0]!;
  let info: LastfmArtist | null = null;
  if (who.mbid) {
    const byMbid = await attempt(ctx.now, () =>
      lastfm.getArtistInfo({ mbid: who.mbid! }, ctx.signal),
    );
    if (byMbid.error) return unavailable(byMbid.error);
    info = byMbid.value;
  }
  if (!info) {
    const cached = ctx.lastfmByName.get(name);
    const byName =
      cached !== undefined
        ? { value: cached }
        : await attempt(ctx.now, () => lastfm.getArtistInfo({ name }, ctx.signal));
    if (byName.error) return unavailable(byName.error);
    info = byName.value;
  }
  if (!info) return notFound(ctx.now, `Last.fm has no artist "${name}"`);
  const matches =
    (who.mbid && info.mbid === who.mbid) || who.names.some((n) => sameName(n, info.name));
  if (!matches) return notFound(ctx.now, `Last.fm answered "${info.name}", not this artist`);

  return { outcome: { status: "ok", data: info }, status: statusEntry("ok", ctx.now) };
}

/** Spotify by the MB url-rel id when there is one, else a search checked against MB names. */
export async function fetchSpotify(who: Identity, ctx: StepContext): Promise<Step<SpotifyArtist>> {
  const spotify = ctx.providers.spotify;
  if (!spotify) return unavailable(statusEntry("skipped", ctx.now, ctx.providers.skipped.spotify));

  const linked = who.linkedSpotifyId;
  if (linked) {
    const byId = await attempt(ctx.now, () => spotify.getArtist(linked, ctx.signal));
    if (byId.error) return unavailable(byId.error);
    if (byId.value)
      return { outcome: { status: "ok", data: byId.value }, status: statusEntry("ok", ctx.now) };
  }

  const found = await attempt(ctx.now, () => spotify.searchArtists(who.names[0]!, ctx.signal));
  if (found.error) return unavailable(found.error);
  const chosen = pickSpotify(found.value, who.names);
  if (!chosen) return notFound(ctx.now, `no Spotify artist named "${who.names[0]}"`);

  return { outcome: { status: "ok", data: chosen }, status: statusEntry("ok", ctx.now) };
}

/** The one search item named like the artist; same-spelling items beat accent-folded ones. */
export function pickSpotify(items: SpotifyArtist[], names: string[]): SpotifyArtist | null {
  const matching = items.filter((item) => names.some((n) => sameName(n, item.name)));
  const spelled = matching.filter((item) => names.some((n) => sameSpelling(n, item.name)));
  const pool = spelled.length > 0 ? spelled : matching;

  return pool.length === 1 ? pool[0]! : null;
}
