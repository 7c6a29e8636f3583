"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";

import { JobProgressBar } from "@/components/jobs/job-progress-bar";
import { JobStatusBadge } from "@/components/jobs/job-status-badge";
import { jobDetailOptions } from "@/components/jobs/job-query-options";
import { usePausedPollInterval } from "@/components/providers/realtime-provider";
import type { ImportDetail } from "@/lib/library/import/import-dto";

import { importDetailOptions } from "./import-query-options";
import { LoadError, LoadingRows } from "./ui";
import { useLibraryLiveUpdates } from "./use-library-live-updates";

const SUMMARY_LABELS = [
  ["imported", "Imported"],
  ["skipped", "Skipped"],
  ["matched", "Matched"],
  ["needsReview", "Needs review"],
  ["notFound", "Not found"],
  ["failed", "Failed"],
] as const;

const OUTCOME_LABEL: Record<string, string> = {
  existing: "Already in library",
  duplicate: "Repeated",
  invalid: "Not imported",
};

function ImportProgress({ jobId }: { jobId: string }) {
  const job = useQuery({ ...jobDetailOptions(jobId), refetchInterval: usePausedPollInterval() });
  if (!job.data) return null;
  const { status, progress, message, label } = job.data;

  return (
    <section
      aria-label="Import progress"
      className="flex flex-col gap-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <div className="flex items-center justify-between gap-2">
        <Link href={`/jobs/${jobId}`} className="text-sm font-medium hover:underline">
          {label}
        </Link>
        <JobStatusBadge status={status} />
      </div>
      <JobProgressBar progress={progress} status={status} label={label} />
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        {message ?? "Waiting for a runner…"}
      </p>
    </section>
  );
}

function Summary({ report }: { report: ImportDetail }) {
  const counts = report.counts;
  const done = report.status === "completed";

  return (
    <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3">
      {SUMMARY_LABELS.map(([key, label]) => {
        const value =
          report.summary[key] ??
          (key === "imported"
            ? counts.created
            : key === "skipped"
              ? counts.existing + counts.duplicate + counts.invalid
              : null);
        return (
          <div key={key} className="rounded-md bg-zinc-50 p-2 dark:bg-zinc-900">
            <dt className="text-xs text-zinc-600 dark:text-zinc-400">{label}</dt>
            <dd className="text-lg font-semibold">{value ?? (done ? 0 : "…")}</dd>
          </div>
        );
      })}
    </dl>
  );
}

/** One import: the parent job's live progress, the summary, and every row not imported. */
export function ImportReport({ id }: { id: string }) {
  useLibraryLiveUpdates();
  const query = useQuery(importDetailOptions(id));
  if (query.isPending) return <LoadingRows label="Loading the import" />;
  if (query.isError) return <LoadError error={query.error} retry={() => void query.refetch()} />;
  const report = query.data;

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold break-words">
        Import {report.fileName ?? `of ${report.totalRows} rows`}
      </h1>
      {report.jobId ? <ImportProgress jobId={report.jobId} /> : null}
      <Summary report={report} />
      <section className="flex flex-col gap-2">
        <h2 className="font-semibold">Rows not imported ({report.issues.length})</h2>
        {report.issues.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Every row named a new artist.</p>
        ) : (
          <ul className="flex flex-col text-sm">
            {report.issues.map((issue) => (
              <li
                key={issue.line}
                className="flex flex-wrap gap-x-3 border-b border-zinc-200 py-1 dark:border-zinc-800"
              >
                <span className="w-16 shrink-0 text-zinc-500">Line {issue.line}</span>
                <span className="min-w-0 flex-1 break-words">{issue.name || <em>empty</em>}</span>
                <span className="text-zinc-600 dark:text-zinc-400">
                  {OUTCOME_LABEL[issue.outcome] ?? issue.outcome}: {issue.message}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <Link href="/artists" className="text-sm underline">
        Back to artists
      </Link>
    </div>
  );
}
