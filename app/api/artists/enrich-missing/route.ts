import { enrichMissingBody } from "@/lib/library/artist-dto";
import { artistsApi } from "@/lib/library/library-api";
import { allowOnly } from "@/lib/http/allow-only";
import { parseInput, readJson } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = allowOnly("POST");

/** Enqueues enrichment for every artist not enriched yet (or failed, or partial); 202. */
export const POST = route("user", async ({ request, actor }) => {
  const hasBody = Number(request.headers.get("content-length") ?? "0") > 0;
  const body = parseInput(enrichMissingBody, hasBody ? await readJson(request) : {});

  return Response.json(await artistsApi.enrichMissing(actor, body), { status: 202 });
});
