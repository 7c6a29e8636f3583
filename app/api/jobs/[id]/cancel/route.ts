import { cancelJob } from "@/lib/jobs/job-actions";
import { jobIdOf } from "@/lib/jobs/job-id";
import { jobServices } from "@/lib/jobs/job-services";
import { allowOnly } from "@/lib/http/allow-only";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = allowOnly("POST");

/** Cancels a queued or running job; a running handler stops within a second. */
export const POST = route<{ id: string }>("user", async ({ params, actor }) => {
  const job = await cancelJob(await jobServices(), actor, jobIdOf(params));

  return Response.json({ job });
});
