"use client";

import { JOB_PRIORITIES, type JobPriority } from "@/lib/jobs/priority";

import { buttonClass } from "./job-actions";
import { useJobsUi } from "./jobs-ui-store";
import { type BulkAction, useBulkJobAction } from "./use-job-mutations";

/** Actions over the ticked jobs; the server decides per job whether its status allows it. */
export function BulkActionBar() {
  const selected = useJobsUi((s) => s.selected);
  const clear = useJobsUi((s) => s.clearSelection);
  const bulk = useBulkJobAction();
  if (selected.size === 0) return null;

  const run = (action: BulkAction) =>
    bulk.mutate({ ids: [...selected], action }, { onSuccess: () => clear() });

  return (
    <div
      role="region"
      aria-label="Selected jobs"
      className={[
        "sticky bottom-3 z-10 flex flex-wrap items-center gap-2 rounded-lg",
        "border border-indigo-300 bg-indigo-50 p-2 shadow-sm",
        "dark:border-indigo-800 dark:bg-indigo-950",
      ].join(" ")}
    >
      <span className="text-sm font-medium">{selected.size} selected</span>
      <button
        type="button"
        className={buttonClass}
        disabled={bulk.isPending}
        onClick={() => run("cancel")}
      >
        Cancel selected
      </button>
      <button
        type="button"
        className={buttonClass}
        disabled={bulk.isPending}
        onClick={() => run("retry")}
      >
        Retry selected
      </button>
      <select
        aria-label="Set priority of selected"
        value=""
        disabled={bulk.isPending}
        onChange={(e) => e.target.value && run({ priority: e.target.value as JobPriority })}
        className={[
          "rounded-md border border-zinc-300 bg-white px-1.5 py-1 text-sm",
          "dark:border-zinc-700 dark:bg-zinc-900",
        ].join(" ")}
      >
        <option value="">Set priority…</option>
        {JOB_PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
      <button type="button" className="px-2 py-1 text-sm underline" onClick={clear}>
        Clear
      </button>
    </div>
  );
}
