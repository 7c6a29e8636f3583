import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Actor } from "../auth/actor";
import { enqueueJob } from "./enqueue-job";
import { getJobDetail } from "./job-queries";
import { createJobsKit, type JobsKit } from "./jobs-test-kit";
import { bossSql } from "./sql";

describe("job lifecycle through the runner", () => {
  let kit: JobsKit;
  let actor: Actor;

  beforeAll(async () => {
    kit = await createJobsKit();
    actor = await kit.createActor();
    await kit.startRunner();
  });

  afterAll(async () => {
    await kit.close();
  });

  const selfTest = (payload: Record<string, unknown>) =>
    enqueueJob(kit.services, actor, { type: "self_test", payload, priority: "normal", tags: [] });

  it("runs a job from queued to completed with progress, result and ordered events", async () => {
    // Steps far enough apart that a progress line ("Step 2 of 3") is written on the way.
    const job = await selfTest({ steps: 3, stepMs: 150 });
    expect(job.status).toBe("queued");

    const row = await kit.waitForJob(job.id, (r) => r.status === "completed");

    // The last progress line is not kept as the finished job's message.
    expect(row).toMatchObject({ progress: 100, attempt: 1, error: null, message: null });
    expect(row.result).toEqual({ steps: 3, attempt: 1 });
    const kinds = kit.services.events.of(job.id).map((e) => e.kind);
    expect(kinds[0]).toBe("queued");
    expect(kinds[1]).toBe("started");
    expect(kinds.at(-1)).toBe("completed");
    const seqs = kit.services.events.of(job.id).map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const detail = await getJobDetail(bossSql(kit.services.boss), actor, job.id);
    expect(detail.attempts).toEqual([
      expect.objectContaining({ attempt: 1, outcome: "completed" }),
    ]);
    expect(detail.events.map((e) => e.kind)).toEqual(["queued", "started", "completed"]);
  });

  it("retries a failing attempt with backoff, then completes", async () => {
    const job = await selfTest({ steps: 1, stepMs: 0, failFirstAttempts: 1 });

    await kit.waitForJob(job.id, (r) => r.status === "retrying");
    const row = await kit.waitForJob(job.id, (r) => r.status === "completed");

    expect(row.attempt).toBe(2);
    const detail = await getJobDetail(bossSql(kit.services.boss), actor, job.id);
    expect(detail.attempts.map((a) => a.outcome)).toEqual(["failed", "completed"]);
    expect(detail.attempts[0]?.error).toMatch(/attempt 1 on purpose/);
    const gapMs =
      Date.parse(detail.attempts[1]!.startedAt) - Date.parse(detail.attempts[0]!.finishedAt!);
    expect(gapMs).toBeGreaterThanOrEqual(900);
  });

  it("fails after the last attempt, keeping every attempt's error", async () => {
    const job = await selfTest({ steps: 1, stepMs: 0, failFirstAttempts: 5 });

    const row = await kit.waitForJob(job.id, (r) => r.status === "failed", 25_000);

    expect(row).toMatchObject({ attempt: 3, maxAttempts: 3 });
    expect(row.finishedAt).not.toBeNull();
    const detail = await getJobDetail(bossSql(kit.services.boss), actor, job.id);
    expect(detail.attempts.map((a) => a.error)).toEqual([
      expect.stringMatching(/attempt 1/),
      expect.stringMatching(/attempt 2/),
      expect.stringMatching(/attempt 3/),
    ]);
    expect(kit.services.events.of(job.id).at(-1)).toMatchObject({
      kind: "failed",
      status: "failed",
    });
  }, 30_000);

  it("coalesces 1,000 progress reports a second into a few writes and events", async () => {
    const job = await selfTest({ steps: 10, stepMs: 100, progressBurst: 100 });

    const row = await kit.waitForJob(job.id, (r) => r.status === "completed");

    const progress = kit.services.events.of(job.id).filter((e) => e.kind === "progress");
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.length).toBeLessThanOrEqual(9);
    expect(kit.services.events.of(job.id).at(-1)).toMatchObject({
      kind: "completed",
      progress: 100,
    });
    expect(row.seq).toBe(progress.length + 3);
  });

  it("fails a job of a type without a handler at once, without retries", async () => {
    const job = await enqueueJob(kit.services, actor, {
      type: "video_download",
      payload: { videoId: "6f1c3c0e-2f4b-4a43-9f4e-1d5a2b7c8e90" },
      priority: "normal",
      tags: [],
    });

    const row = await kit.waitForJob(job.id, (r) => r.status === "failed");

    expect(row.attempt).toBe(1);
    expect(row.error).toMatch(/not available/);
    // The row is written first; pg-boss settles the job right after the handler returns.
    await expect
      .poll(
        async () => (await kit.services.boss.findJobs("video_download", { id: job.id }))[0]?.state,
      )
      .toBe("failed");
  });
});
