// The library's rows of the authorization matrix (lib/auth/authorization-matrix-routes.ts).
// Artists, videos and playlists are shared by every signed-in user; deleting an artist is for
// administrators. Imports are their creator's: another member's answers 404. Jobs an enrichment
// or an import creates are the caller's, and no answer names another user's job or import.
import { randomUUID } from "node:crypto";

import { expect } from "vitest";

import * as importsRoute from "@/app/api/imports/route";
import * as enrichRoute from "@/app/api/jobs/enrich-metadata/route";
import * as jobsRoute from "@/app/api/jobs/route";

import { routeArgs, testRequest } from "../testing/users";
import type { RouteCase, Who, World } from "./authorization-matrix-routes";

type Owner = Exclude<Who, "anonymous">;
type Params = Record<string, unknown>;

/** The table's status helpers, handed in so this file needs nothing of the table at runtime. */
export interface Statuses {
  signedIn: (status: number) => RouteCase["expect"];
  adminOnly: (status: number) => RouteCase["expect"];
  ownedByA: (status: number) => RouteCase["expect"];
}

const byToken = (world: World, who: Owner) => ({ as: world.users[who], via: "token" as const });
const userIdOf = (world: World, who: Who) => world.users[who as Owner].user.id;

/** Records ids as a member's, so the matrix fails any other member's answer naming them. */
function own(world: World, who: Who, ...ids: string[]) {
  if (who === "memberA" || who === "memberB") for (const id of ids) world.ownedIds[who].add(id);
}

async function newArtist(world: World): Promise<string> {
  return (await world.db.artist.create({ data: { name: `matrix-${randomUUID()}` } })).id;
}

async function jobOwner(world: World, id: string): Promise<string> {
  return (await world.db.job.findUniqueOrThrow({ where: { id } })).createdById;
}

// Every route handler has this one shape.
type Handler = typeof jobsRoute.POST;
type JobBody = { job: { id: string } };
type EnrichBody = { jobs: { id: string }[] };
type ImportBody = { import: { id: string; jobId: string }; job: { id: string } };

/** POSTs json as `who` (by token) to a route handler and answers the parsed body. */
async function postAs<T>(world: World, who: Owner, handler: Handler, path: string, json: unknown) {
  const request = testRequest(path, byToken(world, who), { method: "POST", json });

  return (await (await handler(request, routeArgs({}))).json()) as T;
}

/** An enrichment job about the artist, enqueued by `who` through POST /api/jobs. */
async function enrichmentBy(world: World, who: Owner, artistId: string): Promise<string> {
  const json = { type: "metadata_enrichment", payload: { artistId } };
  const { job } = await postAs<JobBody>(world, who, jobsRoute.POST, "/api/jobs", json);
  own(world, who, job.id);

  return job.id;
}

/** Member A's live enrichment of the artist, through POST /api/jobs/enrich-metadata. */
async function liveEnrichmentOfA(world: World, artistId: string): Promise<string> {
  const path = "/api/jobs/enrich-metadata";
  const { jobs } = await postAs<EnrichBody>(world, "memberA", enrichRoute.POST, path, { artistId });
  own(world, "memberA", jobs[0]!.id);

  return jobs[0]!.id;
}

/** An import by `who` through POST /api/imports; it and its job are theirs. */
async function importBy(world: World, who: Owner): Promise<string> {
  const json = { format: "text", text: `matrix-${randomUUID()}` };
  const body = await postAs<ImportBody>(world, who, importsRoute.POST, "/api/imports", json);
  own(world, who, body.import.id, body.job.id);

  return body.import.id;
}

/** One thing each of A, B and the admin own, in params under their names. */
async function oneEach(make: (who: Owner) => Promise<string>): Promise<Params> {
  const owners = ["memberA", "memberB", "admin"] as const;

  return Object.fromEntries(await Promise.all(owners.map(async (who) => [who, await make(who)])));
}

/** A member's answer names their own thing and not the admin's; an admin's names all three. */
function seesOwnOnly(who: Who, text: string, p: Params) {
  const mine = who === "admin" ? [p.memberA, p.memberB, p.admin] : [p[who]];
  for (const id of mine) expect(text).toContain(String(id));
  if (who !== "admin") expect(text).not.toContain(String(p.admin));
}

/** The enrichment an artist route enqueued is the caller's. */
async function jobIsCallers(who: Who, text: string, world: World) {
  const { jobId } = JSON.parse(text) as { jobId: string };
  expect(await jobOwner(world, jobId)).toBe(userIdOf(world, who));
  own(world, who, jobId);
}

function artistRows(s: Statuses): RouteCase[] {
  const withArtist = async (w: World) => ({ params: { id: await newArtist(w) } });
  const artistPath = (p: Params) => `/api/artists/${String(p.id)}`;

  return [
    {
      route: "artists",
      method: "GET",
      path: (p) => `/api/artists?q=${String(p.name)}`,
      prepare: async (w) => {
        const artist = await w.db.artist.create({ data: { name: `matrix-${randomUUID()}` } });
        return { params: { id: artist.id, name: artist.name } };
      },
      expect: s.signedIn(200),
      check: (_who, text, _w, p) => expect(text).toContain(String(p.id)),
    },
    {
      route: "artists/[id]",
      method: "GET",
      path: artistPath,
      // Three users' enrichments of one shared artist: each sees the artist, and only their jobs.
      prepare: async (w) => {
        const id = await newArtist(w);
        return { params: { id, ...(await oneEach((who) => enrichmentBy(w, who, id))) } };
      },
      expect: s.signedIn(200),
      check: (who, text, _w, p) => seesOwnOnly(who, text, p),
    },
    {
      route: "artists/[id]",
      method: "PATCH",
      path: artistPath,
      prepare: withArtist,
      body: () => ({ fields: { bio: "Edited in the matrix." } }),
      expect: s.signedIn(200),
      check: (_who, text) => expect(text).toContain("Edited in the matrix."),
    },
    {
      route: "artists/[id]",
      method: "DELETE",
      path: artistPath,
      prepare: withArtist,
      expect: s.adminOnly(204),
      check: async (_who, _text, w, p) =>
        expect(await w.db.artist.count({ where: { id: String(p.id) } })).toBe(0),
    },
    {
      route: "artists/[id]/resolve",
      method: "POST",
      path: (p) => `${artistPath(p)}/resolve`,
      prepare: withArtist,
      body: (_w, unique) => ({ mbid: unique }),
      expect: s.signedIn(202),
      check: jobIsCallers,
    },
    {
      route: "artists/[id]/resolve",
      method: "POST",
      path: (p) => `${artistPath(p)}/resolve`,
      // Member A's enrichment is live: the pick joins it, and only A or an admin learns its id.
      prepare: async (w) => {
        const id = await newArtist(w);
        return { params: { id, live: await liveEnrichmentOfA(w, id) } };
      },
      body: (_w, unique) => ({ mbid: unique }),
      expect: s.signedIn(202),
      check: (who, text, _w, p) =>
        expect(JSON.parse(text)).toEqual({
          jobId: who === "memberB" ? null : p.live,
          deduplicated: true,
        }),
    },
    {
      // Last of the library rows: it enqueues an enrichment for every artist made before.
      route: "artists/enrich-missing",
      method: "POST",
      path: () => "/api/artists/enrich-missing",
      prepare: withArtist,
      expect: s.signedIn(202),
      check: async (who, text, w, p) => {
        expect((JSON.parse(text) as { enqueued: number }).enqueued).toBeGreaterThan(0);
        const job = await w.db.job.findFirstOrThrow({
          where: { artistId: String(p.id), type: "metadata_enrichment" },
        });
        expect(job.createdById).toBe(userIdOf(w, who));
        own(w, who, job.id);
      },
    },
  ];
}

function importRows(s: Statuses): RouteCase[] {
  const importPath = (p: Params) => `/api/imports/${String(p.id)}`;

  return [
    {
      route: "imports",
      method: "POST",
      path: () => "/api/imports",
      body: (_w, unique) => ({ format: "text", text: `matrix-${unique}` }),
      expect: s.signedIn(202),
      check: async (who, text, w) => {
        const body = JSON.parse(text) as ImportBody;
        expect(body.import.jobId).toBe(body.job.id);
        expect(await jobOwner(w, body.job.id)).toBe(userIdOf(w, who));
        const record = await w.db.artistImport.findUniqueOrThrow({ where: { id: body.import.id } });
        expect(record.createdById).toBe(userIdOf(w, who));
        own(w, who, body.import.id, body.job.id);
      },
    },
    {
      route: "imports",
      method: "GET",
      path: () => "/api/imports",
      prepare: async (w) => ({ params: await oneEach((who) => importBy(w, who)) }),
      expect: s.signedIn(200),
      check: (who, text, _w, p) => seesOwnOnly(who, text, p),
    },
    {
      route: "imports/[id]",
      method: "GET",
      path: importPath,
      prepare: async (w) => ({ params: { id: await importBy(w, "memberA") } }),
      expect: s.ownedByA(200),
      check: (_who, text, _w, p) => expect(text).toContain(String(p.id)),
    },
    {
      route: "imports/[id]",
      method: "GET",
      path: importPath,
      prepare: async (w) => ({ params: { id: await importBy(w, "admin") } }),
      expect: { anonymous: 401, memberA: 404, memberB: 404, admin: 200 },
    },
  ];
}

type Named = { id: string; name: string };

/**
 * A shared collection's rows: list and create, then the item methods. Every signed-in user may
 * do all of them, on anyone's video or playlist.
 */
function sharedRows(
  s: Statuses,
  base: "videos" | "playlists",
  make: (w: World) => Promise<Named>,
  bodies: { create: (name: string) => unknown; patch: unknown },
  itemMethods: ("GET" | "PATCH" | "DELETE")[],
): RouteCase[] {
  const prepare = async (w: World) => ({ params: await make(w) });
  const names = (_who: Who, text: string, _w: World, p: Params) =>
    expect(text).toContain(String(p.id));
  const ok = { GET: 200, PATCH: 200, DELETE: 204 } as const;

  return [
    {
      route: base,
      method: "GET",
      path: (p) => `/api/${base}?q=${String(p.name)}`,
      prepare,
      expect: s.signedIn(200),
      check: names,
    },
    {
      route: base,
      method: "POST",
      path: () => `/api/${base}`,
      body: (_w, unique) => bodies.create(`matrix-${unique}`),
      expect: s.signedIn(201),
    },
    ...itemMethods.map((method): RouteCase => ({
      route: `${base}/[id]`,
      method,
      path: (p) => `/api/${base}/${String(p.id)}`,
      prepare,
      ...(method === "PATCH" ? { body: () => bodies.patch } : {}),
      expect: s.signedIn(ok[method]),
      ...(method === "DELETE" ? {} : { check: names }),
    })),
  ];
}

function videoAndPlaylistRows(s: Statuses): RouteCase[] {
  const video = async (w: World): Promise<Named> => {
    const made = await w.db.video.create({ data: { title: `matrix-${randomUUID()}` } });
    return { id: made.id, name: made.title };
  };
  const playlist = (w: World): Promise<Named> =>
    w.db.playlist.create({ data: { name: `matrix-${randomUUID()}` } });

  const videoBodies = { create: (title: string) => ({ title }), patch: { year: 1999 } };
  const playlistBodies = { create: (name: string) => ({ name }), patch: { name: "Renamed" } };

  return [
    ...sharedRows(s, "videos", video, videoBodies, ["PATCH", "DELETE"]),
    ...sharedRows(s, "playlists", playlist, playlistBodies, ["GET", "PATCH", "DELETE"]),
  ];
}

/** Every library route's rows; enrich-missing comes last (it enqueues for every artist). */
export function libraryRoutes(s: Statuses): RouteCase[] {
  return [...importRows(s), ...videoAndPlaylistRows(s), ...artistRows(s)];
}
