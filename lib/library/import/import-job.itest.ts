import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startSimulator, type Simulator } from "../../../tools/provider-simulator/server";
import { jobServices } from "../../jobs/job-services";
import { createAppJobsKit, type JobsKit } from "../../jobs/jobs-test-kit";
import { REPO_FIXTURES } from "../../providers/test-config";
import { createUser, type TestUser } from "../../testing/users";
import { createImport } from "./create-import";
import { createArtistsBatch } from "./run-import";

const RATE_SCALE = 10;

/** Points the runner's provider clients (built from the environment) at the simulator. */
function useSimulator(url: string) {
  Object.assign(process.env, {
    MUSICBRAINZ_BASE_URL: url,
    LASTFM_BASE_URL: url,
    LASTFM_API_KEY: "sim-key",
    SPOTIFY_API_BASE_URL: url,
    SPOTIFY_ACCOUNTS_BASE_URL: url,
    SPOTIFY_CLIENT_ID: "sim-client",
    SPOTIFY_CLIENT_SECRET: "sim-secret",
    PROVIDER_RATE_SCALE: String(RATE_SCALE),
  });
}

describe("bulk artist import job", () => {
  let kit: JobsKit;
  let sim: Simulator;
  let member: TestUser;

  beforeAll(async () => {
    sim = await startSimulator({ fixturesDir: REPO_FIXTURES, rateScale: RATE_SCALE });
    useSimulator(sim.url);
    kit = await createAppJobsKit();
    member = await createUser(kit.database.db);
    await kit.database.db.artist.create({ data: { name: "Tool" } });
  }, 60_000);

  afterAll(async () => {
    await kit?.close();
    await sim?.close();
  });

  it("creates the artists, enriches them as children and finishes with a summary", async () => {
    const csv = [
      "name,mbid",
      "Radiohead,",
      "Bjork,",
      "Motorhead,",
      "Tool,",
      "bjork,",
      '"AC/DC",66c662b6-6e2f-4930-8610-912e24c63ed1',
      "Zqxvy Plorblatt Ensemble,",
      ",",
    ].join("\n");
    const services = await jobServices();
    const { import: created, job } = await createImport(services, member.actor, {
      format: "csv",
      text: csv,
      fileName: "mine.csv",
    });
    await kit.startRunner();
    const done = await kit.waitForJob(job.id, (row) => row.status === "completed", 60_000);

    expect(done.result).toEqual({
      importId: created.id,
      imported: 5,
      skipped: 3,
      matched: 4,
      needsReview: 0,
      notFound: 1,
      failed: 0,
    });
    const children = await kit.database.db.job.findMany({ where: { parentId: job.id } });
    expect(children).toHaveLength(5);
    expect(
      children.every((c) => c.status === "completed" && c.createdById === member.user.id),
    ).toBe(true);
    const acdc = await kit.database.db.artist.findFirstOrThrow({ where: { name: "AC/DC" } });
    expect(acdc).toMatchObject({ enrichmentStatus: "enriched", lockedFields: ["mbid"] });
    const record = await kit.database.db.artistImport.findUniqueOrThrow({
      where: { id: created.id },
    });
    expect(record.status).toBe("completed");

    const progress = kit.services.events.of(job.id).filter((e) => e.kind === "progress");
    // Progress events are coalesced, so only the later stages are sure to be seen.
    expect(progress.map((e) => e.stage)).toContain("enrichment");
    expect(progress.map((e) => e.progress)).toEqual(
      [...progress.map((e) => e.progress)].sort((a, b) => a - b),
    );
  }, 90_000);

  it("creates no artist twice when the creation step runs again", async () => {
    const services = await jobServices();
    const { import: created } = await createImport(services, member.actor, {
      format: "text",
      text: "Sigur Ros\nGuns N' Roses\n",
    });
    const first = await createArtistsBatch(services, created.id);
    const second = await createArtistsBatch(services, created.id);
    const artists = await kit.database.db.artist.count({
      where: { name: { in: ["Sigur Ros", "Guns N' Roses"] } },
    });

    expect([first, second, artists]).toEqual([2, 0, 2]);
  });
});
