import { randomUUID } from "node:crypto";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { selfTest } from "../../jobs/self-test/definition";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { pruneFinishedJobs } from "./job-retention";
import type { Sql } from "./sql";

const DAY_MS = 86_400_000;

describe("pruneFinishedJobs", () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let sql: Sql;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
    // pg re-emits an idle connection's error on the pool; without a listener, a connection the
    // database drop at teardown terminates would crash the test process.
    pool.on("error", () => {});
    sql = { executeSql: (text, values) => pool.query(text, values) };
    await database.db.user.create({ data: { id: "owner", name: "Owner", email: "o@example.test" } });
  });

  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  async function job(status: string, finishedDaysAgo: number | null) {
    const id = randomUUID();
    const finishedAt = finishedDaysAgo === null ? null : new Date(Date.now() - finishedDaysAgo * DAY_MS);
    await database.db.job.create({
      data: { id, type: selfTest.type, status, payload: {}, createdById: "owner", finishedAt },
    });
    await database.db.jobEvent.create({ data: { jobId: id, seq: 1, kind: "queued" } });

    return id;
  }

  it("deletes finished jobs past their type's retention with their events, and nothing else", async () => {
    const keepDays = selfTest.queue.deleteAfterSeconds / 86_400;
    const old = await Promise.all([
      job("completed", keepDays + 1),
      job("failed", keepDays + 2),
      job("cancelled", keepDays + 3),
    ]);
    const kept = await Promise.all([
      job("completed", keepDays - 0.5),
      job("processing", null),
      job("queued", null),
    ]);

    const deleted = await pruneFinishedJobs(sql, [selfTest]);

    expect(deleted).toBe(3);
    const left = await database.db.job.findMany({ select: { id: true } });
    expect(left.map((j) => j.id).sort()).toEqual([...kept].sort());
    expect(await database.db.jobEvent.count({ where: { jobId: { in: old } } })).toBe(0);
  });

  it("leaves the work to the runner that holds the pruning lock", async () => {
    const keepDays = selfTest.queue.deleteAfterSeconds / 86_400;
    const old = await job("completed", keepDays + 1);
    const holder = await pool.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT pg_advisory_xact_lock(727002)");

      expect(await pruneFinishedJobs(sql, [selfTest])).toBe(0);
      await holder.query("COMMIT");
    } finally {
      holder.release();
    }

    expect(await pruneFinishedJobs(sql, [selfTest])).toBe(1);
    expect(await database.db.job.count({ where: { id: old } })).toBe(0);
  });
});
