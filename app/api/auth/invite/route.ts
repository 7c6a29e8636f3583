import { acceptInviteAndSignIn } from "@/lib/auth/account-service";
import { acceptInviteSchema } from "@/lib/auth/schemas";
import { withCookies } from "@/lib/auth/sessions";
import { allowOnly } from "@/lib/http/allow-only";
import { parseInput, readJson } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = allowOnly("POST");

/** Accepts an invite: sets the password, spends the link and signs the invitee in. */
export const POST = route("public", async ({ request, rateLimit }) => {
  await rateLimit("invite");
  const { token, password } = parseInput(acceptInviteSchema, await readJson(request));
  const cookies = await acceptInviteAndSignIn(token, password);

  return withCookies(new Response(null, { status: 204 }), cookies);
});
