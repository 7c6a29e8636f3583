import { randomBytes } from "node:crypto";

import type { Actor } from "../auth/actor";
import { createApiToken } from "../auth/api-tokens";
import { getAuth } from "../auth/auth";
import { cookieHeaderFrom } from "../auth/sessions";
import { createAccount } from "../auth/users";
import { config, resetConfigForTests } from "../config";
import type { Db } from "../db/client";
import { type TestDatabase, testServerUrl } from "./database";

/** A user made for one test, with both ways to authenticate as them. */
export interface TestUser {
  user: { id: string; email: string; name: string; role: Actor["role"] };
  password: string;
  /** A real personal API token: send as `Authorization: Bearer <token>`. */
  token: string;
  /** A real session cookie from signing in: send as the `Cookie` request header. */
  cookieHeader: string;
  actor: Actor;
}

/** The origin test requests are sent to (APP_URL as the tests set it). */
export const TEST_ORIGIN = "http://localhost:3000";

/**
 * Points the app's process-wide database (db()) and config at a test database, so route
 * handlers called in the test read and write it. Call once per test file, before the first
 * handler; testDb.drop() then closes the shared client.
 */
export function bindAppToDatabase(testDb: TestDatabase): void {
  // Test helpers reach the server through DATABASE_URL unless TEST_DATABASE_URL is set: pin it
  // first so that creating and dropping databases does not go through the test's own database.
  process.env.TEST_DATABASE_URL ??= testServerUrl();
  process.env.DATABASE_URL = testDb.url;
  process.env.APP_URL ??= TEST_ORIGIN;
  process.env.AUTH_SECRET ??= randomBytes(32).toString("hex");
  resetConfigForTests();
  // lib/db/client.ts keeps the process-wide client on globalThis (for Next's dev reloads); the
  // test's own client takes its place so that one pool serves both and drop() closes it.
  (globalThis as unknown as { roadieDb?: Db }).roadieDb = testDb.db;
}

/**
 * Creates a user through the same code an administrator's "add user" runs, signs them in
 * through better-auth's email-and-password endpoint, and creates an API token for them.
 */
export async function createUser(
  db: Db,
  options: { role?: Actor["role"]; email?: string; name?: string } = {},
): Promise<TestUser> {
  const role = options.role ?? "member";
  const suffix = randomBytes(4).toString("hex");
  const email = (options.email ?? `${role}-${suffix}@example.test`).toLowerCase();
  const name = options.name ?? `Test ${role} ${suffix}`;
  const password = `pw-${randomBytes(12).toString("base64url")}`;

  const { user } = await createAccount(db, { name, email, role, password, invite: false });
  const signedIn = await getAuth(db).api.signInEmail({
    body: { email, password },
    returnHeaders: true,
  });
  const { secret } = await createApiToken(db, user.id, "test token");
  const actor: Actor = { userId: user.id, email, name, role, via: "session" };

  return {
    user: { id: user.id, email, name, role },
    password,
    token: secret,
    cookieHeader: cookieHeaderFrom(signedIn.headers),
    actor,
  };
}

/** How a test request authenticates. */
export type TestAuth = { as: TestUser; via: "cookie" | "token" } | null;

/**
 * A Request for a route handler, authenticated as a test user. Cookie requests are sent like
 * the app's own pages send them (same-origin fetch metadata), so CSRF checks pass.
 */
export function testRequest(
  path: string,
  auth: TestAuth,
  init: { method?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {},
): Request {
  const headers = new Headers(init.headers);
  if (auth?.via === "token") headers.set("authorization", `Bearer ${auth.as.token}`);
  if (auth?.via === "cookie") {
    headers.set("cookie", auth.as.cookieHeader);
    if (!headers.has("origin")) headers.set("origin", new URL(config().APP_URL).origin);
    if (!headers.has("sec-fetch-site")) headers.set("sec-fetch-site", "same-origin");
  }
  let body = init.body;
  if (init.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(init.json);
  }

  return new Request(new URL(path, config().APP_URL), {
    method: init.method ?? "GET",
    headers,
    body,
  });
}

/** The second argument Next passes to a route handler, for calling handlers in tests. */
export function routeArgs<P extends object>(params: P): { params: Promise<P> } {
  return { params: Promise.resolve(params) };
}
