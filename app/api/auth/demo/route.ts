import { signInDemo } from "@/lib/auth/account-service";
import { withCookies } from "@/lib/auth/sessions";
import { allowOnly } from "@/lib/http/allow-only";
import { notFound } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const { POST, PUT, PATCH, DELETE, OPTIONS } = allowOnly("GET");

/** Demo mode only, from this machine only: signs the browser in as the demo admin. Else 404. */
export const GET = route("public", async ({ request, rateLimit }) => {
  await rateLimit("demo");
  const cookies = await signInDemo(request);
  if (!cookies) throw notFound("This page");

  return withCookies(new Response(null, { status: 303, headers: { location: "/" } }), cookies);
});
