import type { JobEventKind, JobEventPayload } from "../realtime/job-event";
import type { JobEventSink } from "../realtime/job-event-publisher";
import { etaOf, type JobRow } from "./job-summary";
import { effectiveStatus } from "./status";

type EventSource = Pick<
  JobRow,
  | "id"
  | "type"
  | "status"
  | "progress"
  | "stage"
  | "message"
  | "attempt"
  | "seq"
  | "label"
  | "error"
  | "createdById"
  | "runAt"
>;

/** The live event for a job row as it stands after a change. */
export function eventFromRow(
  row: EventSource & Partial<Pick<JobRow, "startedAt" | "updatedAt">>,
  kind: JobEventKind,
  now: Date = new Date(),
): JobEventPayload {
  const event: JobEventPayload = {
    jobId: row.id,
    type: row.type,
    kind,
    status: effectiveStatus(row, now),
    progress: row.progress,
    stage: row.stage,
    message: row.message,
    etaSeconds: row.startedAt && row.updatedAt ? etaOf(row as JobRow, now) : null,
    attempt: row.attempt,
    seq: row.seq,
    label: row.label,
    at: now.toISOString(),
  };
  if (row.error) event.error = row.error;

  return event;
}

/** Publishes the event for each row (after its transaction committed). */
export function publishRows(
  sink: JobEventSink,
  rows: Parameters<typeof eventFromRow>[0][],
  kind: JobEventKind,
): void {
  const now = new Date();
  for (const row of rows) sink.publish(row.createdById, eventFromRow(row, kind, now));
}
