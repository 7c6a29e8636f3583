// Every route under app/api × {anonymous, member A, member B, admin}, each signed-in caller by
// session cookie and by API token: exact status codes, and no other user's data in any answer.
// A route file or method missing from ROUTES fails the first test, so new routes must be added.
import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { resetConfigForTests } from "../config";
import { jobServices } from "../jobs/job-services";
import { startRunnerBoss } from "../jobs/jobs-test-kit";
import { HTTP_METHODS, loadRouteModule, routeFiles } from "../testing/api-routes";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import {
  bindAppToDatabase,
  createUser,
  routeArgs,
  type TestUser,
  testRequest,
} from "../testing/users";
import { ROUTES, type RouteCase, type World, type Who } from "./authorization-matrix-routes";

const CALLERS: { who: Who; via: "cookie" | "token" }[] = [
  { who: "anonymous", via: "cookie" },
  ...(["memberA", "memberB", "admin"] as const).flatMap((who) =>
    (["cookie", "token"] as const).map((via) => ({ who, via })),
  ),
];

type Handler = (request: Request, args: { params: Promise<object> }) => Promise<Response>;

async function handlerOf(route: string, method: string): Promise<Handler | undefined> {
  const mod = await loadRouteModule(route);

  return mod[method] as Handler | undefined;
}

describe("authorization matrix", () => {
  let testDb: TestDatabase;
  const world = {} as World;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    bindAppToDatabase(testDb);
    // The runner owns the queues; create them as it would, so the jobs routes can enqueue.
    await (await startRunnerBoss(testDb.url)).stop({ graceful: false });
    Object.assign(process.env, { PUSHER_APP_ID: "1", PUSHER_KEY: "key", PUSHER_SECRET: "secret" });
    resetConfigForTests();
    world.db = testDb.db;
    world.users = {
      memberA: await createUser(testDb.db),
      memberB: await createUser(testDb.db),
      admin: await createUser(testDb.db, { role: "admin" }),
    };
    world.ownedIds = { memberA: new Set(), memberB: new Set() };
  });
  afterAll(async () => {
    // The jobs routes started the process's sender pg-boss on this database.
    await (await jobServices()).boss.stop({ graceful: false });
    await testDb.drop();
  });

  it("lists every route file and method under app/api", async () => {
    const exported: string[] = [];
    for (const route of await routeFiles()) {
      for (const method of HTTP_METHODS)
        if (await handlerOf(route, method)) exported.push(`${method} ${route}`);
    }
    const covered = ROUTES.map((r) => `${r.method} ${r.route}`);

    expect(
      exported.filter((key) => !covered.includes(key)),
      "routes missing from the matrix",
    ).toEqual([]);
    expect(
      covered.filter((key) => !exported.includes(key)),
      "matrix rows without a route",
    ).toEqual([]);
  });

  for (const routeCase of ROUTES) {
    it(`${routeCase.method} ${routeCase.route}`, async () => {
      const handler = await handlerOf(routeCase.route, routeCase.method);
      expect(handler, "handler exported").toBeDefined();
      for (const caller of CALLERS) await runCase(handler!, routeCase, caller, world);
    });
  }
});

async function runCase(
  handler: Handler,
  c: RouteCase,
  caller: (typeof CALLERS)[number],
  world: World,
) {
  const user: TestUser | null = caller.who === "anonymous" ? null : world.users[caller.who];
  const prepared = await c.prepare?.(world);
  const params = prepared?.params ?? {};
  const auth = user ? { as: user, via: caller.via } : null;
  const request = testRequest(c.path(params), auth, {
    method: c.method,
    json: c.body?.(world, randomUUID(), params),
    body: c.rawBody?.(world),
    headers: c.headers,
  });
  const response = await handler(request, routeArgs(params));
  const label = `${c.method} ${c.route} as ${caller.who} by ${caller.via}`;
  const expected =
    (caller.via === "token" && c.expectByToken?.[caller.who]) || c.expect[caller.who];
  const allowed = Array.isArray(expected) ? expected : [expected];

  expect(allowed, `${label}: status ${response.status}`).toContain(response.status);
  const text = await response.text();
  for (const secret of leaksFor(caller.who, world)) {
    expect(text.includes(secret), `${label} leaks ${secret}`).toBe(false);
  }
  if (user && response.status < 300) await c.check?.(caller.who, text, world, params);
}

/** What a caller must never see: other members' ids, emails and job ids (admins see all). */
function leaksFor(who: Who, world: World): string[] {
  const others = {
    anonymous: ["memberA", "memberB", "admin"],
    memberA: ["memberB", "admin"],
    memberB: ["memberA", "admin"],
    admin: [],
  }[who] as ("memberA" | "memberB" | "admin")[];

  return others.flatMap((other) => [
    world.users[other].user.id,
    world.users[other].user.email,
    world.users[other].token,
    ...(other === "admin" ? [] : [...world.ownedIds[other]]),
  ]);
}
