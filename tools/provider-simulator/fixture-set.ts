import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** One canned answer: status, headers and body. */
export interface Canned {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

interface ErrorMeta {
  status: number;
  headers?: Record<string, string>;
}

interface IndexArtist {
  query: string;
  alt_queries?: string[];
  files: Record<string, string | string[] | undefined>;
}

/** Accent- and case-folded, for matching request names against index.json queries. */
export function fold(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A provider fixture folder (layout described in its README), loaded once: which request maps
 * to which file, following index.json's replay_conventions.
 */
export class FixtureSet {
  readonly dir: string;
  private readonly mbSearch = new Map<string, string>();
  private readonly spotifySearch = new Map<string, string>();
  private readonly lastfmByName = new Map<string, string>();
  private readonly lastfmByMbid = new Map<string, string>();
  private readonly errors: Record<string, ErrorMeta>;

  constructor(dir: string) {
    this.dir = path.resolve(dir);
    const index = this.read("index.json") as { artists?: IndexArtist[] };
    for (const artist of index.artists ?? []) this.addArtist(artist);
    this.indexLastfmFiles();
    this.errors = (this.read("errors/index.json") as { files: Record<string, ErrorMeta> }).files;
  }

  read(relative: string): unknown {
    return JSON.parse(readFileSync(path.join(this.dir, relative), "utf8"));
  }

  has(relative: string): boolean {
    return existsSync(path.join(this.dir, relative));
  }

  private addArtist(artist: IndexArtist): void {
    const names = [artist.query, ...(artist.alt_queries ?? [])].map(fold);
    const { musicbrainz_search, spotify_search, lastfm_getinfo } = artist.files;
    for (const name of names) {
      if (typeof musicbrainz_search === "string") this.mbSearch.set(name, musicbrainz_search);
      if (typeof spotify_search === "string") this.spotifySearch.set(name, spotify_search);
      // Last.fm's autocorrect maps the spellings a user would type to the profile.
      if (typeof lastfm_getinfo === "string") this.lastfmByName.set(name, lastfm_getinfo);
    }
    if (typeof spotify_search === "string") this.indexSpotifyItems(spotify_search);
  }

  private indexSpotifyItems(file: string): void {
    const body = this.read(file) as { artists?: { items?: { name: string }[] } };
    for (const item of body.artists?.items ?? []) this.spotifySearch.set(fold(item.name), file);
  }

  private indexLastfmFiles(): void {
    if (!this.has("lastfm")) return;
    for (const file of readdirSync(path.join(this.dir, "lastfm"))) {
      if (!file.startsWith("artist.getinfo-")) continue;
      const body = this.read(`lastfm/${file}`) as { artist?: { name: string; mbid?: string } };
      if (!body.artist) continue;
      this.lastfmByName.set(fold(body.artist.name), `lastfm/${file}`);
      if (body.artist.mbid) this.lastfmByMbid.set(body.artist.mbid.toLowerCase(), `lastfm/${file}`);
    }
  }

  mbSearchFile(name: string): string | undefined {
    return this.mbSearch.get(fold(name)) ?? this.bySlug("musicbrainz/search-", name);
  }

  spotifySearchFile(name: string): string | undefined {
    return this.spotifySearch.get(fold(name)) ?? this.bySlug("spotify/search-", name);
  }

  lastfmInfoFile(ref: { name?: string; mbid?: string }): string | undefined {
    if (ref.mbid) return this.lastfmByMbid.get(ref.mbid.toLowerCase());

    return ref.name ? this.lastfmByName.get(fold(ref.name)) : undefined;
  }

  lastfmCorrectionFile(name: string): string | undefined {
    return this.bySlug("lastfm/artist.getcorrection-", name);
  }

  private bySlug(prefix: string, name: string): string | undefined {
    const slug = fold(name)
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
    const file = `${prefix}${slug}.json`;

    return slug && this.has(file) ? file : undefined;
  }

  /** An error body from errors/, with the status and headers errors/index.json gives it. */
  error(file: string): Canned {
    const meta = this.errors[file];
    if (!meta) throw new Error(`errors/index.json has no entry for ${file}`);

    return { status: meta.status, headers: meta.headers ?? {}, body: this.read(`errors/${file}`) };
  }

  ok(file: string, transform?: (body: unknown) => unknown): Canned {
    const body = this.read(file);

    return {
      status: 200,
      headers: { "Content-Type": "application/json" },
      body: transform ? transform(body) : body,
    };
  }
}
