"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";

import { usePausedPollInterval } from "@/components/providers/realtime-provider";

import { buttonClass } from "./job-actions";
import { JobCard } from "./job-card";
import { jobListOptions } from "./job-query-options";
import { useJobsUi } from "./jobs-ui-store";

function SelectAll({ ids }: { ids: string[] }) {
  const selected = useJobsUi((s) => s.selected);
  const selectOnly = useJobsUi((s) => s.selectOnly);
  const all = ids.length > 0 && ids.every((id) => selected.has(id));

  return (
    <label className="flex items-center gap-2 px-3 text-sm">
      <input
        type="checkbox"
        className="size-4"
        checked={all}
        onChange={() => selectOnly(all ? [] : ids)}
      />
      Select all shown
    </label>
  );
}

function ListMessage({ children, role }: { children: ReactNode; role?: "alert" | "status" }) {
  return (
    <div
      role={role}
      className={[
        "rounded-lg border border-dashed border-zinc-300 p-6 text-center",
        "text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400",
      ].join(" ")}
    >
      {children}
    </div>
  );
}

/** The filtered jobs, newest first, with live progress and a "Load more" button. */
export function JobList() {
  const filters = useJobsUi((s) => s.filters);
  const pollInterval = usePausedPollInterval();
  const query = useInfiniteQuery({ ...jobListOptions(filters), refetchInterval: pollInterval });

  if (query.isPending) return <ListMessage role="status">Loading jobs…</ListMessage>;
  if (query.isError) {
    return (
      <ListMessage role="alert">
        <p>The jobs could not be loaded: {query.error.message}</p>
        <button
          type="button"
          className={`${buttonClass} mt-3`}
          onClick={() => void query.refetch()}
        >
          Try again
        </button>
      </ListMessage>
    );
  }
  const jobs = query.data.pages.flatMap((page) => page.items);
  if (jobs.length === 0) {
    const filtered = filters.status || filters.type || filters.q;

    return (
      <ListMessage>
        {filtered
          ? "No jobs match these filters."
          : "No jobs yet. Start a test job to see one run."}
      </ListMessage>
    );
  }

  return (
    <div className="flex flex-col gap-2">
      <SelectAll ids={jobs.map((job) => job.id)} />
      <ul aria-label="Jobs" className="flex flex-col gap-2">
        {jobs.map((job) => (
          <JobCard key={job.id} job={job} />
        ))}
      </ul>
      {query.hasNextPage ? (
        <button
          type="button"
          className={`${buttonClass} self-center`}
          disabled={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
        >
          {query.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      ) : null}
    </div>
  );
}
