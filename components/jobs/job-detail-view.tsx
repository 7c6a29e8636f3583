"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";

import { usePausedPollInterval } from "@/components/providers/realtime-provider";
import type { JobDetail } from "@/lib/jobs/job-dto";

import { formatDateTime, formatEta } from "./format";
import { ApiError } from "./job-api";
import { JobActions, jobName } from "./job-actions";
import { JobProgressBar } from "./job-progress-bar";
import { jobDetailOptions } from "./job-query-options";
import { JobStatusBadge } from "./job-status-badge";
import { JobAttempts, JobTimeline } from "./job-timeline";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="flex min-w-0 flex-col gap-2">
      <h2 className="text-sm font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function Json({ value }: { value: unknown }) {
  if (value == null) return <p className="text-sm text-zinc-600 dark:text-zinc-400">None.</p>;

  return (
    <pre className="max-h-80 overflow-auto rounded-md bg-zinc-100 p-2 text-xs dark:bg-zinc-900">
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

function Facts({ job }: { job: JobDetail }) {
  const facts: [string, string][] = [
    ["Type", job.title],
    ["Priority", job.priority],
    ["Attempt", `${job.attempt} of ${job.maxAttempts}`],
    ["Created by", job.createdBy.name],
    ["Created", formatDateTime(job.createdAt)],
    ["Started", formatDateTime(job.startedAt)],
    ["Finished", formatDateTime(job.finishedAt)],
  ];
  const eta = job.status === "processing" ? formatEta(job.etaSeconds) : null;
  if (eta) facts.push(["Time left", eta]);

  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      {facts.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-zinc-600 dark:text-zinc-400">{term}</dt>
          <dd className="min-w-0 break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function JobDetailBody({ job }: { job: JobDetail }) {
  const name = jobName(job);
  const doing = [job.stage, job.message].filter(Boolean).join(" · ");

  return (
    <article aria-label={name} className="flex min-w-0 flex-col gap-5">
      <header className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="min-w-0 text-xl font-semibold break-words">{name}</h1>
          <JobStatusBadge status={job.status} />
        </div>
        <JobProgressBar progress={job.progress} status={job.status} label={name} />
        {doing ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{doing}</p> : null}
        <JobActions job={job} />
      </header>
      {job.error ? (
        <Section title="Error">
          <pre className="text-sm break-words whitespace-pre-wrap text-red-700 dark:text-red-400">
            {job.error}
          </pre>
        </Section>
      ) : null}
      <Facts job={job} />
      <Section title="Attempts">
        <JobAttempts attempts={job.attempts} />
      </Section>
      <Section title="Timeline">
        <JobTimeline events={job.events} />
      </Section>
      <Section title="Payload">
        <Json value={job.payload} />
      </Section>
      <Section title="Result">
        <Json value={job.result} />
      </Section>
    </article>
  );
}

/** A job's whole story: live status and progress, error, attempts, timeline, payload, result. */
export function JobDetailView({ id }: { id: string }) {
  const pollInterval = usePausedPollInterval();
  const query = useQuery({ ...jobDetailOptions(id), refetchInterval: pollInterval });

  if (query.isPending) return <p role="status">Loading the job…</p>;
  if (query.isError) {
    const missing = query.error instanceof ApiError && query.error.status === 404;

    return (
      <p role="alert" className="text-sm">
        {missing ? "This job does not exist, or it is not yours." : query.error.message}
      </p>
    );
  }

  return <JobDetailBody job={query.data} />;
}
