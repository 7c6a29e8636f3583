import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Actor } from "../auth/actor";
import { enqueueJob } from "./enqueue-job";
import { CANCEL_CHANNEL, cancelJob, retryJob } from "./job-actions";
import { getJobDetail } from "./job-queries";
import type { JobRunner } from "./job-runner";
import { createJobsKit, type JobsKit } from "./jobs-test-kit";
import { bossSql, queryRows } from "./sql";

const until = async (check: () => Promise<boolean> | boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const enqueueSelfTest = (kit: JobsKit, actor: Actor, payload: Record<string, unknown>) =>
  enqueueJob(kit.services, actor, { type: "self_test", payload, priority: "normal", tags: [] });

/** Whether pg-boss has the job claimed. */
async function claimedByBoss(kit: JobsKit, id: string) {
  const rows = await queryRows<{ state: string }>(
    bossSql(kit.services.boss),
    `SELECT state FROM pgboss.job WHERE id = $1`,
    [id],
  );

  return rows[0]?.state === "active";
}

const attemptsOf = (kit: JobsKit, id: string) =>
  queryRows<{ attempt: number }>(
    bossSql(kit.services.boss),
    `SELECT attempt FROM job_attempt WHERE "jobId" = $1`,
    [id],
  );

/** Each case gets a runner of its own, with the start delay it needs. */
describe("starts written late, or together with their ends", () => {
  let kit: JobsKit;
  let actor: Actor;
  let runner: JobRunner | undefined;

  beforeAll(async () => {
    kit = await createJobsKit();
    actor = await kit.createActor();
  });

  afterAll(async () => {
    await kit.close();
  });

  const startRunner = async (options: {
    startWriteDelayMs: number;
    progressIntervalMs?: number;
  }) => {
    await runner?.drain(1_000);
    runner = (await kit.startRunner(options)).runner;
  };
  const selfTest = (payload: Record<string, unknown>) => enqueueSelfTest(kit, actor, payload);

  it("records a job that ends within the delay as started and ended, in order", async () => {
    await startRunner({ startWriteDelayMs: 5_000 });
    const job = await selfTest({ steps: 0 });

    const row = await kit.waitForJob(job.id, (r) => r.status === "completed");

    expect(row.attempt).toBe(1);
    expect(row.startedAt!.getTime()).toBeLessThanOrEqual(row.finishedAt!.getTime());
    const detail = await getJobDetail(bossSql(kit.services.boss), actor, job.id);
    expect(detail.events.map((e) => e.kind)).toEqual(["queued", "started", "completed"]);
    const seqs = detail.events.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(3);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(detail.attempts).toEqual([
      expect.objectContaining({ attempt: 1, outcome: "completed" }),
    ]);
    const [attempt] = detail.attempts;
    expect(Date.parse(attempt!.startedAt)).toBeLessThanOrEqual(Date.parse(attempt!.finishedAt!));
    // Live, the job goes from queued to completed: its start was never a separate change.
    const live = kit.services.events.of(job.id).map((e) => e.kind);
    expect(live).toEqual(["queued", "completed"]);
  });

  it("shows a job still running after the delay as processing while it runs", async () => {
    await startRunner({ startWriteDelayMs: 50 });
    const job = await selfTest({ steps: 2, stepMs: 400 });

    const running = await kit.waitForJob(job.id, (r) => r.status !== "queued");

    expect(running.status).toBe("processing");
    expect(running.attempt).toBe(1);
    await kit.waitForJob(job.id, (r) => r.status === "completed");
    const live = kit.services.events.of(job.id).map((e) => e.kind);
    expect(live.slice(0, 2)).toEqual(["queued", "started"]);
    expect(live.at(-1)).toBe("completed");
  });

  it("writes the start at once when the handler reports progress before the delay", async () => {
    await startRunner({ startWriteDelayMs: 60_000, progressIntervalMs: 20 });
    const job = await selfTest({ steps: 4, stepMs: 150 });

    const row = await kit.waitForJob(job.id, (r) => r.progress > 0);

    expect(row).toMatchObject({ status: "processing", attempt: 1 });
    await kit.waitForJob(job.id, (r) => r.status === "completed");
  });

  it("stops a handler cancelled before its start was written, and runs its retry", async () => {
    await startRunner({ startWriteDelayMs: 60_000 });
    const job = await selfTest({ steps: 1, stepMs: 20_000 });
    await until(() => claimedByBoss(kit, job.id));
    await until(() => runner!.heldJobIds().includes(job.id));

    await cancelJob(kit.services, actor, job.id);
    // At once, as a user clicking twice would: it waits for the old claim to settle.
    await retryJob(kit.services, actor, job.id);

    await until(async () => (await kit.job(job.id)).status === "queued");
    expect(await attemptsOf(kit, job.id)).toEqual([]);
    const detail = await getJobDetail(bossSql(kit.services.boss), actor, job.id);
    expect(detail.events.map((e) => e.kind)).toEqual(["queued", "cancelled", "queued"]);
    // The retry is claimed and runs; the old claim's settle did not land on it.
    await until(() => runner!.heldJobIds().includes(job.id));
    expect(await claimedByBoss(kit, job.id)).toBe(true);
  });

  it("stops a handler whose row moved on before its start could be written", async () => {
    await startRunner({ startWriteDelayMs: 300 });
    const job = await selfTest({ steps: 1, stepMs: 20_000 });
    await until(() => runner!.heldJobIds().includes(job.id));

    // As another writer would, without the cancel's NOTIFY: only the start write can notice.
    await bossSql(kit.services.boss).executeSql(
      `UPDATE job SET status = 'cancelled', "finishedAt" = now() WHERE id = $1`,
      [job.id],
    );

    await until(() => !runner!.heldJobIds().includes(job.id), 3_000);
    const row = await kit.job(job.id);
    expect(row).toMatchObject({ status: "cancelled", attempt: 0 });
    expect(await attemptsOf(kit, job.id)).toEqual([]);
  });
});

/** On a database of its own, with one runner: no claim of another case's runner interferes. */
describe("a retry while an old claim still runs", () => {
  let kit: JobsKit;
  let actor: Actor;

  beforeAll(async () => {
    kit = await createJobsKit();
    actor = await kit.createActor();
  });

  afterAll(async () => {
    await kit.close();
  });

  const selfTest = (payload: Record<string, unknown>) => enqueueSelfTest(kit, actor, payload);

  it("refuses a retry while an old claim runs, and keeps that claim's writes off the retry", async () => {
    const { runner } = await kit.startRunner({ startWriteDelayMs: 60_000 });
    const job = await selfTest({ steps: 1, stepMs: 20_000 });
    await until(() => runner.heldJobIds().includes(job.id));
    // A job is held from its claim on, before its row is read: give the read time to find
    // it queued, so that the handler runs (a row already failed would not be run at all).
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sql = bossSql(kit.services.boss);
    // The row settled by another writer while the handler still runs (failed, so that the
    // runner's own check for missed cancels leaves it running).
    await sql.executeSql(
      `UPDATE job SET status = 'failed', "finishedAt" = now(), seq = seq + 1 WHERE id = $1`,
      [job.id],
    );

    // The retry is refused while the claim is held, not queued under the same id beside it.
    await expect(retryJob(kit.services, actor, job.id)).rejects.toMatchObject({
      code: "conflict",
    });

    // Once the claim has settled, a retry runs; the old claim wrote nothing on the way.
    await sql.executeSql(`SELECT pg_notify($1, $2)`, [CANCEL_CHANNEL, job.id]);
    await until(() => !runner.heldJobIds().includes(job.id));
    await until(async () => !(await claimedByBoss(kit, job.id)));
    expect(await kit.job(job.id)).toMatchObject({ status: "failed", attempt: 0 });
    await retryJob(kit.services, actor, job.id);
    await until(() => runner.heldJobIds().includes(job.id));
    expect(await kit.job(job.id)).toMatchObject({ status: "queued", attempt: 0 });
    expect(await attemptsOf(kit, job.id)).toEqual([]);
  }, 20_000);
});
