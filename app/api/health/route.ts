import { checkHealth } from "@/lib/health";
import { allowOnly } from "@/lib/http/allow-only";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly("GET");

/** 200 when the database, the queue and Soketi all answer; 503 naming what is down. */
export const GET = route("public", async () => {
  const health = await checkHealth();
  const down = (["database", "queue", "realtime"] as const).filter((k) => !health[k].ok);
  const body = { status: down.length ? "degraded" : "ok", down, ...health };

  return Response.json(body, { status: down.length ? 503 : 200 });
});
