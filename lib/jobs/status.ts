/**
 * Job statuses as users see them, and the one mapping from pg-boss states to them. Everything
 * that turns a queue state into something a person reads goes through this file.
 */
export const JOB_STATUSES = [
  "queued",
  "waiting",
  "processing",
  "retrying",
  "completed",
  "failed",
  "cancelled",
] as const;

export type JobStatus = (typeof JOB_STATUSES)[number];

/** pg-boss's own job states (its job_state enum). */
export type BossState = "created" | "retry" | "active" | "completed" | "cancelled" | "failed";

/** Statuses that still have work ahead: a job in one of them may run (again). */
export const LIVE_STATUSES = ["queued", "waiting", "processing", "retrying"] as const;

/** Statuses a job never leaves on its own (only a user's retry moves it). */
export const FINAL_STATUSES = ["completed", "failed", "cancelled"] as const;

/** Statuses a user may cancel from. */
export const CANCELLABLE_STATUSES = LIVE_STATUSES;

/** Statuses a user may retry from. */
export const RETRYABLE_STATUSES = ["failed", "cancelled"] as const;

/** Statuses in which payload and priority may still change: nothing has run yet. */
export const EDITABLE_STATUSES = ["queued", "waiting"] as const;

export const isLive = (status: string) => (LIVE_STATUSES as readonly string[]).includes(status);
export const isFinal = (status: string) => (FINAL_STATUSES as readonly string[]).includes(status);

export interface BossJobState {
  state: BossState;
  /** When the job may start; a future value on a created job means it waits for its schedule. */
  startAfter: Date;
  /** Blocked on a dependency (a pg-boss flow parent that has not finished). */
  blocked?: boolean;
}

/**
 * The status a user sees for a pg-boss job. "created" splits three ways: waiting (its start is
 * in the future or it is blocked on a dependency), queued otherwise; "retry" is retrying until
 * it is claimed again.
 */
export function statusFromBoss(job: BossJobState, now: Date = new Date()): JobStatus {
  switch (job.state) {
    case "created":
      return job.blocked || job.startAfter.getTime() > now.getTime() ? "waiting" : "queued";
    case "retry":
      return "retrying";
    case "active":
      return "processing";
    case "completed":
      return "completed";
    case "cancelled":
      return "cancelled";
    case "failed":
      return "failed";
  }
}

/**
 * The status to show for a stored row: a "waiting" row whose start time has passed is queued,
 * though no process has rewritten it yet (nothing has to: pg-boss will just hand it out).
 */
export function effectiveStatus(
  row: { status: string; runAt: Date | null },
  now: Date = new Date(),
): JobStatus {
  if (row.status === "waiting" && (!row.runAt || row.runAt.getTime() <= now.getTime())) {
    return "queued";
  }

  return row.status as JobStatus;
}

/** The stored status for a job sent now, to start at runAt. */
export const initialStatus = (runAt: Date | null, now: Date = new Date()): JobStatus =>
  runAt && runAt.getTime() > now.getTime() ? "waiting" : "queued";
