import { readFileSync } from "node:fs";
import path from "node:path";

import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { startSimulator, type Simulator } from "../../tools/provider-simulator/server";
import type { Sql } from "../jobs/sql";
import { logger } from "../logger";
import type { ProviderName } from "../providers/provider-error";
import { createProviders, type Providers } from "../providers/providers";
import { REPO_FIXTURES, simulatorConfig } from "../providers/test-config";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { enrichArtist } from "./enrich-artist";

const RATE_SCALE = 10;
const log = logger.child({ test: "enrich-missing" });
const expected = new Map(
  (
    JSON.parse(readFileSync(path.join(REPO_FIXTURES, "index.json"), "utf8")) as {
      artists: { query: string; expected: { mbid: string; top_genres: string[] } }[];
    }
  ).artists.map((a) => [a.query, a.expected]),
);
// Every column enrichment writes: a completed follow-up must leave all of them as a fresh run.
const ENRICHED_COLUMNS = [
  "canonicalName",
  "sortName",
  "mbid",
  "type",
  "country",
  "area",
  "beginArea",
  "beginDate",
  "endDate",
  "disambiguation",
  "genres",
  "bio",
  "lastfmName",
  "lastfmListeners",
  "lastfmPlaycount",
  "similarArtists",
  "spotifyId",
  "spotifyFollowers",
  "spotifyPopularity",
  "images",
  "externalLinks",
];

let sim: Simulator;
let t: TestDatabase;
let pool: pg.Pool;
// The runner's way to the database: statements on a pg pool, as pg-boss's executor runs them.
let sql: Sql;
let providers: Providers;

beforeAll(async () => {
  sim = await startSimulator({ fixturesDir: REPO_FIXTURES, rateScale: RATE_SCALE });
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(async () => {
  sim.reset();
  t = await createTestDatabase();
  pool = new pg.Pool({ connectionString: t.url, max: 3 });
  // pg re-emits an idle connection's error on the pool; without a listener, a connection the
  // database drop at teardown terminates would crash the test process.
  pool.on("error", () => {});
  sql = { executeSql: (text, values) => pool.query(text, values) };
  providers = createProviders(sql, simulatorConfig(sim.url, { rateScale: RATE_SCALE }), { log });
});
afterEach(async () => {
  await pool?.end();
  await t?.drop();
});

async function createArtist(name: string): Promise<string> {
  return (await t.db.artist.create({ data: { name } })).id;
}

/** A partial run with `down` unreachable; then the provider is back and its circuit closed. */
async function partialWithout(name: string, down: ProviderName) {
  const id = await createArtist(name);
  sim.addFault({ provider: down, kind: "down" });
  const partial = await enrichArtist(sql, id, { providers, log, forceRefresh: true });
  sim.reset();
  await pool.query(
    `UPDATE provider_pace SET "circuitState" = 'closed', "consecutiveFailures" = 0,
       "openUntil" = NULL, "penaltyUntil" = NULL, "nextSlotAt" = now()`,
  );

  return { id, partial };
}

async function columns(id: string) {
  const row = await t.db.artist.findUniqueOrThrow({ where: { id } });
  const picked = Object.fromEntries(ENRICHED_COLUMNS.map((c) => [c, row[c as keyof typeof row]]));

  return { ...picked, aliases: [...row.aliases].sort(), row };
}

describe("a follow-up after a partial result", () => {
  for (const [name, down] of [
    ["Radiohead", "lastfm"],
    ["Bjork", "lastfm"],
    ["AC/DC", "spotify"],
    ["Sigur Ros", "spotify"],
  ] as const) {
    it(`asks only ${down} and ends as a fresh enrichment of ${name}`, async () => {
      const { id, partial } = await partialWithout(name, down);
      expect(partial).toMatchObject({ status: "partial", missing: [down] });

      const followUp = await enrichArtist(sql, id, {
        providers,
        log,
        forceRefresh: true,
        onlyProviders: [down],
      });
      const requests = sim.stats().requests;

      expect(followUp).toMatchObject({ status: "enriched", missing: [] });
      expect(requests[down]).toBeGreaterThan(0);
      expect(Object.entries(requests).filter(([p, n]) => p !== down && n > 0)).toEqual([]);
      const fresh = await createArtist(name);
      await enrichArtist(sql, fresh, { providers, log, forceRefresh: true });
      const { row, ...completed } = await columns(id);
      const { row: freshRow, ...full } = await columns(fresh);
      expect(completed).toEqual(full);
      expect(row.mbid).toBe(expected.get(name)?.mbid);
      expect(row.genres.slice(0, 3)).toEqual(expected.get(name)?.top_genres);
      expect(row.enrichmentStatus).toBe("enriched");
      expect(freshRow.enrichmentStatus).toBe("enriched");
      expect(row.providerStatus).toMatchObject({ [down]: { status: "ok" } });
    });
  }

  it("never overwrites a field a person edited", async () => {
    const { id } = await partialWithout("Radiohead", "lastfm");
    await t.db.artist.update({
      where: { id },
      data: { bio: "Written by hand.", lockedFields: ["bio"] },
    });

    await enrichArtist(sql, id, { providers, log, forceRefresh: true, onlyProviders: ["lastfm"] });
    const row = await t.db.artist.findUniqueOrThrow({ where: { id } });

    expect(row.bio).toBe("Written by hand.");
    expect(row.lastfmName).toBe("Radiohead");
    expect(row.enrichmentStatus).toBe("enriched");
  });

  it("stays partial, and asks again, while the provider is still down", async () => {
    const { id } = await partialWithout("Radiohead", "spotify");
    sim.addFault({ provider: "spotify", kind: "down" });

    const again = await enrichArtist(sql, id, {
      providers,
      log,
      forceRefresh: true,
      onlyProviders: ["spotify"],
    });

    expect(again).toMatchObject({ status: "partial", missing: ["spotify"] });
    expect(sim.stats().requests).toMatchObject({ musicbrainz: 0, lastfm: 0 });
  });

  it("asks nobody once a later run has filled what was missing", async () => {
    const { id } = await partialWithout("Radiohead", "lastfm");
    await enrichArtist(sql, id, { providers, log, forceRefresh: true });
    sim.reset();

    const late = await enrichArtist(sql, id, {
      providers,
      log,
      forceRefresh: true,
      onlyProviders: ["lastfm"],
    });

    expect(late).toMatchObject({ status: "skipped" });
    expect(sim.stats().requests).toEqual({ musicbrainz: 0, lastfm: 0, spotify: 0 });
  });
});
