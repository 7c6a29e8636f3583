import { newToken, tokensOf } from "@/lib/auth/account-service";
import { createTokenSchema } from "@/lib/auth/schemas";
import { allowOnly } from "@/lib/http/allow-only";
import { AppError } from "@/lib/http/errors";
import { parseInput, readJson } from "@/lib/http/parse";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const { PUT, PATCH, DELETE, OPTIONS } = allowOnly("GET", "POST");

/** The caller's active tokens, with when each was last used. */
export const GET = route("user", async ({ actor, rateLimit }) => {
  await rateLimit("tokens");

  return Response.json({ tokens: await tokensOf(actor) });
});

/** A new named token; the secret is in this answer only. Signed-in users only, not tokens. */
export const POST = route("user", async ({ request, actor, rateLimit }) => {
  await rateLimit("tokens");
  if (actor.via !== "session") throw sessionOnly();
  const { name } = parseInput(createTokenSchema, await readJson(request));
  const { token, secret } = await newToken(actor, name);

  return Response.json(
    { token, secret },
    { status: 201, headers: { "cache-control": "no-store" } },
  );
});

// A leaked token must not be able to mint more tokens that outlive its revocation.
const sessionOnly = () =>
  new AppError("forbidden", "Create tokens from Roadie's settings page, not with a token.");
