import { randomBytes } from "node:crypto";

import { config } from "../config";
import type { Db } from "../db/client";
import { isLoopbackAddress, isLoopbackHost, normalizeAddress } from "./client-address";
import { startSession } from "./sessions";
import { createAccount } from "./users";

/** The demo administrator; `.localhost` names can never be someone's real mailbox. */
export const DEMO_EMAIL = "demo@roadie.localhost";

/** Whether this installation runs as `npm run demo` (read per call: tests switch it). */
export const demoMode = () => process.env.ROADIE_DEMO === "1";

/**
 * Whether this request may use the demo sign-in. All of these must hold:
 *
 * - ROADIE_DEMO=1 (set by `npm run demo`) and APP_URL names this machine: an installation
 *   configured for other hosts never offers it.
 * - x-forwarded-for holds exactly one loopback address. Next writes the socket's address there
 *   only when the client sent none, so one entry is either Next's own or the client's; a proxy in
 *   front would have added a second entry (or its real client's address) and is refused.
 * - The Host header names this machine, which defeats DNS rebinding (a page on another site
 *   whose name resolves to 127.0.0.1 still sends its own name as Host).
 * - The browser does not report the request as coming from another site.
 *
 * A client connecting from another machine could forge the first two headers, so the demo start
 * binds the web server to 127.0.0.1 as well; these checks keep the demo closed if it ever is not.
 */
export function demoAllowed(request: Request): boolean {
  if (!demoMode()) return false;
  if (!isLoopbackHost(new URL(config().APP_URL).host)) return false;

  const forwarded = request.headers.get("x-forwarded-for") ?? "";
  const entries = forwarded.split(",");
  if (entries.length !== 1 || !isLoopbackAddress(normalizeAddress(entries[0] ?? ""))) return false;
  if (!isLoopbackHost(request.headers.get("host"))) return false;
  const site = request.headers.get("sec-fetch-site");

  return site === null || site === "none" || site === "same-origin";
}

/**
 * Signs the browser in as the demo administrator, creating it on first use with a random
 * password nobody sees (the account is reachable only through this door). Answers the
 * Set-Cookie headers, or null when the demo is not allowed for this request.
 */
export async function demoSignIn(db: Db, request: Request): Promise<Headers | null> {
  if (!demoAllowed(request)) return null;

  const userId = await ensureDemoUser(db);

  return startSession(db, userId);
}

async function ensureDemoUser(db: Db): Promise<string> {
  const existing = await db.user.findUnique({ where: { email: DEMO_EMAIL } });
  if (existing) return existing.id;

  const password = randomBytes(24).toString("base64url");
  const input = {
    name: "Demo admin",
    email: DEMO_EMAIL,
    role: "admin" as const,
    password,
    invite: false,
  };
  try {
    return (await createAccount(db, input)).user.id;
  } catch (err) {
    // Two first visits at once: the other one created it.
    const raced = await db.user.findUnique({ where: { email: DEMO_EMAIL } });
    if (raced) return raced.id;
    throw err;
  }
}
