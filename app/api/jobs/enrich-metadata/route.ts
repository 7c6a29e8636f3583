import { enqueueEnrichment } from "@/lib/jobs/enqueue-enrichment";
import { enrichMetadataBody } from "@/lib/jobs/job-dto";
import { jobServices } from "@/lib/jobs/job-services";
import { allowOnly } from "@/lib/http/allow-only";
import { parseInput, readJson } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = allowOnly("POST");

/** One enrichment job per artist; 202 with each job's id. */
export const POST = route("user", async ({ request, actor }) => {
  const body = parseInput(enrichMetadataBody, await readJson(request));
  const jobs = await enqueueEnrichment(await jobServices(), actor, body);

  return Response.json({ jobs }, { status: 202 });
});
