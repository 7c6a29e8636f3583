import { importIdParam } from "@/lib/library/import/import-dto";
import { importsApi } from "@/lib/library/library-api";
import { allowOnly } from "@/lib/http/allow-only";
import { parseInput } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly("GET");

/** One import: counts per outcome, the summary once finished, and the rows not imported. */
export const GET = route<{ id: string }>("user", async ({ params, actor }) => {
  const { id } = parseInput(importIdParam, params);

  return Response.json({ import: await importsApi.get(actor, id) });
});
