import { handleAuthRequest } from "@/lib/auth/auth-handler";
import { allowOnly } from "@/lib/http/allow-only";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
// better-auth's endpoints all take GET or POST (the wrong one of the two on a path is its 404).
export const { PUT, PATCH, DELETE, OPTIONS } = allowOnly("GET", "POST");

// better-auth's own endpoints (sign-in/email, sign-out, get-session...), behind Roadie's wrapper
// for the request id, cross-site check, sign-in rate limits and error shape.
const handler = route<{ all: string[] }>("public", async ({ request }) =>
  handleAuthRequest(request),
);

export const GET = handler;
export const POST = handler;
