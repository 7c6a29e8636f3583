import { jobStats } from "@/lib/jobs/job-queries";
import { jobServices } from "@/lib/jobs/job-services";
import { bossSql } from "@/lib/jobs/sql";
import { allowOnly } from "@/lib/http/allow-only";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly("GET");

/** The header's counts: the actor's running and waiting jobs. */
export const GET = route("user", async ({ actor }) => {
  const services = await jobServices();

  return Response.json(await jobStats(bossSql(services.boss), actor), {
    headers: { "cache-control": "no-store" },
  });
});
