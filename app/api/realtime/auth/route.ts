import { authorizeChannelFor } from "@/lib/auth/channel-auth";
import { readChannelAuthRequest } from "@/lib/auth/channel-auth-request";
import { allowOnly } from "@/lib/http/allow-only";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = allowOnly("POST");

/** Pusher channel authorization for Soketi: 200 with the signature, 403 for others' channels. */
export const POST = route("user", async ({ request, actor }) => {
  const input = await readChannelAuthRequest(request);

  return Response.json(authorizeChannelFor(actor, input));
});
