import { afterAll, beforeAll, describe, expect, it } from "vitest";

import * as authRoute from "@/app/api/auth/[...all]/route";
import * as setupRoute from "@/app/api/auth/setup/route";
import * as tokensRoute from "@/app/api/tokens/route";
import * as userRoute from "@/app/api/users/[id]/route";

import { createTestDatabase, type TestDatabase } from "../testing/database";
import {
  bindAppToDatabase,
  createUser,
  routeArgs,
  TEST_ORIGIN,
  testRequest,
} from "../testing/users";
import { getAuth } from "./auth";
import { RATE_LIMITS } from "./rate-limit";
import { cookieHeaderFrom } from "./sessions";

const none = routeArgs({});
const authArgs = routeArgs({ all: [] as string[] });
const admin = {
  name: "First Admin",
  email: "Admin@Example.test",
  password: "correct horse battery",
};

function post(path: string, json: unknown, headers: Record<string, string> = {}) {
  return new Request(`${TEST_ORIGIN}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: TEST_ORIGIN, ...headers },
    body: JSON.stringify(json),
  });
}

const getTokens = (headers: Record<string, string>) =>
  tokensRoute.GET(new Request(`${TEST_ORIGIN}/api/tokens`, { headers }), none);

const signIn = (email: string, password: string, address = "127.0.0.1") =>
  authRoute.POST(
    post("/api/auth/sign-in/email", { email, password }, { "x-forwarded-for": address }),
    authArgs,
  );

describe("first-run setup, sign-in and sign-out", () => {
  let testDb: TestDatabase;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    bindAppToDatabase(testDb);
  });
  afterAll(async () => testDb.drop());

  it("creates the first administrator once, signed in, with a secure-by-default cookie", async () => {
    const res = await setupRoute.POST(post("/api/auth/setup", admin), none);
    expect(res.status).toBe(201);
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("roadie.session_token="));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // APP_URL is http in tests
    expect((await getTokens({ cookie: cookieHeaderFrom(res.headers) })).status).toBe(200);

    const again = await setupRoute.POST(
      post("/api/auth/setup", { ...admin, email: "b@example.test" }),
      none,
    );
    expect(again.status).toBe(409);
    expect(await testDb.db.user.count()).toBe(1);
  });

  it("refuses public sign-up", async () => {
    const body = { name: "Eve", email: "eve@example.test", password: "a long password" };
    const res = await authRoute.POST(post("/api/auth/sign-up/email", body), authArgs);

    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await testDb.db.user.findUnique({ where: { email: "eve@example.test" } })).toBeNull();
  });

  it("signs in with email and password, and signing out ends the session", async () => {
    const res = await signIn(admin.email, admin.password);
    expect(res.status).toBe(200);
    const cookie = cookieHeaderFrom(res.headers);
    expect((await getTokens({ cookie })).status).toBe(200);

    const out = await authRoute.POST(post("/api/auth/sign-out", {}, { cookie }), authArgs);
    expect(out.status).toBe(200);
    expect((await getTokens({ cookie })).status).toBe(401);
  });

  it("takes sign-in and sign-out from http://127.0.0.1:3000 while APP_URL is localhost", async () => {
    expect(process.env.APP_URL).toBe("http://localhost:3000");
    const loopback = { origin: "http://127.0.0.1:3000", "x-forwarded-for": "127.0.0.3" };
    const credentials = { email: admin.email, password: admin.password };
    // Behind Next, request.url carries APP_URL's host whatever name the browser used.
    const fresh = await authRoute.POST(
      post("/api/auth/sign-in/email", credentials, loopback),
      authArgs,
    );
    expect(fresh.status).toBe(200);
    // better-auth checks the Origin only when the request carries cookies: a browser coming
    // back with an old session cookie still in its jar.
    const stale = { ...loopback, cookie: "roadie.session_token=expired.session" };
    const res = await authRoute.POST(post("/api/auth/sign-in/email", credentials, stale), authArgs);
    expect(res.status).toBe(200);
    const cookie = cookieHeaderFrom(res.headers);
    expect((await getTokens({ cookie })).status).toBe(200);

    const out = await authRoute.POST(
      post("/api/auth/sign-out", {}, { ...loopback, cookie }),
      authArgs,
    );
    expect(out.status).toBe(200);
    expect((await getTokens({ cookie })).status).toBe(401);
  });

  it("still refuses sign-in and sign-out sent from another site", async () => {
    const evil = { origin: "http://evil.example", "x-forwarded-for": "127.0.0.4" };
    const credentials = { email: admin.email, password: admin.password };
    for (const headers of [evil, { ...evil, cookie: "roadie.session_token=expired.session" }]) {
      const res = await authRoute.POST(
        post("/api/auth/sign-in/email", credentials, headers),
        authArgs,
      );
      expect(res.status).toBe(403);
      expect(cookieHeaderFrom(res.headers)).toBe("");
    }

    const signedIn = await signIn(admin.email, admin.password, "127.0.0.4");
    const cookie = cookieHeaderFrom(signedIn.headers);
    const out = await authRoute.POST(post("/api/auth/sign-out", {}, { ...evil, cookie }), authArgs);
    expect(out.status).toBe(403);
    expect((await getTokens({ cookie })).status).toBe(200);
  });

  it("has better-auth itself trust the loopback aliases and nothing else", async () => {
    // Straight to better-auth, without Roadie's own cross-site check in front of it.
    const attempt = (origin: string) =>
      getAuth().handler(
        post(
          "/api/auth/sign-in/email",
          { email: admin.email, password: admin.password },
          { origin, cookie: "roadie.session_token=expired.session" },
        ),
      );
    expect((await attempt("http://127.0.0.1:3000")).status).toBe(200);
    expect((await attempt("http://[::1]:3000")).status).toBe(200);
    expect((await attempt("http://127.0.0.1:3001")).status).toBe(403);
    expect((await attempt("http://evil.example")).status).toBe(403);
  });

  it("answers 401 for a wrong password and for a forged cookie", async () => {
    expect((await signIn(admin.email, "not the password")).status).toBe(401);
    expect((await getTokens({ cookie: "roadie.session_token=abc.def" })).status).toBe(401);
  });

  it("rejects a disabled user's sign-in, session and token", async () => {
    const boss = await createUser(testDb.db, { role: "admin" });
    const member = await createUser(testDb.db);
    const disable = testRequest(
      `/api/users/${member.user.id}`,
      { as: boss, via: "cookie" },
      {
        method: "PATCH",
        json: { disabled: true },
      },
    );
    expect((await userRoute.PATCH(disable, routeArgs({ id: member.user.id }))).status).toBe(200);

    expect((await getTokens({ cookie: member.cookieHeader })).status).toBe(401);
    expect((await getTokens({ authorization: `Bearer ${member.token}` })).status).toBe(401);
    const again = await signIn(member.user.email, member.password, "127.0.0.2");
    expect(again.status).toBe(403);
  });

  it("limits failed sign-ins per account with 429 and Retry-After, from any address", async () => {
    const victim = await createUser(testDb.db);
    const { max } = RATE_LIMITS["sign-in"].account;
    for (let i = 0; i < max; i++) {
      expect((await signIn(victim.user.email, "wrong password", `10.1.0.${i}`)).status).toBe(401);
    }

    const blocked = await signIn(victim.user.email, victim.password, "10.1.1.1");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await blocked.json()).toMatchObject({ error: { code: "rate_limited" } });
  });

  it("limits sign-in attempts per address", async () => {
    const { max } = RATE_LIMITS["sign-in"].address;
    for (let i = 0; i < max; i++)
      await signIn(`nobody${i}@example.test`, "whatever pw", "192.0.2.7");

    const blocked = await signIn(admin.email, admin.password, "192.0.2.7");
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await signIn(admin.email, admin.password, "192.0.2.8")).status).toBe(200);
  });
});
