// The table of lib/auth/authorization-matrix.itest.ts: one row per route and method (more rows
// for a route are fine). Expected statuses are for anonymous, member A, member B and an admin;
// `expectByToken` overrides them when the caller authenticates with an API token.
import { randomUUID } from "node:crypto";

import { expect } from "vitest";

import * as cancelRoute from "@/app/api/jobs/[id]/cancel/route";
import * as jobsRoute from "@/app/api/jobs/route";

import type { Db } from "../db/client";
import { createApiToken } from "./api-tokens";
import { routeArgs, type TestUser, testRequest } from "../testing/users";
import { libraryRoutes } from "./authorization-matrix-library-routes";

export type Who = "anonymous" | "memberA" | "memberB" | "admin";
type Member = "memberA" | "memberB";
type Expected = number | number[];

export interface World {
  db: Db;
  users: Record<Exclude<Who, "anonymous">, TestUser>;
  /** Ids of each member's jobs and imports: nobody else but an admin may ever see them. */
  ownedIds: Record<Member, Set<string>>;
}

export interface RouteCase {
  /** The folder under app/api holding route.ts, as written on disk. */
  route: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: (params: Record<string, unknown>) => string;
  prepare?: (world: World) => Promise<{ params: Record<string, unknown> }>;
  body?: (world: World, unique: string, params: Record<string, unknown>) => unknown;
  rawBody?: (world: World) => string;
  headers?: Record<string, string>;
  expect: Record<Who, Expected>;
  expectByToken?: Partial<Record<Who, Expected>>;
  /** Runs on a 2xx answer to a signed-in caller, with the body text and the prepared params. */
  check?: (
    who: Who,
    text: string,
    world: World,
    params: Record<string, unknown>,
  ) => void | Promise<void>;
}

const open = (status: Expected): Record<Who, Expected> => ({
  anonymous: status,
  memberA: status,
  memberB: status,
  admin: status,
});
const signedIn = (status: Expected): Record<Who, Expected> => ({
  anonymous: 401,
  memberA: status,
  memberB: status,
  admin: status,
});
const adminOnly = (status: Expected): Record<Who, Expected> => ({
  anonymous: 401,
  memberA: 403,
  memberB: 403,
  admin: status,
});
/** For a resource of member A's: B must not learn it exists. */
const ownedByA = (status: Expected): Record<Who, Expected> => ({
  anonymous: 401,
  memberA: status,
  memberB: 404,
  admin: status,
});

/** Enqueues a job as a member through the real route and remembers whose it is. */
async function jobOf(world: World, member: Member): Promise<string> {
  const body = { type: "thumbnail_generation", payload: { videoId: randomUUID() } };
  const request = testRequest(
    "/api/jobs",
    { as: world.users[member], via: "token" },
    { method: "POST", json: body },
  );
  const response = await jobsRoute.POST(request, routeArgs({}));
  const { job } = (await response.json()) as { job: { id: string } };
  world.ownedIds[member].add(job.id);

  return job.id;
}

/** Remembers the job ids in a member's 2xx answer as theirs. */
function rememberJobs(who: Who, text: string, world: World) {
  if (who !== "memberA" && who !== "memberB") return;
  for (const match of text.matchAll(/"id":"([0-9a-f-]{36})"/g)) world.ownedIds[who].add(match[1]!);
}

const jobRoutes: RouteCase[] = [
  {
    route: "jobs",
    method: "GET",
    path: () => "/api/jobs",
    prepare: async (w) => ({
      params: { a: await jobOf(w, "memberA"), b: await jobOf(w, "memberB") },
    }),
    expect: signedIn(200),
    check: (who, text, w) => {
      if (who === "admin")
        for (const m of ["memberA", "memberB"] as const)
          expect(text).toContain([...w.ownedIds[m]][0]);
    },
  },
  {
    route: "jobs",
    method: "GET",
    path: (p) => `/api/jobs?createdBy=${String(p.a)}`,
    prepare: async (w) => ({ params: { a: w.users.memberA.user.id } }),
    expect: signedIn(200),
  },
  {
    route: "jobs",
    method: "POST",
    path: () => "/api/jobs",
    body: () => ({ type: "thumbnail_generation", payload: { videoId: randomUUID() } }),
    expect: signedIn(202),
    check: rememberJobs,
  },
  { route: "jobs/stats", method: "GET", path: () => "/api/jobs/stats", expect: signedIn(200) },
  {
    route: "jobs/[id]",
    method: "GET",
    path: (p) => `/api/jobs/${String(p.id)}`,
    prepare: async (w) => ({ params: { id: await jobOf(w, "memberA") } }),
    expect: ownedByA(200),
  },
  {
    route: "jobs/[id]",
    method: "PATCH",
    path: (p) => `/api/jobs/${String(p.id)}`,
    prepare: async (w) => ({ params: { id: await jobOf(w, "memberA") } }),
    body: () => ({ priority: "high" }),
    expect: ownedByA(200),
  },
  {
    route: "jobs/[id]/cancel",
    method: "POST",
    path: (p) => `/api/jobs/${String(p.id)}/cancel`,
    prepare: async (w) => ({ params: { id: await jobOf(w, "memberA") } }),
    expect: ownedByA(200),
  },
  {
    route: "jobs/[id]/retry",
    method: "POST",
    path: (p) => `/api/jobs/${String(p.id)}/retry`,
    prepare: async (w) => {
      const id = await jobOf(w, "memberA");
      const cancel = testRequest(
        `/api/jobs/${id}/cancel`,
        { as: w.users.memberA, via: "token" },
        { method: "POST" },
      );
      await cancelRoute.POST(cancel, routeArgs({ id }));

      return { params: { id } };
    },
    expect: { anonymous: 401, memberA: 202, memberB: 404, admin: 202 },
  },
  {
    route: "jobs/enrich-metadata",
    method: "POST",
    path: () => "/api/jobs/enrich-metadata",
    prepare: async (w) => ({
      params: { artistId: (await w.db.artist.create({ data: { name: "Matrix" } })).id },
    }),
    body: (_w, _u, p) => ({ artistId: p.artistId }),
    expect: signedIn(202),
    check: rememberJobs,
  },
];

const accountRoutes: RouteCase[] = [
  {
    route: "auth/[...all]",
    method: "GET",
    path: () => "/api/auth/get-session",
    expect: open(200),
    check: (who, text, w) => {
      if (who !== "anonymous" && text !== "null") expect(text).toContain(w.users[who].user.email);
    },
  },
  {
    route: "auth/[...all]",
    method: "POST",
    path: () => "/api/auth/sign-in/email",
    body: () => ({ email: "nobody@example.test", password: "not a password" }),
    expect: open(401),
  },
  {
    route: "auth/setup",
    method: "POST",
    path: () => "/api/auth/setup",
    body: (_w, u) => ({
      name: "Late",
      email: `late-${u}@example.test`,
      password: "a long password",
    }),
    expect: open(409),
  },
  {
    route: "auth/invite",
    method: "POST",
    path: () => "/api/auth/invite",
    body: () => ({ token: "x".repeat(43), password: "a long password" }),
    expect: open(404),
  },
  { route: "auth/demo", method: "GET", path: () => "/api/auth/demo", expect: open(404) },
  { route: "users", method: "GET", path: () => "/api/users", expect: adminOnly(200) },
  {
    route: "users",
    method: "POST",
    path: () => "/api/users",
    body: (_w, u) => ({ name: "New", email: `new-${u}@example.test`, password: "a long password" }),
    expect: adminOnly(201),
  },
  {
    route: "users/[id]",
    method: "PATCH",
    path: (p) => `/api/users/${String(p.id)}`,
    prepare: async (w) => ({ params: { id: w.users.memberA.user.id } }),
    body: () => ({ role: "member" }),
    expect: adminOnly(200),
  },
  { route: "tokens", method: "GET", path: () => "/api/tokens", expect: signedIn(200) },
  {
    route: "tokens",
    method: "POST",
    path: () => "/api/tokens",
    body: () => ({ name: "matrix" }),
    expect: signedIn(201),
    expectByToken: { memberA: 403, memberB: 403, admin: 403 },
  },
  {
    route: "tokens/[id]",
    method: "DELETE",
    path: (p) => `/api/tokens/${String(p.id)}`,
    prepare: async (w) => ({
      params: { id: (await createApiToken(w.db, w.users.memberA.user.id, "m")).token.id },
    }),
    expect: { anonymous: 401, memberA: 204, memberB: 404, admin: 404 },
  },
  {
    route: "realtime/auth",
    method: "POST",
    path: () => "/api/realtime/auth",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    rawBody: (w) => `socket_id=1.2&channel_name=private-user-${w.users.memberA.user.id}`,
    expect: { anonymous: 401, memberA: 200, memberB: 403, admin: 200 },
  },
];

const platformRoutes: RouteCase[] = [
  // 503 when Soketi is not running beside the tests; the body names no user either way.
  { route: "health", method: "GET", path: () => "/api/health", expect: open([200, 503]) },
  {
    route: "bench/bare-send",
    method: "POST",
    path: () => "/api/bench/bare-send",
    expect: open(404),
  },
  // Paths no route claims: 404 in the error shape for everyone, signed in or not.
  ...(["GET", "POST", "PUT", "PATCH", "DELETE"] as const).map((method): RouteCase => ({
    route: "[...path]",
    method,
    path: () => "/api/no-such-route",
    expect: open(404),
  })),
];

/** Every route under app/api. Add a row here for each new route file or method. */
export const ROUTES: RouteCase[] = [
  ...accountRoutes,
  ...jobRoutes,
  ...platformRoutes,
  // Last: enrich-missing enqueues for every artist the rows before made.
  ...libraryRoutes({ signedIn, adminOnly, ownedByA }),
];
