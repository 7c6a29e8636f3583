import { randomBytes } from "node:crypto";

import type { Canned, FixtureSet } from "./fixture-set";

const MBID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SPOTIFY_ID = /^[0-9A-Za-z]{22}$/;
const KNOWN_INC = new Set([
  "aliases",
  "genres",
  "tags",
  "url-rels",
  "artist-rels",
  "release-groups",
  "ratings",
]);
const LUCENE_SPECIAL = '+-&|!(){}[]^"~*?:\\/';

const json = (status: number, body: unknown): Canned => ({
  status,
  headers: { "Content-Type": "application/json; charset=utf-8" },
  body,
});

/**
 * The phrase of `artist:"..."`, unescaped; null when the phrase holds an unescaped Lucene
 * special. Stricter than MusicBrainz on purpose, so a client that forgets to escape fails loudly.
 */
export function lucenePhrase(query: string): string | null {
  const start = query.indexOf('artist:"');
  if (start < 0) return null;
  let out = "";
  for (let i = start + 8; i < query.length; i++) {
    const ch = query[i]!;
    if (ch === "\\") {
      out += query[++i] ?? "";
      continue;
    }
    if (ch === '"') return out;
    if (LUCENE_SPECIAL.includes(ch)) return null;
    out += ch;
  }

  return null;
}

export function musicbrainz(set: FixtureSet, url: URL): Canned {
  const path = url.pathname;
  if (path === "/ws/2/artist") {
    const phrase = lucenePhrase(url.searchParams.get("query") ?? "");
    if (phrase === null)
      return json(400, { error: "Invalid query: unescaped Lucene special character" });
    const file = set.mbSearchFile(phrase);

    return file
      ? set.ok(file)
      : json(200, { created: new Date().toISOString(), count: 0, offset: 0, artists: [] });
  }
  const lookup = /^\/ws\/2\/artist\/([^/]+)$/.exec(path);
  if (!lookup) return set.error("musicbrainz-404-not-found.json");
  const mbid = decodeURIComponent(lookup[1]!);
  if (!MBID.test(mbid)) return set.error("musicbrainz-400-invalid-mbid.json");
  const inc = (url.searchParams.get("inc") ?? "").split(/[+ ]/).filter(Boolean);
  if (inc.some((value) => !KNOWN_INC.has(value))) return set.error("musicbrainz-400-bad-inc.json");
  const file = `musicbrainz/artist-${mbid.toLowerCase()}.json`;

  return set.has(file) ? set.ok(file) : set.error("musicbrainz-404-not-found.json");
}

export function lastfm(set: FixtureSet, url: URL): Canned {
  const params = url.searchParams;
  if (!params.get("api_key")) return set.error("lastfm-error-10-invalid-api-key.json");
  const method = params.get("method");
  const name = params.get("artist") ?? undefined;
  if (method === "artist.getinfo") {
    const file = set.lastfmInfoFile({ mbid: params.get("mbid") ?? undefined, name });

    return file ? set.ok(file) : set.error("lastfm-error-6-artist-not-found.json");
  }
  if (method === "artist.getcorrection" && name) {
    const file = set.lastfmCorrectionFile(name);
    // Last.fm answers "no correction" with an empty corrections string.
    return file ? set.ok(file) : json(200, { corrections: "\n" });
  }

  return json(200, {
    error: 3,
    message: "Invalid Method - No method with that name in this package",
    links: [],
  });
}

/** Spotify's client-credentials tokens and the Web API, in normal or development mode. */
export class SpotifyState {
  private tokens = new Map<string, number>();
  devMode = false;

  issueToken(set: FixtureSet, authorization: string | undefined, body: string): Canned {
    const basic = /^Basic (.+)$/.exec(authorization ?? "");
    const credentials = basic ? Buffer.from(basic[1]!, "base64").toString() : "";
    if (!credentials.includes(":") || !new URLSearchParams(body).has("grant_type")) {
      return set.error("spotify-token-400-invalid-client.json");
    }
    const answer = set.error("spotify-token-success.json");
    const ttl = (answer.body as { expires_in: number }).expires_in;
    const token = `sim-${randomBytes(12).toString("hex")}`;
    this.tokens.set(token, Date.now() + ttl * 1000);

    return { ...answer, body: { ...(answer.body as object), access_token: token } };
  }

  expireAll(): void {
    for (const token of this.tokens.keys()) this.tokens.set(token, 0);
  }

  /** null when the bearer token is good, else the 401 to send. */
  checkToken(set: FixtureSet, authorization: string | undefined): Canned | null {
    const token = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
    const expiresAt = token ? this.tokens.get(token) : undefined;
    if (expiresAt === undefined) return set.error("spotify-401-invalid-token.json");

    return expiresAt > Date.now() ? null : set.error("spotify-401-token-expired.json");
  }

  api(set: FixtureSet, url: URL): Canned {
    if (url.pathname === "/v1/search") return this.search(set, url);
    const artist = /^\/v1\/artists\/([^/]+)$/.exec(url.pathname);
    if (!artist) return set.error("spotify-404-not-found.json");
    const id = artist[1]!;
    if (!SPOTIFY_ID.test(id)) return set.error("spotify-400-invalid-id.json");
    const devFile = `spotify/artist-${id}.devmode.json`;
    if (this.devMode && set.has(devFile)) return set.ok(devFile);
    const file = `spotify/artist-${id}.json`;

    return set.has(file)
      ? set.ok(file, (body) => this.shape(body))
      : set.error("spotify-404-not-found.json");
  }

  private search(set: FixtureSet, url: URL): Canned {
    const limit = Number(url.searchParams.get("limit") ?? 5);
    if (!Number.isInteger(limit) || limit < 0 || limit > (this.devMode ? 10 : 50)) {
      return set.error("spotify-400-invalid-limit.json");
    }
    const q = url.searchParams.get("q") ?? "";
    const name = /artist:"([^"]*)"/.exec(q)?.[1] ?? q;
    const file = set.spotifySearchFile(name);
    if (!file)
      return json(200, {
        artists: {
          href: url.href,
          items: [],
          limit,
          next: null,
          offset: 0,
          previous: null,
          total: 0,
        },
      });

    return set.ok(file, (body) => {
      const artists = (body as { artists: { items: unknown[] } }).artists;
      return {
        artists: {
          ...artists,
          limit,
          items: artists.items.slice(0, limit).map((i) => this.shape(i)),
        },
      };
    });
  }

  /** Development mode strips followers and popularity from artist objects. */
  private shape(artist: unknown): unknown {
    if (!this.devMode) return artist;
    const { followers: _f, popularity: _p, ...rest } = artist as Record<string, unknown>;

    return rest;
  }
}
