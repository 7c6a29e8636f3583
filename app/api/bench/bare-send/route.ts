import { benchSend, benchEnabled } from "@/lib/jobs/bench-send";
import { allowOnly } from "@/lib/http/allow-only";
import { notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = allowOnly("POST");

/**
 * The enqueue benchmark's reference: a route that only calls pg-boss send, no auth, no row.
 * Exists only when ROADIE_BENCH=1; otherwise 404 like any unknown path.
 */
export const POST = route("public", async () => {
  if (!benchEnabled()) throw notFound("Page");

  return Response.json({ id: await benchSend() }, { status: 202 });
});
