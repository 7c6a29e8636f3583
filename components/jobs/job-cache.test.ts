import type { InfiniteData } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";

import type { JobDetail, JobEventPayload, JobListResponse, JobSummary } from "@/lib/jobs/job-dto";

import {
  applyEventToDetail,
  applyEventToJob,
  applyEventToPages,
  preferNewerJobs,
} from "./job-cache";

const job = (over: Partial<JobSummary> = {}): JobSummary => ({
  id: "j1",
  type: "self_test",
  title: "Self test",
  status: "processing",
  priority: "normal",
  progress: 10,
  stage: null,
  message: null,
  etaSeconds: null,
  attempt: 1,
  maxAttempts: 3,
  label: "ten steps",
  tags: [],
  createdAt: "2026-12-04T10:00:00.000Z",
  startedAt: "2026-12-04T10:00:01.000Z",
  finishedAt: null,
  createdBy: { id: "u1", name: "Ada" },
  error: null,
  seq: 5,
  ...over,
});

const event = (over: Partial<JobEventPayload> = {}): JobEventPayload => ({
  jobId: "j1",
  type: "self_test",
  kind: "progress",
  status: "processing",
  progress: 40,
  stage: "step",
  message: "Step 4 of 10",
  etaSeconds: 6,
  attempt: 1,
  seq: 6,
  label: "ten steps",
  at: "2026-12-04T10:00:05.000Z",
  ...over,
});

const pagesOf = (...items: JobSummary[][]): InfiniteData<JobListResponse, string | null> => ({
  pages: items.map((page) => ({ items: page, nextCursor: null })),
  pageParams: items.map(() => null),
});

describe("applyEventToJob", () => {
  it("moves a job forward with a newer event", () => {
    expect(applyEventToJob(job(), event())).toMatchObject({ progress: 40, seq: 6, etaSeconds: 6 });
  });

  it("ignores an event at or below the cached seq, or from an older attempt", () => {
    const cached = job({ seq: 6, attempt: 2 });

    expect(applyEventToJob(cached, event({ seq: 6, attempt: 2 }))).toBe(cached);
    expect(applyEventToJob(cached, event({ seq: 3, attempt: 2 }))).toBe(cached);
    expect(applyEventToJob(cached, event({ seq: 9, attempt: 1 }))).toBe(cached);
  });

  it("records when a job finished and why it failed", () => {
    const failed = applyEventToJob(
      job(),
      event({ kind: "failed", status: "failed", error: "boom" }),
    );

    expect(failed).toMatchObject({ status: "failed", error: "boom", finishedAt: event().at });
  });
});

describe("applyEventToPages", () => {
  it("patches the job wherever it is and reports that it was found", () => {
    const other = job({ id: "j2" });
    const { data, found } = applyEventToPages(pagesOf([other], [job()]), event());

    expect(found).toBe(true);
    expect(data.pages[0]?.items[0]).toBe(other);
    expect(data.pages[1]?.items[0]?.progress).toBe(40);
  });

  it("reports a job that is on no page, so the caller refetches", () => {
    const before = pagesOf([job({ id: "j2" })]);
    const { data, found } = applyEventToPages(before, event());

    expect(found).toBe(false);
    expect(data).toBe(before);
  });
});

describe("applyEventToDetail", () => {
  it("adds lifecycle events to the timeline but not progress", () => {
    const detail: JobDetail = { ...job(), payload: {}, result: null, attempts: [], events: [] };

    expect(applyEventToDetail(detail, event()).events).toHaveLength(0);
    expect(
      applyEventToDetail(detail, event({ kind: "completed", status: "completed" })).events,
    ).toEqual([{ seq: 6, kind: "completed", attempt: 1, message: "Step 4 of 10", at: event().at }]);
  });
});

describe("preferNewerJobs", () => {
  it("keeps a cached copy that live events moved past the fetched one", () => {
    const cached = job({ seq: 9, progress: 90 });
    const fetched = [job({ seq: 7, progress: 70 }), job({ id: "j2" })];

    expect(preferNewerJobs([cached], fetched)).toEqual([cached, fetched[1]]);
  });
});
