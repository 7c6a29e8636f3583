import type { JobStatus } from "@/lib/jobs/status";

import { STATUS_LABEL } from "./format";

const TONE: Record<JobStatus, string> = {
  queued: "bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200",
  waiting: "bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200",
  processing: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  retrying: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  completed: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  failed: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  cancelled: "bg-zinc-100 text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400",
};

const PILL = "inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-medium";

/** The job's status as a coloured pill; the text, not the colour, carries the meaning. */
export function JobStatusBadge({ status }: { status: JobStatus }) {
  return (
    <span data-status={status} className={`${PILL} ${TONE[status]}`}>
      {STATUS_LABEL[status]}
    </span>
  );
}
