import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Actor } from "../auth/actor";
import { AppError } from "../http/errors";
import { enqueueJob } from "./enqueue-job";
import { cancelJob, retryJob, updateJob } from "./job-actions";
import { getJobDetail, listJobs } from "./job-queries";
import { createJobsKit, type JobsKit } from "./jobs-test-kit";
import { bossSql } from "./sql";

const conflictOf = async (promise: Promise<unknown>) => {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);

  return err as AppError;
};

describe("cancel, retry, edit, dedupe, priorities and schedules", () => {
  let kit: JobsKit;
  let actor: Actor;

  beforeAll(async () => {
    kit = await createJobsKit();
    actor = await kit.createActor();
  });

  afterAll(async () => {
    await kit.close();
  });

  const enqueue = (payload: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    enqueueJob(kit.services, actor, {
      type: "self_test",
      payload,
      priority: "normal",
      tags: [],
      ...extra,
    });

  it("cancels a queued job at once, and answers 409 with the status the second time", async () => {
    const job = await enqueue({ steps: 1 });

    const cancelled = await cancelJob(kit.services, actor, job.id);

    expect(cancelled.status).toBe("cancelled");
    const [boss] = await kit.services.boss.findJobs("self_test", { id: job.id });
    expect(boss?.state).toBe("cancelled");
    const again = await conflictOf(cancelJob(kit.services, actor, job.id));
    expect(again.status).toBe(409);
    expect(again.details).toMatchObject({ status: "cancelled" });
  });

  it("changes priority and payload before start, and refuses once finished", async () => {
    const job = await enqueue({ steps: 1 }, { runAt: new Date(Date.now() + 60_000).toISOString() });
    expect(job.status).toBe("waiting");

    const changed = await updateJob(kit.services, actor, job.id, {
      priority: "urgent",
      payload: { steps: 2 },
    });

    expect(changed.priority).toBe("urgent");
    expect(changed.label).toBe("2 steps");
    const [boss] = await kit.services.boss.findJobs("self_test", { id: job.id });
    expect(boss).toMatchObject({ priority: 20, data: expect.objectContaining({ steps: 2 }) });
    await cancelJob(kit.services, actor, job.id);
    const refused = await conflictOf(updateJob(kit.services, actor, job.id, { priority: "low" }));
    expect(refused.details).toMatchObject({ status: "cancelled" });
  });

  it("answers a second request with the same dedupe key with 409 and the live id", async () => {
    const first = await enqueue(
      { steps: 1 },
      { dedupeKey: "same-thing", runAt: new Date(Date.now() + 60_000).toISOString() },
    );

    const duplicate = await conflictOf(enqueue({ steps: 1 }, { dedupeKey: "same-thing" }));

    expect(duplicate.details).toMatchObject({ jobId: first.id });
    await cancelJob(kit.services, actor, first.id);
    const next = await enqueue({ steps: 1 }, { dedupeKey: "same-thing" });
    expect(next.id).not.toBe(first.id);
    await cancelJob(kit.services, actor, next.id);
  });

  it("lists a delayed job as waiting, then runs it after its start time", async () => {
    const runAt = new Date(Date.now() + 1_500);
    const job = await enqueue({ steps: 1, stepMs: 0 }, { runAt: runAt.toISOString() });
    const { runner } = await kit.startRunner({ workOverrides: { localConcurrency: 1 } });
    const sql = bossSql(kit.services.boss);

    const waiting = await listJobs(sql, actor, { status: "waiting", limit: 50 });
    expect(waiting.items.map((i) => i.id)).toContain(job.id);
    const row = await kit.waitForJob(job.id, (r) => r.status === "completed");
    expect(row.startedAt!.getTime()).toBeGreaterThanOrEqual(runAt.getTime() - 50);
    await runner.drain(1_000);
  });

  it("runs urgent before normal before low when they wait together", async () => {
    const ids = {
      low: (await enqueue({ steps: 0 }, { priority: "low" })).id,
      normal: (await enqueue({ steps: 0 }, { priority: "normal" })).id,
      urgent: (await enqueue({ steps: 0 }, { priority: "urgent" })).id,
    };
    const { runner } = await kit.startRunner({ workOverrides: { localConcurrency: 1 } });

    const rows = await Promise.all(
      Object.values(ids).map((id) => kit.waitForJob(id, (r) => r.status === "completed")),
    );
    const order = rows
      .sort((a, b) => a.startedAt!.getTime() - b.startedAt!.getTime())
      .map((r) => r.id);
    expect(order).toEqual([ids.urgent, ids.normal, ids.low]);
    await runner.drain(1_000);
  });

  it("aborts a running handler within a second of a cancel from another instance", async () => {
    const { runner } = await kit.startRunner();
    const job = await enqueue({ steps: 100, stepMs: 200 });
    await kit.waitForJob(job.id, (r) => r.status === "processing" && r.progress > 0);

    const asked = Date.now();
    await cancelJob(kit.services, actor, job.id);
    const detail = await waitForAttemptEnd(job.id);

    expect(Date.parse(detail.attempts[0]!.finishedAt!) - asked).toBeLessThan(1_000);
    expect(detail.attempts[0]?.outcome).toBe("cancelled");
    expect(detail.status).toBe("cancelled");
    expect(runner.heldJobIds()).not.toContain(job.id);
    await runner.drain(1_000);
  });

  it("retries a failed job with a fresh set of attempts (the dead-letter path)", async () => {
    const { runner } = await kit.startRunner();
    const job = await enqueueJob(kit.services, actor, {
      type: "video_download",
      payload: { videoId: "6f1c3c0e-2f4b-4a43-9f4e-1d5a2b7c8e90" },
      priority: "normal",
      tags: [],
    });
    await kit.waitForJob(job.id, (r) => r.status === "failed");
    const failed = await listJobs(bossSql(kit.services.boss), actor, {
      status: "failed",
      limit: 50,
    });
    expect(failed.items.find((i) => i.id === job.id)?.error).toMatch(/not available/);

    const retried = await retryJob(kit.services, actor, job.id);

    expect(retried).toMatchObject({ status: "queued", error: null, maxAttempts: 5 });
    const row = await kit.waitForJob(job.id, (r) => r.status === "failed" && r.attempt === 2);
    expect(row.error).toMatch(/not available/);
    const refused = await conflictOf(
      retryJob(kit.services, actor, (await enqueue({ steps: 0 })).id),
    );
    expect(refused.status).toBe(409);
    await runner.drain(1_000);
  });

  async function waitForAttemptEnd(id: string) {
    const sql = bossSql(kit.services.boss);
    for (let i = 0; i < 200; i += 1) {
      const detail = await getJobDetail(sql, actor, id);
      if (detail.attempts[0]?.finishedAt) return detail;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error("attempt never ended");
  }
});
