import { afterAll, beforeAll, describe, expect, it } from "vitest";

import * as tokenRoute from "@/app/api/tokens/[id]/route";
import * as tokensRoute from "@/app/api/tokens/route";

import { createTestDatabase, type TestDatabase } from "../testing/database";
import {
  bindAppToDatabase,
  createUser,
  routeArgs,
  type TestUser,
  testRequest,
} from "../testing/users";
import { RATE_LIMITS } from "./rate-limit";

const none = routeArgs({});

describe("personal API tokens and cross-site protection", () => {
  let testDb: TestDatabase;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    bindAppToDatabase(testDb);
    alice = await createUser(testDb.db);
    bob = await createUser(testDb.db);
  });
  afterAll(async () => testDb.drop());

  const create = (user: TestUser, name: string, headers: Record<string, string> = {}) =>
    tokensRoute.POST(
      testRequest(
        "/api/tokens",
        { as: user, via: "cookie" },
        { method: "POST", json: { name }, headers },
      ),
      none,
    );
  const list = (user: TestUser, bearer: string) =>
    tokensRoute.GET(
      testRequest("/api/tokens", null, { headers: { authorization: `Bearer ${bearer}` } }),
      none,
    );

  it("creates, lists with last use, and revokes; the secret is shown once and stored hashed", async () => {
    const res = await create(alice, "backup script");
    expect(res.status).toBe(201);
    const { token, secret } = (await res.json()) as { token: { id: string }; secret: string };
    expect(secret).toMatch(/^rdt_/);
    const row = await testDb.db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).not.toContain(secret);
    expect(row.lastUsedAt).toBeNull();

    const used = await list(alice, secret);
    expect(used.status).toBe(200);
    const body = JSON.stringify(await used.json());
    expect(body).not.toContain(secret);
    expect(body).not.toContain(row.tokenHash);
    const after = await testDb.db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(after.lastUsedAt).not.toBeNull();

    const revoke = testRequest(
      `/api/tokens/${token.id}`,
      { as: alice, via: "cookie" },
      { method: "DELETE" },
    );
    expect((await tokenRoute.DELETE(revoke, routeArgs({ id: token.id }))).status).toBe(204);
    expect((await list(alice, secret)).status).toBe(401);
  });

  it("answers 404 for another user's token and leaves it working", async () => {
    const revoke = testRequest(`/api/tokens/x`, { as: bob, via: "cookie" }, { method: "DELETE" });
    const aliceTokenId = (
      await testDb.db.apiToken.findFirstOrThrow({ where: { userId: alice.user.id } })
    ).id;
    expect((await tokenRoute.DELETE(revoke, routeArgs({ id: aliceTokenId }))).status).toBe(404);
    expect((await list(alice, alice.token)).status).toBe(200);
  });

  it("does not let a token mint tokens, and a bad bearer is not rescued by a cookie", async () => {
    const viaToken = testRequest(
      "/api/tokens",
      { as: alice, via: "token" },
      { method: "POST", json: { name: "x" } },
    );
    expect((await tokensRoute.POST(viaToken, none)).status).toBe(403);

    const mixed = testRequest(
      "/api/tokens",
      { as: alice, via: "cookie" },
      {
        headers: { authorization: "Bearer rdt_not-a-real-token" },
      },
    );
    expect((await tokensRoute.GET(mixed, none)).status).toBe(401);
  });

  it("refuses cross-site cookie writes, allows same-origin ones and bearer ones", async () => {
    const crossSite = await create(alice, "csrf", {
      origin: "https://evil.example",
      "sec-fetch-site": "cross-site",
    });
    expect(crossSite.status).toBe(403);
    const noMetadata = tokensRoute.POST(
      new Request("http://localhost:3000/api/tokens", {
        method: "POST",
        headers: { cookie: alice.cookieHeader, "content-type": "application/json" },
        body: JSON.stringify({ name: "no origin" }),
      }),
      none,
    );
    expect((await noMetadata).status).toBe(403);
    const badOrigin = await create(alice, "csrf", {
      origin: "https://evil.example",
      "sec-fetch-site": "",
    });
    expect(badOrigin.status).toBe(403);
    expect((await create(alice, "same origin")).status).toBe(201);

    const { id } = await testDb.db.apiToken.findFirstOrThrow({
      where: { userId: alice.user.id, name: "same origin" },
    });
    const bearerDelete = testRequest(
      `/api/tokens/${id}`,
      { as: alice, via: "token" },
      {
        method: "DELETE",
        headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      },
    );
    expect((await tokenRoute.DELETE(bearerDelete, routeArgs({ id }))).status).toBe(204);
  });

  it("limits token endpoints per account with 429 and Retry-After", async () => {
    const carol = await createUser(testDb.db);
    const { max } = RATE_LIMITS.tokens.account;
    for (let i = 0; i < max; i++) expect((await list(carol, carol.token)).status).toBe(200);

    const blocked = await list(carol, carol.token);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await list(alice, alice.token)).status).toBe(200);
  });
});
