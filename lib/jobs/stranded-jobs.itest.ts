import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Actor } from "../auth/actor";
import { enqueueJob } from "./enqueue-job";
import { getJobDetail } from "./job-queries";
import { createJobsKit, type JobsKit } from "./jobs-test-kit";
import { bossSql } from "./sql";

describe("rows whose pg-boss job already ended", () => {
  let kit: JobsKit;
  let actor: Actor;

  beforeAll(async () => {
    kit = await createJobsKit();
    actor = await kit.createActor();
  });

  afterAll(async () => {
    await kit.close();
  });

  const enqueue = (payload: Record<string, unknown>, runAt?: string) =>
    enqueueJob(kit.services, actor, {
      type: "self_test",
      payload,
      priority: "normal",
      tags: [],
      ...(runAt ? { runAt } : {}),
    });

  it("end as the queue ended them, and leave rows still waiting alone", async () => {
    const sql = bossSql(kit.services.boss);
    // Scheduled far ahead, so the runner started below claims none of them.
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const gaveUp = await enqueue({ steps: 0 }, later);
    const gone = await enqueue({ steps: 0 }, later);
    const waiting = await enqueue({ steps: 0 }, later);
    const completed = await enqueue({ steps: 0 }, later);
    // As after every claim failed before an attempt could be written, as after retention, and
    // as after a runner stopped between pg-boss's settle and its own write of the attempt.
    await sql.executeSql(
      `UPDATE pgboss.job SET state = 'failed', output = '{"message":"connection lost"}'
        WHERE id = $1`,
      [gaveUp.id],
    );
    await sql.executeSql(
      `UPDATE pgboss.job SET state = 'completed', output = '{"steps":0}',
         completed_on = '2026-01-02T03:04:05Z' WHERE id = $1`,
      [completed.id],
    );
    await sql.executeSql(`DELETE FROM pgboss.job WHERE id = $1`, [gone.id]);
    await sql.executeSql(`UPDATE job SET "updatedAt" = now() - interval '1 hour'`);
    const { runner } = await kit.startRunner();

    expect(await runner.reconcile(60)).toBe(3);

    expect(await kit.job(gaveUp.id)).toMatchObject({
      status: "failed",
      error: "The queue ended this job (failed) before an attempt was recorded: connection lost",
    });
    expect(await kit.job(gone.id)).toMatchObject({ status: "failed" });
    expect(await kit.job(completed.id)).toMatchObject({
      status: "completed",
      progress: 100,
      error: null,
      result: { steps: 0 },
    });
    // Finished when the queue says, not when the reconciler came by.
    expect((await kit.job(completed.id)).finishedAt?.toISOString()).toBe(
      "2026-01-02T03:04:05.000Z",
    );
    expect(kit.services.events.of(completed.id).map((e) => e.kind)).toContain("completed");
    expect((await kit.job(waiting.id)).status).toBe("waiting");
    const detail = await getJobDetail(sql, actor, gaveUp.id);
    expect(detail.events.map((e) => e.kind)).toEqual(["queued", "failed"]);
    expect(kit.services.events.of(gaveUp.id).map((e) => e.kind)).toContain("failed");
    expect(await runner.reconcile(60)).toBe(0);
  });

  it("a processing row whose runner stopped before writing the end takes pg-boss's completion", async () => {
    const sql = bossSql(kit.services.boss);
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const job = await enqueue({ steps: 3 }, later);
    // As a runner leaves it when killed after pg-boss settled the job, before its own write.
    await sql.executeSql(
      `UPDATE job SET status = 'processing', attempt = 1, "startedAt" = now() - interval '1 hour',
         "updatedAt" = now() - interval '1 hour' WHERE id = $1`,
      [job.id],
    );
    await sql.executeSql(
      `INSERT INTO job_attempt (id, "jobId", attempt, "runnerId", "startedAt")
         VALUES (gen_random_uuid(), $1, 1, 'gone', now() - interval '1 hour')`,
      [job.id],
    );
    await sql.executeSql(
      `UPDATE pgboss.job SET state = 'completed', output = '{"steps":3}',
         completed_on = date_trunc('second', now()) - interval '50 minutes' WHERE id = $1`,
      [job.id],
    );
    const { rows } = await sql.executeSql(`SELECT completed_on FROM pgboss.job WHERE id = $1`, [
      job.id,
    ]);
    const settled = (rows[0] as { completed_on: Date }).completed_on.toISOString();
    const { runner } = await kit.startRunner();

    expect(await runner.reconcile(60)).toBe(1);

    expect(await kit.job(job.id)).toMatchObject({
      status: "completed",
      progress: 100,
      error: null,
      result: { steps: 3 },
    });
    const detail = await getJobDetail(sql, actor, job.id);
    expect(detail.attempts).toEqual([
      expect.objectContaining({ attempt: 1, outcome: "completed", error: null }),
    ]);
    // Finished when pg-boss settled it, as its attempt and its timeline say too.
    expect((await kit.job(job.id)).finishedAt?.toISOString()).toBe(settled);
    expect(new Date(detail.attempts[0]?.finishedAt ?? 0).toISOString()).toBe(settled);
    expect(new Date(detail.events.at(-1)?.at ?? 0).toISOString()).toBe(settled);
    expect(kit.services.events.of(job.id).map((e) => e.kind)).toContain("completed");
  });
});
