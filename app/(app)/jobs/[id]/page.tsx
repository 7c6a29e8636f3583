import type { Metadata } from "next";
import Link from "next/link";

import { JobDetailView } from "@/components/jobs/job-detail-view";

export const metadata: Metadata = { title: "Job · Roadie" };

/** One job's page; the data loads in the browser and then follows live events. */
export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;

  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <Link href="/jobs" className="text-sm underline underline-offset-2">
        ← All jobs
      </Link>
      <JobDetailView id={id} />
    </div>
  );
}
