import { importsApi } from "@/lib/library/library-api";
import { readImportRequest } from "@/lib/library/import/read-import-request";
import { allowOnly } from "@/lib/http/allow-only";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const { PUT, PATCH, DELETE, OPTIONS } = allowOnly("GET", "POST");

/**
 * Accepts an import (multipart file, or JSON { format, text }): checks it, stores its rows and
 * enqueues the import job in one transaction; 202 at once with the per-row counts and the job.
 */
export const POST = route("user", async ({ request, actor }) => {
  const input = await readImportRequest(request);

  return Response.json(await importsApi.create(actor, input), { status: 202 });
});

/** The caller's latest imports (an administrator's: everyone's), newest first. */
export const GET = route("user", async ({ actor }) =>
  Response.json({ imports: await importsApi.list(actor) }),
);
