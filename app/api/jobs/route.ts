import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { createJobBody, listJobsQuery } from "@/lib/jobs/job-dto";
import { listJobs } from "@/lib/jobs/job-queries";
import { jobServices } from "@/lib/jobs/job-services";
import { bossSql } from "@/lib/jobs/sql";
import { allowOnly } from "@/lib/http/allow-only";
import { parseInput, readJson, searchParamsOf } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const { PUT, PATCH, DELETE, OPTIONS } = allowOnly("GET", "POST");

/** Enqueues a job; 202 with the job as it stands (queued or waiting). */
export const POST = route("user", async ({ request, actor }) => {
  const body = parseInput(createJobBody, await readJson(request));
  const job = await enqueueJob(await jobServices(), actor, body);

  return Response.json({ job }, { status: 202 });
});

/** The actor's jobs (an admin's: everyone's), newest first, one page at a time. */
export const GET = route("user", async ({ request, actor }) => {
  const query = parseInput(listJobsQuery, searchParamsOf(request));
  const services = await jobServices();

  return Response.json(await listJobs(bossSql(services.boss), actor, query));
});
