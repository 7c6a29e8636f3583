"use client";

import Link from "next/link";
import { useEffect } from "react";

import { JobDetailView } from "./job-detail-view";
import { useJobsUi } from "./jobs-ui-store";

/** The selected job beside the list on wide screens; Escape closes it. */
export function JobDetailPanel() {
  const id = useJobsUi((s) => s.panelJobId);
  const close = useJobsUi((s) => s.closePanel);

  useEffect(() => {
    if (!id) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && close();
    window.addEventListener("keydown", onKey);

    return () => window.removeEventListener("keydown", onKey);
  }, [id, close]);

  if (!id) return null;

  return (
    <aside
      aria-label="Job details"
      className={[
        "hidden min-w-0 flex-col gap-3 rounded-lg border border-zinc-200",
        "bg-white p-4 lg:sticky lg:top-4 lg:flex lg:max-h-[calc(100vh-6rem)]",
        "lg:overflow-y-auto dark:border-zinc-800 dark:bg-zinc-900",
      ].join(" ")}
    >
      <div className="flex items-center justify-between gap-2 text-sm">
        <Link href={`/jobs/${id}`} className="underline underline-offset-2">
          Open full page
        </Link>
        <button
          type="button"
          onClick={close}
          className="rounded-md px-2 py-1 hover:bg-zinc-100 dark:hover:bg-zinc-800"
        >
          Close
        </button>
      </div>
      <JobDetailView id={id} />
    </aside>
  );
}
