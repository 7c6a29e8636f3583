// `npm run demo`: the whole stack against a local provider simulator instead of the real
// MusicBrainz, Last.fm and Spotify, with a sample library that enriches itself once Roadie is up.
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import { isLoopbackHost } from "../../lib/auth/client-address";
import { DEMO_EMAIL } from "../../lib/auth/demo-sign-in";
import { isDisabled } from "../../lib/auth/user-state";
import { createDb, type Db } from "../../lib/db/client";
import { enrichMissing } from "../../lib/library/artist-edits";
import { actorOf } from "../../lib/library/actor-of";
import type { Logger } from "../../lib/logger";
import { REPO_FIXTURES } from "../../lib/providers/test-config";
import { createJobEventSink } from "../../lib/realtime/job-event-publisher";
import { createSenderBoss } from "../../lib/queue/boss";
import { startSimulator, type Simulator } from "../provider-simulator/server";

/** A made-up band name two made-up MusicBrainz artists share, so the demo has one to review. */
const AMBIGUOUS = {
  query: "Harbor Lights",
  artists: [
    {
      id: "4f6d2c1a-8b3e-4a7f-9c2d-1e0b5a6f7d81",
      country: "GB",
      begin: "1998",
      note: "Bristol indie band",
    },
    {
      id: "a2c9e7b5-1d4f-4e3a-8b6c-5f0d9e2a7c14",
      country: "US",
      begin: "1961",
      note: "Ohio gospel choir",
    },
  ],
};

const SAMPLE_VIDEOS = [
  { title: "Paranoid Android", artist: "Radiohead", year: 1997 },
  { title: "Army of Me", artist: "Bjork", year: 1995 },
  { title: "Hoppípolla", artist: "Sigur Ros", year: 2005 },
  { title: "Schism", artist: "Tool", year: 2001 },
];

function mbArtist(a: (typeof AMBIGUOUS.artists)[number], score?: number) {
  return {
    id: a.id,
    ...(score === undefined ? {} : { score }),
    name: AMBIGUOUS.query,
    "sort-name": AMBIGUOUS.query,
    type: "Group",
    country: a.country,
    disambiguation: a.note,
    "life-span": { begin: a.begin, ended: false },
    aliases: [],
    genres: [],
    tags: [],
    relations: [],
  };
}

/**
 * The repo's fixtures plus one name with two equally good MusicBrainz matches, copied into
 * `dir` (replaced on every start). The simulator serves this copy in the demo and the e2e run.
 */
export function prepareDemoFixtures(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  cpSync(REPO_FIXTURES, dir, { recursive: true });
  const search = { created: "2026-12-04T12:00:00.000Z", count: 2, offset: 0 };
  const artists = AMBIGUOUS.artists.map((a) => mbArtist(a, 100));
  writeFileSync(
    path.join(dir, "musicbrainz/search-harbor-lights.json"),
    JSON.stringify({ ...search, artists }),
  );
  for (const a of AMBIGUOUS.artists) {
    writeFileSync(path.join(dir, `musicbrainz/artist-${a.id}.json`), JSON.stringify(mbArtist(a)));
  }
  const indexPath = path.join(dir, "index.json");
  const index = JSON.parse(readFileSync(indexPath, "utf8")) as { artists: unknown[] };
  index.artists.push({
    key: "harbor-lights",
    query: AMBIGUOUS.query,
    case: "made up for the demo: two exact MusicBrainz matches and nothing to tell them apart",
    files: { musicbrainz_search: "musicbrainz/search-harbor-lights.json" },
    expected: { status: "needs_review" },
  });
  writeFileSync(indexPath, JSON.stringify(index, null, 1));

  return dir;
}

/** The names the sample library holds: every fixture artist by its query, plus the review case. */
export function sampleArtistNames(fixturesDir = REPO_FIXTURES): string[] {
  const index = JSON.parse(readFileSync(path.join(fixturesDir, "index.json"), "utf8")) as {
    artists: { query: string }[];
  };
  const names = index.artists.map((a) => a.query);

  return names.includes(AMBIGUOUS.query) ? names : [...names, AMBIGUOUS.query];
}

/**
 * Seeds the sample library (artists, a few videos, a playlist) unless the library already has
 * artists; answers whether it seeded.
 */
export async function seedSampleLibrary(db: Db, names = sampleArtistNames()): Promise<boolean> {
  if ((await db.artist.count()) > 0) return false;
  await db.$transaction(async (tx) => {
    await tx.artist.createMany({ data: names.map((name) => ({ name })) });
    const artists = await tx.artist.findMany({ select: { id: true, name: true } });
    const idOf = new Map(artists.map((a) => [a.name, a.id]));
    const videos = await Promise.all(
      SAMPLE_VIDEOS.map((v) =>
        tx.video.create({
          data: { title: v.title, year: v.year, artistId: idOf.get(v.artist) ?? null },
        }),
      ),
    );
    await tx.playlist.create({
      data: {
        name: "Demo favourites",
        items: { create: videos.slice(0, 3).map((v, position) => ({ videoId: v.id, position })) },
      },
    });
  });

  return true;
}

/**
 * Where the demo keeps its embedded PostgreSQL, generated secrets and fixtures: a `demo` folder
 * inside ROADIE_DATA_DIR. Always a folder of its own, even when ROADIE_DATA_DIR is set, so that
 * the password-less administrator, its sessions and tokens and the sample library never land in
 * the installation `npm start` runs; separate secrets also mean the demo's cookies are worthless
 * there.
 */
export function demoDataDir(dataDir: string): string {
  return path.join(dataDir, "demo");
}

/** The flag that lets the demo seed the database DATABASE_URL names. */
export const USE_DATABASE_URL_FLAG = "use-database-url";

/**
 * Why `npm run demo` must not start with these settings, as one sentence for the operator, or
 * null when it may. The demo lets anyone who reaches it in as an administrator without a
 * password, so it runs only for this machine's own address, and it writes into the database
 * DATABASE_URL names (likely a real installation's) only when asked to in so many words.
 */
export function demoRefusal(
  settings: { APP_URL: string; DATABASE_URL?: string },
  useDatabaseUrl: boolean,
): string | null {
  if (!isLoopbackHost(new URL(settings.APP_URL).host)) {
    return (
      `the demo lets this machine in without a password, so APP_URL must name this machine ` +
      `(such as http://localhost:3000), not ${settings.APP_URL}.`
    );
  }
  if (settings.DATABASE_URL && !useDatabaseUrl) {
    return (
      "DATABASE_URL is set, and the demo would add a password-less administrator and a sample " +
      "library to that database: unset DATABASE_URL to run the demo on an embedded PostgreSQL " +
      `of its own, or run \`npm run demo -- --${USE_DATABASE_URL_FLAG}\` if that database is ` +
      "meant for the demo."
    );
  }

  return null;
}

/** Environment that points a runner's provider clients at a simulator, with fake keys. */
export function simulatorEnv(url: string, rateScale: number): Record<string, string> {
  return {
    MUSICBRAINZ_BASE_URL: url,
    LASTFM_BASE_URL: url,
    LASTFM_API_KEY: "demo-lastfm-key",
    SPOTIFY_API_BASE_URL: url,
    SPOTIFY_ACCOUNTS_BASE_URL: url,
    SPOTIFY_CLIENT_ID: "demo-spotify-client",
    SPOTIFY_CLIENT_SECRET: "demo-spotify-secret",
    PROVIDER_RATE_SCALE: String(rateScale),
  };
}

export interface DemoStack {
  /** Add to the environment of the runner and the web process. */
  env: Record<string, string>;
  simulator: Simulator;
}

/** Starts the simulator on loopback with the demo fixtures; the env also turns on demo sign-in. */
export async function startDemo(dataDir: string, port: number, log: Logger): Promise<DemoStack> {
  const fixtures = prepareDemoFixtures(path.join(dataDir, "demo-fixtures"));
  const simulator = await startSimulator({ fixturesDir: fixtures, port, rateScale: 1 });
  log.info({ url: simulator.url }, "demo: provider simulator started");

  return { simulator, env: { ...simulatorEnv(simulator.url, 1), ROADIE_DEMO: "1" } };
}

/**
 * The demo administrator, created the one way the product creates it: the web server's demo
 * sign-in, asked from this machine (its cookies are thrown away).
 */
async function demoUserId(db: Db, webPort: number): Promise<string> {
  const existing = await db.user.findUnique({ where: { email: DEMO_EMAIL } });
  if (existing) return existing.id;
  const res = await fetch(`http://localhost:${webPort}/api/auth/demo`, { redirect: "manual" });
  await res.body?.cancel();
  const created = await db.user.findUnique({ where: { email: DEMO_EMAIL } });
  if (!created) throw new Error(`the demo sign-in answered ${res.status} and created no user`);

  return created.id;
}

/**
 * The demo administrator in a database that `npm start` serves: left there by a demo from before
 * the demo had a data folder of its own, or by one run with --use-database-url. Its sessions and
 * API tokens would keep working, so the operator is told; disabling the account ends them.
 */
export async function warnAboutDemoAdmin(databaseUrl: string, log: Logger): Promise<void> {
  const db = createDb(databaseUrl, 1);
  try {
    const demoAdmin = await db.user.findUnique({ where: { email: DEMO_EMAIL } });
    if (demoAdmin && !isDisabled(demoAdmin)) {
      log.warn(
        { email: DEMO_EMAIL },
        `This installation holds the demo administrator (${DEMO_EMAIL}) from an earlier ` +
          "`npm run demo`; its sessions and API tokens still work: disable it under Settings, Users.",
      );
    }
  } finally {
    await db.$disconnect();
  }
}

/**
 * Once the stack is healthy: seeds the sample library (first start only) and enqueues the
 * enrichment of every artist not enriched yet, as the demo user, so the demo shows work at once.
 */
export async function afterDemoStart(
  databaseUrl: string,
  webPort: number,
  log: Logger,
): Promise<void> {
  const db = createDb(databaseUrl, 2);
  const boss = createSenderBoss(databaseUrl);
  try {
    const seeded = await seedSampleLibrary(db, sampleArtistNames(REPO_FIXTURES));
    const actor = await actorOf(db, await demoUserId(db, webPort));
    await boss.start();
    const events = createJobEventSink(log);
    const result = await enrichMissing({ boss, events }, actor, {
      statuses: ["not_enriched", "failed"],
    });
    await events.flush();
    log.info({ seeded, ...result }, "demo: sample library ready, enrichment enqueued");
  } catch (err) {
    // The stack is up and usable; only the head start is missing.
    log.warn({ err }, "demo: could not seed or enqueue the sample library");
  } finally {
    await boss.stop({ graceful: false }).catch(() => {});
    await db.$disconnect();
  }
}
