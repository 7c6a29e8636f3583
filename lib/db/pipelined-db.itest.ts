import { randomUUID } from "node:crypto";
import net from "node:net";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { definitionOf } from "../../jobs/definitions";
import { enqueuePrepared, prepareJob } from "../jobs/enqueue-job";
import { createJobsKit, type JobsKit } from "../jobs/jobs-test-kit";
import type { JobDefinition } from "../queue/job-definition";
import { PipelinedDb } from "./pipelined-db";

describe("pipelined transactions", () => {
  let kit: JobsKit;
  let db: PipelinedDb;

  const count = async (table: string, tag: string) => {
    const { rows } = await db.executeSql(`SELECT count(*)::int AS n FROM ${table} WHERE tag = $1`, [
      tag,
    ]);

    return (rows[0] as { n: number }).n;
  };

  beforeAll(async () => {
    kit = await createJobsKit();
    db = new PipelinedDb({ connectionString: kit.database.url, max: 3, application_name: "test" });
    await db.executeSql(`CREATE TABLE pipelined_probe (tag text NOT NULL, n int NOT NULL UNIQUE)`);
  });

  afterAll(async () => {
    await db.close();
    await kit.close();
  });

  it("commits statements that were sent without waiting for each other", async () => {
    const tag = randomUUID();
    const tx = await db.beginTransaction();
    const first = tx.db.executeSql(`INSERT INTO pipelined_probe VALUES ($1, 1)`, [tag]);
    const second = tx.db.executeSql(`INSERT INTO pipelined_probe VALUES ($1, 2) RETURNING n`, [
      tag,
    ]);
    await tx.commit();

    await expect(first).resolves.toBeDefined();
    expect((await second).rows).toEqual([{ n: 2 }]);
    expect(await count("pipelined_probe", tag)).toBe(2);
  });

  it("sends the statements given in one turn in one write, and answers awaited ones", async () => {
    const tag = randomUUID();
    // Socket writes of any connection, counted while only this transaction is talking.
    const writes = [
      vi.spyOn(net.Socket.prototype, "_write"),
      vi.spyOn(net.Socket.prototype, "_writev"),
    ];
    const written = () => writes.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
    try {
      const tx = await db.beginTransaction();
      const first = tx.db.executeSql(`INSERT INTO pipelined_probe VALUES ($1, 21)`, [tag]);
      const second = tx.db.executeSql(`INSERT INTO pipelined_probe VALUES ($1, 22)`, [tag]);
      await tx.commit();
      await Promise.all([first, second]);
      // BEGIN, two inserts and COMMIT.
      expect(written()).toBe(1);

      // A statement whose answer is awaited before the next is given still goes out.
      const stepwise = await db.beginTransaction();
      const { rows } = await stepwise.db.executeSql(
        `SELECT count(*)::int AS n FROM pipelined_probe
        WHERE tag = $1`,
        [tag],
      );
      await stepwise.db.executeSql(`INSERT INTO pipelined_probe VALUES ($1, 23)`, [tag]);
      await stepwise.commit();
      expect(rows).toEqual([{ n: 2 }]);
    } finally {
      for (const spy of writes) spy.mockRestore();
    }
    expect(await count("pipelined_probe", tag)).toBe(3);
  });

  it("keeps nothing of a transaction when one statement in the middle fails", async () => {
    const tag = randomUUID();
    const tx = await db.beginTransaction();
    const sent = [
      tx.db.executeSql(`INSERT INTO pipelined_probe VALUES ($1, 10)`, [tag]),
      tx.db.executeSql(`INSERT INTO pipelined_probe VALUES ($1, 10)`, [tag]),
      tx.db.executeSql(`INSERT INTO pipelined_probe VALUES ($1, 11)`, [tag]),
    ];
    for (const statement of sent) statement.catch(() => {});

    await expect(tx.commit()).rejects.toMatchObject({ code: "23505" });
    await expect(sent[2]).rejects.toMatchObject({ code: "25P02" });
    expect(await count("pipelined_probe", tag)).toBe(0);
    // The connection went back to the pool clean: the next transaction works.
    const next = await db.beginTransaction();
    await next.db.executeSql(`INSERT INTO pipelined_probe VALUES ($1, 12)`, [tag]);
    await next.commit();
    expect(await count("pipelined_probe", tag)).toBe(1);
  });

  it("rolls back statements still unanswered and refuses statements after settling", async () => {
    const tag = randomUUID();
    const tx = await db.beginTransaction();
    void tx.db.executeSql(`INSERT INTO pipelined_probe VALUES ($1, 20)`, [tag]);
    await tx.rollback();

    expect(await count("pipelined_probe", tag)).toBe(0);
    await expect(tx.db.executeSql(`SELECT 1`)).rejects.toThrow(/already settled/);
    await expect(tx.commit()).rejects.toThrow(/already settled/);
  });

  it("reports a connection cut mid-transaction and keeps working after it", async () => {
    const tag = randomUUID();
    const tx = await db.beginTransaction();
    const { rows } = await tx.db.executeSql(`SELECT pg_backend_pid() AS pid`);
    await kit.services.boss
      .getDb()
      .executeSql(`SELECT pg_terminate_backend($1)`, [(rows[0] as { pid: number }).pid]);
    const lost = tx.db.executeSql(`INSERT INTO pipelined_probe VALUES ($1, 30)`, [tag]);
    lost.catch(() => {});

    await expect(tx.commit()).rejects.toThrow();
    expect(await count("pipelined_probe", tag)).toBe(0);
  });

  it("closes a connection whose prepared statement went stale under a migration", async () => {
    await db.executeSql(`CREATE TABLE stale_probe (n int); INSERT INTO stale_probe VALUES (1)`);
    const readAll = async () => {
      const tx = await db.beginTransaction();
      const read = tx.db.executeSql(`SELECT * FROM stale_probe`);
      read.catch(() => {});
      await tx.commit();

      return (await read).rows;
    };
    expect(await readAll()).toEqual([{ n: 1 }]);

    await db.executeSql(`ALTER TABLE stale_probe ADD COLUMN m int`);

    await expect(readAll()).rejects.toMatchObject({ code: "0A000" });
    // Had that connection gone back to the pool, it would be handed out again and fail again.
    expect(await readAll()).toEqual([{ n: 1, m: null }]);
  });

  it("writes neither the job row nor its queue entry when the queue insert cannot be sent", async () => {
    const actor = await kit.createActor();
    const selfTest = definitionOf("self_test") as JobDefinition;
    const missing = { ...selfTest, type: `no_such_queue_${randomUUID().slice(0, 8)}` };
    const job = prepareJob(missing, { steps: 0 });

    await expect(enqueuePrepared(kit.services, actor, [job])).rejects.toThrow(/not found|queue/i);
    const { rows } = await db.executeSql(`SELECT count(*)::int AS n FROM job WHERE id = $1`, [
      job.id,
    ]);
    expect(rows).toEqual([{ n: 0 }]);
  });

  it("writes neither when the job row fails after both statements were sent", async () => {
    const ghost = { ...(await kit.createActor()), userId: randomUUID() };
    const job = prepareJob(definitionOf("self_test") as JobDefinition, { steps: 0 });

    // The row's creator does not exist: the row insert fails, so pg-boss's insert behind it
    // fails in the aborted transaction and COMMIT rolls back.
    await expect(enqueuePrepared(kit.services, ghost, [job])).rejects.toMatchObject({
      code: "23503",
    });
    const jobs = await db.executeSql(`SELECT count(*)::int AS n FROM job WHERE id = $1`, [job.id]);
    const queued = await db.executeSql(`SELECT count(*)::int AS n FROM pgboss.job WHERE id = $1`, [
      job.id,
    ]);
    expect([jobs.rows, queued.rows]).toEqual([[{ n: 0 }], [{ n: 0 }]]);
  });
});
