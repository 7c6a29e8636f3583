import type { Metadata } from "next";

import { JobsDashboard } from "@/components/jobs/jobs-dashboard";
import { JOB_DEFINITIONS } from "@/jobs/definitions";

export const metadata: Metadata = { title: "Jobs · Roadie" };

/** The jobs dashboard; the layout has already checked the session. */
export default function JobsPage() {
  const types = JOB_DEFINITIONS.map((d) => ({ type: d.type, title: d.title }));

  return <JobsDashboard types={types} />;
}
