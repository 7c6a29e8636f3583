import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startSimulator, type Simulator } from "../../tools/provider-simulator/server";
import { enrichArtist } from "../enrichment/enrich-artist";
import { jobServices } from "../jobs/job-services";
import { createAppJobsKit, type JobsKit } from "../jobs/jobs-test-kit";
import { logger } from "../logger";
import { createProviders } from "../providers/providers";
import { REPO_FIXTURES, simulatorConfig } from "../providers/test-config";
import { createUser, type TestUser } from "../testing/users";
import { listArtistsQuery } from "./artist-dto";
import { resolveArtist, updateArtist } from "./artist-edits";
import { getArtist, listArtists } from "./artists";

const log = logger.child({ test: "library" });
const TOOL_MBID = "66fc5bf8-daa4-4241-b378-9bc9077939d2";

describe("library artists", () => {
  let kit: JobsKit;
  let sim: Simulator;
  let member: TestUser;
  const db = () => kit.database.db;
  const list = (query: Record<string, unknown>) => listArtists(db(), listArtistsQuery.parse(query));

  async function all(query: Record<string, unknown>) {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ ...query, cursor, limit: 7 });
      ids.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    return ids;
  }

  beforeAll(async () => {
    sim = await startSimulator({ fixturesDir: REPO_FIXTURES, rateScale: 10 });
    kit = await createAppJobsKit();
    member = await createUser(db());
    const statuses = ["not_enriched", "enriched", "partial", "needs_review", "not_found", "failed"];
    const base = Date.UTC(2026, 0, 1);
    await db().artist.createMany({
      data: Array.from({ length: 40 }, (_, i) => ({
        name: `${i % 2 ? "band" : "Band"} ${String((i * 17) % 40).padStart(2, "0")}`,
        enrichmentStatus: statuses[i % 6],
        createdAt: new Date(base + (i % 5) * 1000),
        enrichedAt: i % 3 === 0 ? null : new Date(base + (i % 4) * 1000),
      })),
    });
  }, 60_000);

  afterAll(async () => {
    await kit?.close();
    await sim?.close();
  });

  it("pages every artist exactly once in each sort order", async () => {
    const rows = await db().artist.findMany();
    const byName = [...rows].sort((a, b) => (a.name === b.name ? (a.id < b.id ? -1 : 1) : 0));
    const viaName = await all({ sort: "name" });
    const viaRecent = await all({ sort: "recent" });
    const viaEnriched = await all({ sort: "enriched" });

    expect(new Set(viaName).size).toBe(40);
    expect(viaName.sort()).toEqual(byName.map((r) => r.id).sort());
    const recent = await Promise.all(
      viaRecent.map((id) => db().artist.findUniqueOrThrow({ where: { id } })),
    );
    const times = recent.map((r) => r.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(viaRecent).size).toBe(40);
    const enriched = await Promise.all(
      viaEnriched.map((id) => db().artist.findUniqueOrThrow({ where: { id } })),
    );
    const firstNull = enriched.findIndex((r) => r.enrichedAt === null);
    expect(enriched.slice(firstNull).every((r) => r.enrichedAt === null)).toBe(true);
    expect(new Set(viaEnriched).size).toBe(40);
  });

  it("filters by status and searches names in any case", async () => {
    const review = await list({ status: "needs_review" });
    expect(review.total).toBe(7);
    expect(review.items.every((a) => a.enrichmentStatus === "needs_review")).toBe(true);
    const search = await list({ q: "BAND 1", sort: "name" });
    // Order follows the database collation; which names match does not.
    expect(search.items.map((a) => a.name.toLowerCase()).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `band 1${i}`),
    );
    await expect(
      list({ sort: "recent", cursor: (await list({ sort: "name", limit: 1 })).nextCursor }),
    ).rejects.toThrow(/cursor/);
  });

  it("keeps an edited, locked field through re-enrichment", async () => {
    const providers = createProviders(db(), simulatorConfig(sim.url, { rateScale: 10 }), { log });
    const artist = await db().artist.create({ data: { name: "Radiohead" } });
    await enrichArtist(db(), artist.id, { providers, log });
    await updateArtist(db(), member.actor, artist.id, {
      fields: { country: "is", genres: ["art pop"] },
      unlock: [],
    });
    await enrichArtist(db(), artist.id, { providers, log, forceRefresh: true });
    const detail = await getArtist(db(), member.actor, artist.id);

    expect(detail).toMatchObject({
      country: "IS",
      genres: ["art pop"],
      enrichmentStatus: "enriched",
    });
    expect(detail.lockedFields.sort()).toEqual(["country", "genres"]);
    expect(detail.fieldSources.country).toMatchObject({ source: "user" });
    expect(detail.fieldSources.type).toMatchObject({ source: "musicbrainz" });
  });

  it("looks up a forced MBID instead of searching the name", async () => {
    const providers = createProviders(db(), simulatorConfig(sim.url, { rateScale: 10 }), { log });
    const artist = await db().artist.create({ data: { name: "Some other name" } });
    const result = await enrichArtist(db(), artist.id, { providers, log, mbid: TOOL_MBID });
    const row = await db().artist.findUniqueOrThrow({ where: { id: artist.id } });

    expect(result).toMatchObject({ status: "enriched", mbid: TOOL_MBID });
    expect(row.matchEvidence).toMatchObject({ method: "chosen_mbid", mbid: TOOL_MBID });
  });

  it("resolves a review by locking the picked MBID and enqueueing enrichment", async () => {
    const candidates = [
      { mbid: TOOL_MBID, name: "Tool" },
      { mbid: "11111111-1111-4111-8111-111111111111", name: "Tool" },
    ];
    const artist = await db().artist.create({
      data: { name: "Tool", enrichmentStatus: "needs_review", candidates },
    });
    const services = await jobServices();
    const { jobId } = await resolveArtist(services, member.actor, artist.id, TOOL_MBID);
    const row = await db().artist.findUniqueOrThrow({ where: { id: artist.id } });
    // A new job is always named; only someone else's live job goes unnamed.
    const job = await db().job.findUniqueOrThrow({ where: { id: jobId ?? "" } });

    expect(row).toMatchObject({ mbid: TOOL_MBID, lockedFields: ["mbid"] });
    expect(job).toMatchObject({
      type: "metadata_enrichment",
      artistId: artist.id,
      status: "queued",
    });
    await expect(
      resolveArtist(services, member.actor, artist.id, "22222222-2222-4222-8222-222222222222"),
    ).rejects.toThrow(/candidates/);
  });

  it("stays fast at 10,000 artists", async () => {
    await db().artist.createMany({
      data: Array.from({ length: 10_000 }, (_, i) => ({
        name: `Artist ${String(i).padStart(5, "0")}`,
        enrichmentStatus: i % 10 === 0 ? "needs_review" : "enriched",
        enrichedAt: new Date(Date.UTC(2026, 0, 1) + i * 1000),
      })),
    });
    await db().$executeRawUnsafe("ANALYZE artist");
    const started = performance.now();
    const deep = await list({ sort: "enriched", limit: 60 });
    await list({ sort: "enriched", cursor: deep.nextCursor, limit: 60 });
    await list({ q: "artist 09", status: "needs_review" });
    await list({ sort: "name", cursor: (await list({ sort: "name", q: "Artist 08" })).nextCursor });

    expect(performance.now() - started).toBeLessThan(1_500);
  }, 60_000);
});
