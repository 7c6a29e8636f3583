import { readFileSync } from "node:fs";
import path from "node:path";

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { startSimulator, type Simulator } from "../../tools/provider-simulator/server";
import { enrichArtist, EnrichmentError } from "../enrichment/enrich-artist";
import { logger } from "../logger";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import type { CircuitOptions } from "./circuit-breaker";
import { runConcurrentEnrichers, spawnSimulator } from "./concurrent-enrichers";
import { providerHealth } from "./provider-health";
import { createProviders } from "./providers";
import { REPO_FIXTURES, simulatorConfig } from "./test-config";

// Ten times faster than real: 100 ms between MusicBrainz starts.
const RATE_SCALE = 10;
const log = logger.child({ test: "providers" });
const queries = (
  JSON.parse(readFileSync(path.join(REPO_FIXTURES, "index.json"), "utf8")) as {
    artists: { query: string }[];
  }
).artists.map((a) => a.query);

let sim: Simulator;
let t: TestDatabase;

beforeAll(async () => {
  sim = await startSimulator({ fixturesDir: REPO_FIXTURES, rateScale: RATE_SCALE });
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(async () => {
  sim.reset();
  t = await createTestDatabase();
});
afterEach(async () => {
  await t?.drop();
});

const config = () => simulatorConfig(sim.url, { rateScale: RATE_SCALE });

async function enrichName(name: string, circuit?: CircuitOptions) {
  const providers = createProviders(t.db, config(), { log, circuit });
  const artist = await t.db.artist.create({ data: { name } });

  return enrichArtist(t.db, artist.id, { providers, log, forceRefresh: true });
}

describe("provider limits and failures", () => {
  it("keeps every limit with several enrichers on separate pools", async () => {
    const child = await spawnSimulator(RATE_SCALE);
    try {
      const names = [...queries, ...queries];
      const enriched = await runConcurrentEnrichers({
        db: t.db,
        url: t.url,
        simulatorUrl: child.url,
        rateScale: RATE_SCALE,
        names,
        pools: 2,
        workersPerPool: 3,
        log,
      });
      const stats = await child.stats();

      expect(stats.violations).toEqual({ musicbrainz: 0, lastfm: 0, spotify: 0 });
      expect(stats.requests.musicbrainz).toBeGreaterThanOrEqual(enriched);
    } finally {
      child.stop();
    }
  });

  it("waits for Retry-After after a rate-limit answer and then carries on", async () => {
    sim.addFault({ provider: "spotify", kind: "rate_limited", count: 1 });
    const started = performance.now();
    const result = await enrichName("Tool");

    expect(result.status).toBe("enriched");
    expect(performance.now() - started).toBeGreaterThanOrEqual(7000 / RATE_SCALE);
    expect(sim.stats().injected.spotify).toBe(1);
    expect(sim.stats().violations.spotify).toBe(0);
  });

  it("renews an expired Spotify token mid-batch without failing an artist", async () => {
    expect((await enrichName("Tool")).status).toBe("enriched");
    const tokensBefore = sim.stats().tokenRequests;
    sim.addFault({ provider: "spotify", kind: "token_expired" });
    const second = await enrichName("AC/DC");

    expect(second.status).toBe("enriched");
    expect(second.providerStatus?.spotify.status).toBe("ok");
    expect(sim.stats().tokenRequests).toBe(tokensBefore + 1);
  });

  it("saves a partial result naming the provider that was down", async () => {
    sim.addFault({ provider: "spotify", kind: "down" });
    const result = await enrichName("Radiohead");
    const row = await t.db.artist.findUniqueOrThrow({ where: { id: result.artistId } });

    expect(result.status).toBe("partial");
    expect(result.missing).toEqual(["spotify"]);
    expect(result.providerStatus?.spotify.status).toBe("deferred");
    expect(row.mbid).toBe("a74b1b7f-71a5-4011-9441-d0b5e4122711");
    expect(row.lastfmListeners).toBe(4891686n);
    expect(row.spotifyId).toBeNull();
  });

  it("fails with a clear message when every provider is down", async () => {
    for (const provider of ["musicbrainz", "lastfm", "spotify"] as const) {
      sim.addFault({ provider, kind: "status", status: 500 });
    }
    const run = enrichName("Radiohead");

    await expect(run).rejects.toBeInstanceOf(EnrichmentError);
    await expect(run).rejects.toThrow(
      /No metadata provider could be reached.*musicbrainz.*lastfm.*spotify/,
    );
    const row = await t.db.artist.findFirstOrThrow({ where: { name: "Radiohead" } });
    expect(row.enrichmentStatus).toBe("failed");
  });

  it("opens the circuit after repeated failures and closes it after a good probe", async () => {
    // Open long enough that a busy machine cannot outlast it; the test ends it by hand below.
    const circuit = { failureThreshold: 2, openMs: 60_000, authOpenMs: 60_000 };
    sim.addFault({ provider: "lastfm", kind: "status", status: 502 });
    await enrichName("Tool", circuit);
    await enrichName("AC/DC", circuit);
    const health = await providerHealth(t.db, config());
    const lastfm = health.find((h) => h.provider === "lastfm")!;
    expect(lastfm.state).toBe("open");
    expect(lastfm.errorRate).toBeGreaterThan(0);

    const before = sim.stats().requests.lastfm;
    const skipped = await enrichName("P!nk", circuit);
    expect(skipped.providerStatus?.lastfm.reason).toMatch(/circuit open/);
    expect(sim.stats().requests.lastfm).toBe(before);

    sim.reset();
    await t.db.providerPace.update({
      where: { provider: "lastfm" },
      data: { openUntil: new Date(Date.now() - 1000) },
    });
    const healed = await enrichName("P!nk", circuit);
    expect(healed.status).toBe("enriched");
    const after = (await providerHealth(t.db, config())).find((h) => h.provider === "lastfm")!;
    expect(after.state).toBe("closed");
    expect(after.requestsLastMinute).toBeGreaterThan(0);
  });

  it("skips a provider without credentials and says why", async () => {
    const providers = createProviders(
      t.db,
      { ...config(), lastfm: { ...config().lastfm, apiKey: undefined } },
      { log },
    );
    const artist = await t.db.artist.create({ data: { name: "Tool" } });
    const result = await enrichArtist(t.db, artist.id, { providers, log });
    const health = await providerHealth(t.db, {
      ...config(),
      lastfm: { ...config().lastfm, apiKey: undefined },
    });

    expect(result.providerStatus?.lastfm).toMatchObject({
      status: "skipped",
      reason: "LASTFM_API_KEY is not set",
    });
    expect(result.status).toBe("enriched");
    expect(health.find((h) => h.provider === "lastfm")).toMatchObject({ configured: false });
  });
});
