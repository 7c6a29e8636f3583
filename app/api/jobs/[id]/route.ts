import { updateJob } from "@/lib/jobs/job-actions";
import { updateJobBody } from "@/lib/jobs/job-dto";
import { jobIdOf } from "@/lib/jobs/job-id";
import { getJobDetail } from "@/lib/jobs/job-queries";
import { jobServices } from "@/lib/jobs/job-services";
import { bossSql } from "@/lib/jobs/sql";
import { allowOnly } from "@/lib/http/allow-only";
import { parseInput, readJson } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const { POST, PUT, DELETE, OPTIONS } = allowOnly("GET", "PATCH");

/** One job with its attempts and timeline; 404 for someone else's. */
export const GET = route<{ id: string }>("user", async ({ params, actor }) => {
  const services = await jobServices();
  const job = await getJobDetail(bossSql(services.boss), actor, jobIdOf(params));

  return Response.json({ job });
});

/** Changes priority or payload of a job that has not started; 409 once it has. */
export const PATCH = route<{ id: string }>("user", async ({ request, params, actor }) => {
  const id = jobIdOf(params);
  const body = parseInput(updateJobBody, await readJson(request));
  const job = await updateJob(await jobServices(), actor, id, body);

  return Response.json({ job });
});
