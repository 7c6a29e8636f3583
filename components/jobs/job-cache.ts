// Pure functions that fold live job events into cached snapshots. The database is the truth:
// an event only ever moves a cached job forward, never back to an older state.
import type { InfiniteData } from "@tanstack/react-query";

import type { JobDetail, JobEventPayload, JobListResponse, JobSummary } from "@/lib/jobs/job-dto";

type Versioned = Pick<JobSummary, "seq" | "attempt">;

/** True when `event` is not newer than what the cache already shows for its job. */
export function isStale(current: Versioned, event: Versioned): boolean {
  if (event.attempt < current.attempt) return true;

  return event.seq <= current.seq;
}

const FINISHED_KINDS = new Set(["completed", "failed", "cancelled"]);

/** The job as it stands after `event`, or the same object when the event is stale. */
export function applyEventToJob<T extends JobSummary>(job: T, event: JobEventPayload): T {
  if (job.id !== event.jobId || isStale(job, event)) return job;
  const finished = FINISHED_KINDS.has(event.kind);

  return {
    ...job,
    status: event.status,
    progress: event.progress,
    stage: event.stage,
    message: event.message,
    etaSeconds: event.etaSeconds,
    attempt: event.attempt,
    seq: event.seq,
    label: event.label || job.label,
    error: event.error ?? (event.kind === "failed" || event.kind === "retrying" ? job.error : null),
    startedAt: event.kind === "started" && !job.startedAt ? event.at : job.startedAt,
    finishedAt: finished ? event.at : event.kind === "queued" ? null : job.finishedAt,
  };
}

/** A job detail after `event`: the summary fields plus a timeline entry for lifecycle events. */
export function applyEventToDetail(job: JobDetail, event: JobEventPayload): JobDetail {
  const next = applyEventToJob(job, event);
  if (next === job || event.kind === "progress") return next;
  const entry = {
    seq: event.seq,
    kind: event.kind,
    attempt: event.attempt,
    message: event.error ?? event.message,
    at: event.at,
  };

  return { ...next, events: [...job.events, entry] };
}

/**
 * The pages after `event`, and whether the job was on any of them (a job that was not may be
 * new and calls for a refetch instead).
 */
export function applyEventToPages(
  data: InfiniteData<JobListResponse, string | null>,
  event: JobEventPayload,
): { data: InfiniteData<JobListResponse, string | null>; found: boolean } {
  let found = false;
  const pages = data.pages.map((page) => {
    const index = page.items.findIndex((job) => job.id === event.jobId);
    if (index < 0) return page;
    found = true;
    const current = page.items[index]!;
    const next = applyEventToJob(current, event);
    if (next === current) return page;
    const items = [...page.items];
    items[index] = next;

    return { ...page, items };
  });

  return { data: found ? { ...data, pages } : data, found };
}

/**
 * Keeps, per job, whichever of the cached and the fetched copy is newer. A fetch that started
 * before a live event arrived would otherwise move a progress bar backwards for a moment.
 */
export function preferNewerJobs<T extends JobSummary>(previous: T[], fetched: T[]): T[] {
  const byId = new Map(previous.map((job) => [job.id, job]));

  return fetched.map((job) => {
    const cached = byId.get(job.id);

    return cached && cached.seq > job.seq && cached.attempt >= job.attempt ? cached : job;
  });
}

/** The pages with `job` in place of its older copy (a mutation's answer). */
export function replaceJobInPages(
  data: InfiniteData<JobListResponse, string | null>,
  job: JobSummary,
): InfiniteData<JobListResponse, string | null> {
  const pages = data.pages.map((page) => ({
    ...page,
    items: page.items.map((item) => (item.id === job.id && item.seq < job.seq ? job : item)),
  }));

  return { ...data, pages };
}
