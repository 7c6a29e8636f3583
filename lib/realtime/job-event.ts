import type { JobStatus } from "../jobs/status";

/** What happened to a job; one event per lifecycle step, plus coalesced progress. */
export type JobEventKind =
  | "queued"
  | "started"
  | "progress"
  | "completed"
  | "failed"
  | "retrying"
  | "cancelled"
  | "released"
  | "updated";

/**
 * The live event browsers receive on `private-user-<createdById>` and `private-admin`, event
 * name `job`. Ids and small deltas only (well under Pusher's 10 KB): a client that needs more
 * refetches the job. A client drops any event whose seq is not above the one it has.
 */
export interface JobEventPayload {
  jobId: string;
  type: string;
  kind: JobEventKind;
  status: JobStatus;
  progress: number;
  stage: string | null;
  message: string | null;
  etaSeconds: number | null;
  attempt: number;
  seq: number;
  label: string;
  error?: string;
  /** ISO time the event happened. */
  at: string;
}

export const JOB_EVENT_NAME = "job";
export { ADMIN_CHANNEL, userChannel } from "../auth/policy";

const MAX_TEXT = 300;
const MAX_ERROR = 1000;

const clip = (text: string | null | undefined, max: number) =>
  text == null ? null : text.length > max ? `${text.slice(0, max - 1)}…` : text;

/** Bounds the free-text fields so an event stays small whatever a handler reports. */
export function boundEvent(event: JobEventPayload): JobEventPayload {
  const bounded: JobEventPayload = {
    ...event,
    stage: clip(event.stage, 80),
    message: clip(event.message, MAX_TEXT),
    label: clip(event.label, 200) ?? "",
  };
  if (event.error !== undefined) bounded.error = clip(event.error, MAX_ERROR) ?? undefined;

  return bounded;
}
