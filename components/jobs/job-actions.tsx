"use client";

import type { JobSummary } from "@/lib/jobs/job-dto";
import { JOB_PRIORITIES, type JobPriority } from "@/lib/jobs/priority";
import { CANCELLABLE_STATUSES, EDITABLE_STATUSES, RETRYABLE_STATUSES } from "@/lib/jobs/status";

import { useCancelJob, useChangePriority, useRetryJob } from "./use-job-mutations";

const has = (list: readonly string[], status: string) => list.includes(status);

/** The name a person would call a job by: its label, else its type's title. */
export const jobName = (job: Pick<JobSummary, "label" | "title">) => job.label || job.title;

export const buttonClass =
  "rounded-md border border-zinc-300 px-2.5 py-1 text-sm font-medium hover:bg-zinc-100 " +
  "disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800";

/** Priority as a select while the job can still change, else as text. */
function PriorityControl({ job }: { job: JobSummary }) {
  const change = useChangePriority();
  const name = jobName(job);
  if (!has(EDITABLE_STATUSES, job.status)) {
    return (
      <span className="text-xs text-zinc-600 dark:text-zinc-400">Priority {job.priority}</span>
    );
  }

  return (
    <label className="flex items-center gap-1 text-xs text-zinc-600 dark:text-zinc-400">
      <span>Priority</span>
      <select
        aria-label={`Priority of ${name}`}
        value={job.priority}
        disabled={change.isPending}
        onChange={(e) => change.mutate({ id: job.id, priority: e.target.value as JobPriority })}
        className={[
          "rounded-md border border-zinc-300 bg-white px-1.5 py-1 text-sm",
          "dark:border-zinc-700 dark:bg-zinc-900",
        ].join(" ")}
      >
        {JOB_PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Cancel, retry and priority for one job, each shown only when the job's status allows it. */
export function JobActions({ job }: { job: JobSummary }) {
  const cancel = useCancelJob();
  const retry = useRetryJob();
  const name = jobName(job);

  return (
    <div className="flex flex-wrap items-center gap-2">
      <PriorityControl job={job} />
      {has(CANCELLABLE_STATUSES, job.status) ? (
        <button
          type="button"
          className={buttonClass}
          aria-label={`Cancel ${name}`}
          disabled={cancel.isPending}
          onClick={() => cancel.mutate(job.id)}
        >
          Cancel
        </button>
      ) : null}
      {has(RETRYABLE_STATUSES, job.status) ? (
        <button
          type="button"
          className={buttonClass}
          aria-label={`Retry ${name}`}
          disabled={retry.isPending}
          onClick={() => retry.mutate(job.id)}
        >
          Retry
        </button>
      ) : null}
    </div>
  );
}
