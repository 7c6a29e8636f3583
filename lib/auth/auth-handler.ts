import { db } from "../db/client";
import type { ErrorCode } from "../http/errors";
import { getAuth, AUTH_BASE_PATH } from "./auth";
import { clientAddress } from "./client-address";
import {
  accountKey,
  enforceRateLimit,
  hitRateLimit,
  peekRateLimit,
  RATE_LIMITS,
  tooManyRequests,
} from "./rate-limit";

const SIGN_IN_PATH = `${AUTH_BASE_PATH}/sign-in/email`;

/**
 * Hands a request to better-auth, adding Roadie's sign-in limits: every attempt counts against
 * the address, and failed attempts against the account (the email tried), so password guessing
 * on one account stops even when it comes from many addresses.
 */
export async function handleAuthRequest(request: Request): Promise<Response> {
  const isSignIn = request.method === "POST" && new URL(request.url).pathname === SIGN_IN_PATH;
  if (!isSignIn) return inOurErrorShape(await getAuth().handler(request));

  const email = await emailOf(request);
  await enforceRateLimit(db(), "sign-in", { address: clientAddress(request) });
  const rule = RATE_LIMITS["sign-in"].account;
  if (email) {
    const failures = await peekRateLimit(db(), accountKey("sign-in", email), rule);
    if (!failures.allowed) throw tooManyRequests(failures.retryAfterSeconds);
  }

  const response = await getAuth().handler(request);
  if (email && response.status === 401)
    await hitRateLimit(db(), accountKey("sign-in", email), rule);

  return inOurErrorShape(response);
}

const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: "bad_request",
  401: "unauthenticated",
  403: "forbidden",
  404: "not_found",
  413: "payload_too_large",
  415: "unsupported_media_type",
  422: "validation_failed",
  429: "rate_limited",
};

/**
 * better-auth answers its errors as { code, message } (or with an empty body for an unknown
 * path); API clients get every error in Roadie's one shape instead, with its headers kept.
 */
async function inOurErrorShape(response: Response): Promise<Response> {
  if (response.status < 400) return response;

  const body: unknown = await response
    .clone()
    .json()
    .catch(() => null);
  const message =
    body && typeof body === "object" && "message" in body && typeof body.message === "string"
      ? body.message
      : response.statusText || "The request could not be handled.";
  const code = CODE_OF_STATUS[response.status] ?? (response.status >= 500 ? "internal" : "bad_request");
  const headers = new Headers(response.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");

  return new Response(JSON.stringify({ error: { code, message } }), {
    status: response.status,
    headers,
  });
}

async function emailOf(request: Request): Promise<string | null> {
  const body: unknown = await request
    .clone()
    .json()
    .catch(() => null);
  if (!body || typeof body !== "object" || !("email" in body)) return null;
  const { email } = body as { email: unknown };

  return typeof email === "string" && email.length <= 254 ? email.trim().toLowerCase() : null;
}
