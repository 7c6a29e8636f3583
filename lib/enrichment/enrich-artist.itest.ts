import { readFileSync } from "node:fs";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startSimulator, type Simulator } from "../../tools/provider-simulator/server";
import { logger } from "../logger";
import { createProviders } from "../providers/providers";
import { REPO_FIXTURES, simulatorConfig } from "../providers/test-config";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { enrichArtist } from "./enrich-artist";

interface Expected {
  mbid: string | null;
  spotify_id: string | null;
  country: string | null;
  type: string | null;
  begin_date: string | null;
  end_date?: string | null;
  top_genres: string[];
  has_bio: boolean;
  name?: string;
  area?: string;
  begin_area?: string;
  lastfm_listeners?: number | null;
  lastfm_playcount?: number | null;
  spotify_followers?: number | null;
  spotify_popularity?: number | null;
  similar_artists?: string[];
  external_links?: Record<string, string>;
  aliases_include?: string[];
  status?: string;
  spotify_status?: string;
  devmode_expected?: Record<string, number | null>;
}

const index = JSON.parse(readFileSync(path.join(REPO_FIXTURES, "index.json"), "utf8")) as {
  artists: { key: string; query: string; expected: Expected }[];
};
const log = logger.child({ test: "enrich-artist" });
const RATE_SCALE = 10;

let sim: Simulator;
let t: TestDatabase;

beforeAll(async () => {
  sim = await startSimulator({ fixturesDir: REPO_FIXTURES, rateScale: RATE_SCALE });
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
  await sim?.close();
});

const toNumber = (value: bigint | null) => (value === null ? null : Number(value));

async function enrich(name: string, developmentMode = false) {
  const providers = createProviders(
    t.db,
    simulatorConfig(sim.url, { rateScale: RATE_SCALE, developmentMode }),
    { log },
  );
  const artist = await t.db.artist.create({ data: { name } });
  const result = await enrichArtist(t.db, artist.id, { providers, log });
  const row = await t.db.artist.findUniqueOrThrow({ where: { id: artist.id } });

  return { result, row };
}

describe("enrichArtist against the simulator", () => {
  it.each(index.artists)("$key ends with the expected values", async ({ query, expected }) => {
    const { result, row } = await enrich(query);

    expect(row.mbid).toBe(expected.mbid);
    expect(row.spotifyId).toBe(expected.spotify_id);
    expect(row.country).toBe(expected.country);
    expect(row.type).toBe(expected.type);
    expect(row.beginDate).toBe(expected.begin_date);
    expect(row.genres.slice(0, 3)).toEqual(expected.top_genres);
    expect(Boolean(row.bio)).toBe(expected.has_bio);
    if (expected.end_date !== undefined) expect(row.endDate).toBe(expected.end_date);
    if (expected.name) expect(row.canonicalName).toBe(expected.name);
    if (expected.area) expect(row.area).toBe(expected.area);
    if (expected.begin_area) expect(row.beginArea).toBe(expected.begin_area);
    if (expected.lastfm_listeners !== undefined)
      expect(toNumber(row.lastfmListeners)).toBe(expected.lastfm_listeners);
    if (expected.lastfm_playcount !== undefined)
      expect(toNumber(row.lastfmPlaycount)).toBe(expected.lastfm_playcount);
    if (expected.spotify_followers !== undefined)
      expect(toNumber(row.spotifyFollowers)).toBe(expected.spotify_followers);
    if (expected.spotify_popularity !== undefined)
      expect(row.spotifyPopularity).toBe(expected.spotify_popularity);
    if (expected.similar_artists) expect(row.similarArtists).toEqual(expected.similar_artists);
    if (expected.external_links) expect(row.externalLinks).toEqual(expected.external_links);
    for (const alias of expected.aliases_include ?? []) expect(row.aliases).toContain(alias);
    if (expected.status) expect(result.status).toBe(expected.status);
    else expect(result.status).toBe("enriched");
    if (expected.spotify_status)
      expect(result.providerStatus?.spotify.status).toBe(expected.spotify_status);
  });

  it("keeps followers and popularity empty in Spotify development mode", async () => {
    sim.setSpotifyDevMode(true);
    try {
      for (const artist of index.artists.filter((a) => a.expected.devmode_expected)) {
        const { row } = await enrich(artist.query, true);
        const dev = artist.expected.devmode_expected!;
        expect(row.spotifyId).toBe(artist.expected.spotify_id);
        expect(toNumber(row.spotifyFollowers)).toBe(dev.spotify_followers);
        expect(row.spotifyPopularity).toBe(dev.spotify_popularity);
      }
    } finally {
      sim.setSpotifyDevMode(false);
    }
  });

  it("writes one result when run twice, and skips a fresh artist", async () => {
    const { row } = await enrich("Radiohead");
    const providers = createProviders(t.db, simulatorConfig(sim.url, { rateScale: RATE_SCALE }), {
      log,
    });
    const skipped = await enrichArtist(t.db, row.id, { providers, log });
    const forced = await enrichArtist(t.db, row.id, { providers, log, forceRefresh: true });
    const after = await t.db.artist.findUniqueOrThrow({ where: { id: row.id } });

    expect(skipped.status).toBe("skipped");
    expect(forced.status).toBe("enriched");
    const { updatedAt: _a, enrichedAt: _b, providerStatus: _c, fieldSources: _d, ...first } = row;
    const {
      updatedAt: _e,
      enrichedAt: _f,
      providerStatus: _g,
      fieldSources: _h,
      ...second
    } = after;
    expect(second).toEqual(first);
  });

  it("never overwrites locked fields", async () => {
    const providers = createProviders(t.db, simulatorConfig(sim.url, { rateScale: RATE_SCALE }), {
      log,
    });
    const artist = await t.db.artist.create({
      data: { name: "Tool", country: "SE", lockedFields: ["country"] },
    });
    await enrichArtist(t.db, artist.id, { providers, log });
    const row = await t.db.artist.findUniqueOrThrow({ where: { id: artist.id } });

    expect(row.country).toBe("SE");
    expect(row.mbid).toBe("66fc5bf8-daa4-4241-b378-9bc9077939d2");
  });

  it("remembers not found and reports progress", async () => {
    const providers = createProviders(t.db, simulatorConfig(sim.url, { rateScale: RATE_SCALE }), {
      log,
    });
    const artist = await t.db.artist.create({ data: { name: "Zqxvy Plorblatt Ensemble" } });
    const steps: number[] = [];
    await enrichArtist(t.db, artist.id, { providers, log, onProgress: (p) => void steps.push(p) });
    const again = await enrichArtist(t.db, artist.id, { providers, log });
    const row = await t.db.artist.findUniqueOrThrow({ where: { id: artist.id } });

    expect(row.enrichmentStatus).toBe("not_found");
    expect(row.notFoundUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(again.status).toBe("skipped");
    expect(steps.at(-1)).toBe(100);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
  });

  it("sent no request beyond any provider's rate limit", () => {
    const stats = sim.stats();
    expect(stats.violations).toEqual({ musicbrainz: 0, lastfm: 0, spotify: 0 });
    expect(stats.badUserAgent).toBe(0);
  });
});
