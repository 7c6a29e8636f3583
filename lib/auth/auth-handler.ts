import { db } from "../db/client";
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
  if (!isSignIn) return getAuth().handler(request);

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

  return response;
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
