"use client";

import { BulkActionBar } from "./bulk-action-bar";
import { JobDetailPanel } from "./job-detail-panel";
import { JobFilters, type JobTypeOption } from "./job-filters";
import { JobList } from "./job-list";
import { useJobsUi } from "./jobs-ui-store";
import { StartTestJobForm } from "./start-test-job-form";

const PANEL =
  "rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900";

/** The /jobs page: a test-job form, filters, the live list, bulk actions and a detail panel. */
export function JobsDashboard({ types }: { types: JobTypeOption[] }) {
  const panelOpen = useJobsUi((s) => s.panelJobId !== null);

  return (
    <div className={`grid min-w-0 gap-6 ${panelOpen ? "lg:grid-cols-[minmax(0,1fr)_26rem]" : ""}`}>
      <div className="flex min-w-0 flex-col gap-5">
        <h1 className="text-2xl font-semibold">Jobs</h1>
        <div className={PANEL}>
          <StartTestJobForm />
        </div>
        <JobFilters types={types} />
        <JobList />
        <BulkActionBar />
      </div>
      <JobDetailPanel />
    </div>
  );
}
