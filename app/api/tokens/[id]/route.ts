import { revokeToken } from "@/lib/auth/account-service";
import { allowOnly } from "@/lib/http/allow-only";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = allowOnly("DELETE");

/** Revokes one of the caller's tokens at once; 404 for anyone else's. */
export const DELETE = route<{ id: string }>("user", async ({ params, actor, rateLimit }) => {
  await rateLimit("tokens");
  await revokeToken(actor, params.id);

  return new Response(null, { status: 204 });
});
