import { definitionOf } from "../../jobs/definitions";
import { estimateEtaSeconds } from "./eta";
import type { JobDetail, JobSummary } from "./job-dto";
import type { JobPriority } from "./priority";
import { effectiveStatus } from "./status";

/** A job row as the jobs SQL selects it (JOB_SELECT), with its creator's name. */
export interface JobRow {
  id: string;
  type: string;
  status: string;
  priority: string;
  payload: unknown;
  label: string;
  tags: string[] | null;
  dedupeKey: string | null;
  createdById: string;
  createdByName: string | null;
  artistId: string | null;
  attempt: number;
  maxAttempts: number;
  progress: number;
  stage: string | null;
  message: string | null;
  seq: number;
  result: unknown;
  error: string | null;
  runAt: Date | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  updatedAt: Date;
}

/** The columns every jobs read selects; `j` is the job table, `u` the user table. */
export const JOB_SELECT = `j.id, j.type, j.status, j.priority, j.payload, j.label, j.tags,
  j."dedupeKey", j."createdById", u.name AS "createdByName", j."artistId", j.attempt,
  j."maxAttempts", j.progress, j.stage, j.message, j.seq, j.result, j.error, j."runAt",
  j."createdAt", j."startedAt", j."finishedAt", j."updatedAt"`;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * Seconds left for a running job: the rate measured at its last progress write, less the
 * time since that write.
 */
export function etaOf(row: JobRow, now: Date): number | null {
  if (row.status !== "processing" || !row.startedAt) return null;
  const atWrite = estimateEtaSeconds(
    row.startedAt.getTime(),
    row.updatedAt.getTime(),
    row.progress,
  );
  if (atWrite === null) return null;

  return Math.max(0, atWrite - Math.round((now.getTime() - row.updatedAt.getTime()) / 1000));
}

/** The JobSummary DTO for a row. */
export function toJobSummary(row: JobRow, now: Date = new Date()): JobSummary {
  return {
    id: row.id,
    type: row.type,
    title: definitionOf(row.type)?.title ?? row.type,
    status: effectiveStatus(row, now),
    priority: row.priority as JobPriority,
    progress: row.progress,
    stage: row.stage,
    message: row.message,
    etaSeconds: etaOf(row, now),
    attempt: row.attempt,
    maxAttempts: row.maxAttempts,
    label: row.label,
    tags: row.tags ?? [],
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    createdBy: { id: row.createdById, name: row.createdByName ?? "" },
    error: row.error,
    seq: row.seq,
  };
}

export interface AttemptRow {
  attempt: number;
  startedAt: Date;
  finishedAt: Date | null;
  outcome: string | null;
  error: string | null;
}

export interface EventRow {
  seq: number;
  kind: string;
  attempt: number;
  message: string | null;
  at: Date;
}

/** The JobDetail DTO for a row with its attempts and events. */
export function toJobDetail(
  row: JobRow,
  attempts: AttemptRow[],
  events: EventRow[],
  now: Date = new Date(),
): JobDetail {
  return {
    ...toJobSummary(row, now),
    payload: row.payload,
    result: row.result,
    attempts: attempts.map((a) => ({
      attempt: a.attempt,
      startedAt: a.startedAt.toISOString(),
      finishedAt: iso(a.finishedAt),
      outcome: a.outcome,
      error: a.error,
    })),
    events: events.map((e) => ({
      seq: e.seq,
      kind: e.kind,
      attempt: e.attempt,
      message: e.message,
      at: e.at.toISOString(),
    })),
  };
}
