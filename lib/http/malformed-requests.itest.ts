// Property test: every route under app/api, called with generated malformed requests (wrong
// types, missing fields, huge and hostile strings, deep JSON, wrong content types, invalid ids)
// by signed-in and anonymous callers, answers no 5xx, answers errors in the one error shape, and
// writes no row when it rejects. MALFORMED_RUNS sets the requests per route file (default 1000).

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { resetConfigForTests } from "../config";
import { jobServices } from "../jobs/job-services";
import { logger } from "../logger";
import { startRunnerBoss } from "../jobs/jobs-test-kit";
import { HTTP_METHODS, loadRouteModule, routeFiles } from "../testing/api-routes";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import {
  bodies,
  callers,
  catchAll,
  contentTypes,
  params,
  queries,
} from "../testing/malformed-generators";
import { bindAppToDatabase, createUser, TEST_ORIGIN, type TestUser } from "../testing/users";

const RUNS = Number(process.env.MALFORMED_RUNS ?? 1000);
// Counts attempts by design, rejected ones included: that is what a rate limit is.
const WRITE_EXEMPT = new Set(["rate_limit", "_prisma_migrations"]);

type Handler = (request: Request, args: { params: Promise<object> }) => Promise<Response>;
interface RouteFile {
  route: string;
  handlers: Partial<Record<(typeof HTTP_METHODS)[number], Handler>>;
}

// ---------- requests ----------

interface Generated {
  method: string;
  param: string;
  segments: string[];
  query: Record<string, string>;
  contentType: string | undefined;
  body: { kind: "json"; value: unknown } | { kind: "raw"; text: string } | { kind: "none" };
  caller: string;
}

function headersFor(g: Generated, users: { admin: TestUser; member: TestUser }): Headers {
  const headers = new Headers();
  if (g.contentType !== undefined) headers.set("content-type", g.contentType);
  if (g.caller === "admin-token") headers.set("authorization", `Bearer ${users.admin.token}`);
  if (g.caller === "bad-token") headers.set("authorization", "Bearer roadie_not_a_real_token");
  if (g.caller.endsWith("cookie")) {
    const user = g.caller === "admin-cookie" ? users.admin : users.member;
    headers.set("cookie", user.cookieHeader);
    headers.set("origin", TEST_ORIGIN);
    headers.set("sec-fetch-site", "same-origin");
  }

  return headers;
}

// A URL cannot carry a lone surrogate (a browser sends U+FFFD); the handler still gets the raw
// value through its params, as a hostile client could not send but a bug could produce.
const segment = (value: string) =>
  encodeURIComponent(
    value.replace(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      "\uFFFD",
    ),
  );

/** A counterexample short enough to read: long strings cut, with their length. */
function brief(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "string" && v.length > 60 ? `${v.slice(0, 60)}...(${v.length} chars)` : v,
  );

  return text.length > 1500 ? `${text.slice(0, 1500)}...` : text;
}

function requestFor(route: string, g: Generated, users: { admin: TestUser; member: TestUser }) {
  const pathname = route
    .replace("[...all]", g.segments.map(segment).join("/"))
    .replace(/\[[^\]]+\]/g, segment(g.param));
  const url = new URL(`/api/${pathname}`, TEST_ORIGIN);
  for (const [key, value] of Object.entries(g.query)) url.searchParams.set(key, value);
  const body =
    g.method === "GET" || g.body.kind === "none"
      ? undefined
      : g.body.kind === "raw"
        ? g.body.text
        : JSON.stringify(g.body.value);

  return new Request(url, { method: g.method, headers: headersFor(g, users), body });
}

function paramsFor(route: string, g: Generated): object {
  const names = [...route.matchAll(/\[(\.\.\.)?([^\]]+)\]/g)];

  return Object.fromEntries(names.map((m) => [m[2], m[1] ? g.segments : g.param]));
}

// ---------- the checks ----------

function checkShape(route: string, label: string, status: number, text: string) {
  // The health check answers 503 with its component report when something is down (here
  // Soketi, which integration tests do not run): that is its contract, not a failure.
  if (route === "health" && status === 503) {
    expect((JSON.parse(text) as { ok?: unknown }).ok, `${label}: health body`).toBe(false);
    return;
  }
  expect(status, `${label}: 5xx`).toBeLessThan(500);
  if (status < 400) return;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const error = (body as { error?: Record<string, unknown> } | undefined)?.error;
  expect(
    typeof error?.code === "string" && typeof error.message === "string",
    `${label}: ${status} body ${text.slice(0, 200)}`,
  ).toBe(true);
  if (error?.field !== undefined) expect(typeof error.field, `${label}: field`).toBe("string");
}

const ROUTE_FILES = await routeFiles();

async function loadRoute(route: string): Promise<RouteFile> {
  const mod = await loadRouteModule(route);
  const handlers = Object.fromEntries(
    HTTP_METHODS.filter((m) => mod[m]).map((m) => [m, mod[m] as Handler]),
  );

  return { route, handlers };
}

describe("malformed requests", () => {
  let testDb: TestDatabase;
  let users: { admin: TestUser; member: TestUser };
  let countRows: () => Promise<Record<string, number>>;

  beforeAll(async () => {
    // Thousands of rejected requests would each log a warning.
    logger.level = "silent";
    testDb = await createTestDatabase();
    bindAppToDatabase(testDb);
    await (await startRunnerBoss(testDb.url)).stop({ graceful: false });
    Object.assign(process.env, {
      PUSHER_APP_ID: "1",
      PUSHER_KEY: "key",
      PUSHER_SECRET: "secret",
      PUSHER_PORT: "1",
    });
    resetConfigForTests();
    users = {
      admin: await createUser(testDb.db, { role: "admin" }),
      member: await createUser(testDb.db),
    };
    const tables = await testDb.db.$queryRawUnsafe<{ t: string }[]>(
      `SELECT quote_ident(table_name) AS t FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const counted = tables.map((r) => r.t).filter((t) => !WRITE_EXEMPT.has(t.replaceAll('"', "")));
    const sql = `SELECT json_build_object(${[...counted.map((t) => `'${t}', (SELECT count(*) FROM ${t})`), "'pgboss.job', (SELECT count(*) FROM pgboss.job)"].join(", ")}) AS c`;
    countRows = async () =>
      (await testDb.db.$queryRawUnsafe<{ c: Record<string, number> }[]>(sql))[0]!.c;
  }, 60_000);

  afterAll(async () => {
    await (await jobServices()).boss.stop({ graceful: false }).catch(() => {});
    await testDb.drop();
  });

  it("walks every route file under app/api", () => {
    expect(ROUTE_FILES.length).toBeGreaterThan(20);
  });

  // One property per route file, each with its own budget of generated requests.
  it.each(ROUTE_FILES)(
    "/api/%s",
    async (route) => {
      const file = await loadRoute(route);
      const methods = Object.keys(file.handlers);
      const generated = fc.record<Generated>({
        method: fc.constantFrom(...methods),
        param: params,
        segments: catchAll,
        query: queries,
        contentType: contentTypes,
        body: bodies,
        caller: callers,
      });
      let before = await countRows();
      const statuses = new Map<number, number>();
      const result = await fc.check(
        fc.asyncProperty(generated, async (g) => {
          const handler = file.handlers[g.method as keyof RouteFile["handlers"]]!;
          const label = `${g.method} /api/${file.route} as ${g.caller}`;
          const request = requestFor(file.route, g, users);
          const args = { params: Promise.resolve(paramsFor(file.route, g)) };
          const response = await handler(request, args);
          const text = await response.text();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          checkShape(file.route, label, response.status, text);
          const after = await countRows();
          if (response.status >= 400) {
            expect(after, `${label}: ${response.status} wrote rows`).toEqual(before);
          }
          before = after;
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
      if (result.failed) {
        const cause = result.errorInstance instanceof Error ? result.errorInstance.message : "";
        throw new Error(`${cause.slice(0, 1500)}\ncounterexample: ${brief(result.counterexample)}`);
      }
      expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(RUNS);
    },
    600_000,
  );
});
