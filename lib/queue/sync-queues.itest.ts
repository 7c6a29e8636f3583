import { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { JOB_DEFINITIONS } from "../../jobs/definitions";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { BOSS_SCHEMA } from "./boss";
import { syncQueues } from "./sync-queues";

describe("syncQueues", () => {
  let database: TestDatabase;
  let boss: PgBoss;

  beforeAll(async () => {
    database = await createTestDatabase();
    boss = new PgBoss({
      connectionString: database.url,
      schema: BOSS_SCHEMA,
      supervise: false,
      schedule: false,
    });
    await boss.start();
  });

  afterAll(async () => {
    await boss.stop({ graceful: false });
    await database.drop();
  });

  it("creates every queue with the options in code, then finds no drift", async () => {
    const first = await syncQueues(boss, JOB_DEFINITIONS);
    const second = await syncQueues(boss, JOB_DEFINITIONS);

    expect(first.created).toEqual(JOB_DEFINITIONS.map((d) => d.type));
    expect(second).toEqual({ created: [], drift: [] });
    const stored = await boss.getQueue("metadata_enrichment");
    expect(stored).toMatchObject(JOB_DEFINITIONS[0].queue);
  });

  it("reports each option that differs from the database", async () => {
    const changed = JOB_DEFINITIONS.map((d) =>
      d.type === "video_download"
        ? { ...d, queue: { ...d.queue, retryLimit: 9, expireInSeconds: 61 } }
        : d,
    );

    const { drift } = await syncQueues(boss, changed);

    expect(drift).toEqual([
      { queue: "video_download", option: "retryLimit", inDatabase: 3, inCode: 9 },
      { queue: "video_download", option: "expireInSeconds", inDatabase: 10800, inCode: 61 },
    ]);
  });
});
