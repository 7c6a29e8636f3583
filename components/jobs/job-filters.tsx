"use client";

import { useEffect, useState } from "react";

import { JOB_STATUSES, type JobStatus } from "@/lib/jobs/status";

import { STATUS_LABEL } from "./format";
import { useJobsUi } from "./jobs-ui-store";

const SEARCH_DELAY_MS = 300;

/** A job type the filter offers: its queue name and its human title. */
export interface JobTypeOption {
  type: string;
  title: string;
}

function StatusTabs() {
  const status = useJobsUi((s) => s.filters.status);
  const setStatus = useJobsUi((s) => s.setStatus);
  const options: (JobStatus | null)[] = [null, ...JOB_STATUSES];

  return (
    <div role="group" aria-label="Filter by status" className="flex flex-wrap gap-1">
      {options.map((option) => (
        <button
          key={option ?? "all"}
          type="button"
          aria-pressed={status === option}
          onClick={() => setStatus(option)}
          className={[
            "rounded-full border border-zinc-300 px-3 py-1 text-sm",
            "aria-pressed:border-indigo-600 aria-pressed:bg-indigo-600",
            "aria-pressed:text-white dark:border-zinc-700",
          ].join(" ")}
        >
          {option ? STATUS_LABEL[option] : "All"}
        </button>
      ))}
    </div>
  );
}

/** Waits for a pause in typing before the search reaches the server. */
function SearchBox() {
  const setQuery = useJobsUi((s) => s.setQuery);
  const [text, setText] = useState(() => useJobsUi.getState().filters.q);

  useEffect(() => {
    const timer = setTimeout(() => setQuery(text), SEARCH_DELAY_MS);

    return () => clearTimeout(timer);
  }, [text, setQuery]);

  return (
    <input
      type="search"
      aria-label="Search jobs"
      placeholder="Search by label or payload"
      value={text}
      onChange={(e) => setText(e.target.value)}
      className={[
        "w-full min-w-0 rounded-md border border-zinc-300 bg-white px-3 py-1.5",
        "text-base sm:w-64 dark:border-zinc-700 dark:bg-zinc-900",
      ].join(" ")}
    />
  );
}

/** Status tabs, a type select and a debounced search box for the jobs list. */
export function JobFilters({ types }: { types: JobTypeOption[] }) {
  const type = useJobsUi((s) => s.filters.type);
  const setType = useJobsUi((s) => s.setType);

  return (
    <div className="flex flex-col gap-3">
      <StatusTabs />
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <SearchBox />
        <select
          aria-label="Filter by type"
          value={type ?? ""}
          onChange={(e) => setType(e.target.value || null)}
          className={[
            "rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-base",
            "dark:border-zinc-700 dark:bg-zinc-900",
          ].join(" ")}
        >
          <option value="">All types</option>
          {types.map((t) => (
            <option key={t.type} value={t.type}>
              {t.title}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
