import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Deterministic fake ids: a MBID and a 22-character Spotify id per artist number. */
const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");
const mbid = (i: number) => `${hex(i, 8)}-0000-4000-8000-${hex(i, 12)}`;
const spotifyId = (i: number) => `Bench${String(i).padStart(17, "0")}`;

/**
 * Writes a provider fixture folder in the shared layout for `count` invented artists, with the
 * error bodies copied from `errorsFrom`. Names carry Lucene specials and accents on purpose.
 */
export function writeSyntheticFixtures(dir: string, count: number, errorsFrom: string): string[] {
  for (const sub of ["musicbrainz", "lastfm", "spotify"])
    mkdirSync(path.join(dir, sub), { recursive: true });
  cpSync(errorsFrom, path.join(dir, "errors"), { recursive: true });
  const names: string[] = [];
  const artists = [];
  for (let i = 1; i <= count; i++) {
    const name =
      i % 3 === 0 ? `Bënch Crew ${i} & Friends` : i % 3 === 1 ? `B/ench ${i}!` : `Bench Group ${i}`;
    const slug = `bench-${i}`;
    names.push(name);
    write(dir, `musicbrainz/search-${slug}.json`, mbSearch(i, name));
    write(dir, `musicbrainz/artist-${mbid(i)}.json`, mbLookup(i, name));
    write(dir, `lastfm/artist.getinfo-${slug}.json`, lastfmInfo(i, name));
    write(dir, `spotify/search-${slug}.json`, {
      artists: { items: [spotifyArtist(i, name)], limit: 10, offset: 0, total: 1 },
    });
    write(dir, `spotify/artist-${spotifyId(i)}.json`, spotifyArtist(i, name));
    artists.push({
      key: slug,
      query: name,
      alt_queries: [],
      files: {
        musicbrainz_search: `musicbrainz/search-${slug}.json`,
        lastfm_getinfo: `lastfm/artist.getinfo-${slug}.json`,
        spotify_search: `spotify/search-${slug}.json`,
      },
    });
  }
  write(dir, "index.json", { set: "bench", artists });

  return names;
}

function write(dir: string, file: string, body: unknown) {
  writeFileSync(path.join(dir, file), JSON.stringify(body));
}

function mbSummary(i: number, name: string) {
  return {
    id: mbid(i),
    type: i % 2 ? "Group" : "Person",
    name,
    "sort-name": name,
    country: "XW",
    area: { name: "Worldwide" },
    "life-span": { begin: String(1960 + (i % 60)), ended: null },
  };
}

const mbSearch = (i: number, name: string) => ({
  count: 1,
  offset: 0,
  artists: [{ ...mbSummary(i, name), score: 100 }],
});

const mbLookup = (i: number, name: string) => ({
  ...mbSummary(i, name),
  genres: [{ name: "test pop", count: 3 }],
  relations: [
    { type: "wikidata", ended: false, url: { resource: `https://www.wikidata.org/wiki/Q${i}` } },
  ],
});

const lastfmInfo = (i: number, name: string) => ({
  artist: {
    name,
    mbid: mbid(i),
    url: `https://www.last.fm/music/bench-${i}`,
    stats: { listeners: String(i * 10), playcount: String(i * 100) },
    similar: { artist: [] },
    tags: "",
    bio: { summary: `Invented artist number ${i}.` },
  },
});

const spotifyArtist = (i: number, name: string) => ({
  id: spotifyId(i),
  name,
  external_urls: { spotify: `https://open.spotify.com/artist/${spotifyId(i)}` },
  followers: { href: null, total: i },
  popularity: i % 100,
  genres: [],
  images: [],
});
