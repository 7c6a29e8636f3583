import { runFirstRunSetup } from "@/lib/auth/account-service";
import { setupSchema } from "@/lib/auth/schemas";
import { withCookies } from "@/lib/auth/sessions";
import { allowOnly } from "@/lib/http/allow-only";
import { parseInput, readJson } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = allowOnly("POST");

/** First-run setup: creates the first administrator and signs them in; 409 once anyone exists. */
export const POST = route("public", async ({ request, rateLimit }) => {
  await rateLimit("setup");
  const input = parseInput(setupSchema, await readJson(request));
  const { user, cookies } = await runFirstRunSetup(input);

  return withCookies(Response.json({ user }, { status: 201 }), cookies);
});
