"use client";

import Link from "next/link";

import type { JobSummary } from "@/lib/jobs/job-dto";
import { isLive } from "@/lib/jobs/status";

import { formatAgo, formatDateTime, formatEta } from "./format";
import { JobActions, jobName } from "./job-actions";
import { JobProgressBar } from "./job-progress-bar";
import { JobStatusBadge } from "./job-status-badge";
import { useJobsUi } from "./jobs-ui-store";

/** What the job is doing now: its stage and message, or how long ago it finished. */
function JobActivity({ job }: { job: JobSummary }) {
  const eta = job.status === "processing" ? formatEta(job.etaSeconds) : null;
  const doing = [job.stage, job.message].filter(Boolean).join(" · ");
  const when = job.finishedAt ?? job.startedAt ?? job.createdAt;

  return (
    <p className="flex flex-wrap gap-x-3 text-xs text-zinc-600 dark:text-zinc-400">
      {doing ? <span className="min-w-0 break-words">{doing}</span> : null}
      {eta ? <span>{eta}</span> : null}
      <span>
        Attempt {job.attempt} of {job.maxAttempts}
      </span>
      <time dateTime={when} title={formatDateTime(when)} suppressHydrationWarning>
        {formatAgo(when)}
      </time>
      <span>by {job.createdBy.name}</span>
    </p>
  );
}

/**
 * One job as a card: a stacked card on narrow screens, a table-like row from the md
 * breakpoint. Checkbox, name and status, live progress, errors, then the actions.
 */
export function JobCard({ job }: { job: JobSummary }) {
  const selected = useJobsUi((s) => s.selected.has(job.id));
  const toggle = useJobsUi((s) => s.toggle);
  const openPanel = useJobsUi((s) => s.openPanel);
  const name = jobName(job);

  return (
    <li
      aria-label={name}
      className={[
        "grid grid-cols-[auto_1fr] gap-x-3 gap-y-2 rounded-lg border",
        "border-zinc-200 bg-white p-3",
        "md:grid-cols-[auto_minmax(0,2fr)_minmax(0,1.5fr)_auto] md:items-center",
        "dark:border-zinc-800 dark:bg-zinc-900",
      ].join(" ")}
    >
      <input
        type="checkbox"
        aria-label={`Select ${name}`}
        checked={selected}
        onChange={() => toggle(job.id)}
        className="mt-1 size-4 md:mt-0"
      />
      <div className="min-w-0">
        <div className="flex min-w-0 items-center gap-2">
          <Link
            href={`/jobs/${job.id}`}
            onClick={(e) => {
              // On wide screens the panel opens beside the list; a modified click still navigates.
              if (
                e.metaKey ||
                e.ctrlKey ||
                e.shiftKey ||
                !window.matchMedia("(min-width: 1024px)").matches
              )
                return;
              e.preventDefault();
              openPanel(job.id);
            }}
            className="min-w-0 truncate font-medium hover:underline"
          >
            {name}
          </Link>
          <JobStatusBadge status={job.status} />
        </div>
        <p className="truncate text-xs text-zinc-500">{job.title}</p>
      </div>
      <div className="col-span-2 flex min-w-0 flex-col gap-1 md:col-span-1">
        <JobProgressBar progress={job.progress} status={job.status} label={name} />
        <JobActivity job={job} />
        {job.error && !isLive(job.status) ? (
          <p className="line-clamp-2 text-xs break-words text-red-700 dark:text-red-400">
            {job.error}
          </p>
        ) : null}
        {job.error && isLive(job.status) ? (
          <p className="line-clamp-2 text-xs break-words text-amber-700 dark:text-amber-400">
            Last attempt: {job.error}
          </p>
        ) : null}
      </div>
      <div className="col-span-2 md:col-span-1 md:justify-self-end">
        <JobActions job={job} />
      </div>
    </li>
  );
}
