// Enriches 200 invented artists with one runner started exactly as `npm start` starts it (the
// compiled bundle from tools/stack/runner-bundle.ts, with Soketi taking its events) against the
// provider simulator, and compares the wall time with the floor MusicBrainz's rate allows.
// Reports the runner process's peak RSS (the kernel's VmHWM; target <= 150 MB) beside its RSS
// once started, before any job. The simulator and Soketi run as processes of their own.
//   node --import tsx bench/enrich-200.ts [--artists 200] [--rate-scale 10] [--pusher-port 6501]
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";

import pg from "pg";

import type { Actor } from "../lib/auth/actor";
import { migrate } from "../lib/db/migrate";
import { enqueueEnrichment } from "../lib/jobs/enqueue-enrichment";
import { logger } from "../lib/logger";
import { scaledLimit } from "../lib/providers/provider-limits";
import { spawnSimulator } from "../lib/providers/concurrent-enrichers";
import { REPO_FIXTURES } from "../lib/providers/test-config";
import { createSenderBoss } from "../lib/queue/boss";
import { NullJobEventSink } from "../lib/realtime/job-event-publisher";
import { adminQuery, testServerUrl, withDatabase } from "../lib/testing/database";
import { ensurePortFree, stopProcess, waitFor } from "../tools/stack/processes";
import { runnerCommand } from "../tools/stack/runner-bundle";
import { startSoketi } from "../tools/stack/soketi";
import { metadataEnrichment } from "../jobs/metadata-enrichment/definition";
import { writeSyntheticFixtures } from "./enrich-synthetic-fixtures";

const { values } = parseArgs({
  options: {
    artists: { type: "string", default: "200" },
    "rate-scale": { type: "string", default: "10" },
    "pusher-port": { type: "string", default: "6501" },
  },
});
const count = Number(values.artists);
const rateScale = Number(values["rate-scale"]);
const pusherPort = Number(values["pusher-port"]);
const root = path.resolve(import.meta.dirname, "..");
const log = logger.child({ bench: "enrich-200" });
log.level = "warn";
const TARGET_PEAK_RSS_MB = 150;

await ensurePortFree(pusherPort, "Soketi", "--pusher-port");
const dbName = `roadie_bench_enrich_${randomBytes(4).toString("hex")}`;
await adminQuery(`CREATE DATABASE ${dbName}`);
const url = withDatabase(testServerUrl(), dbName);
const fixtures = mkdtempSync(path.join(os.tmpdir(), "roadie-bench-fixtures-"));
const names = writeSyntheticFixtures(fixtures, count, path.join(REPO_FIXTURES, "errors"));
const pool = new pg.Pool({ connectionString: url, max: 2 });
const pusher = { appId: String(randomInt(100_000, 999_999)), key: "bench", secret: "bench" };
const soketi = startSoketi({ root, port: pusherPort, ...pusher });
const sim = await spawnSimulator(rateScale, fixtures);
const boss = createSenderBoss(url);
let runner: ChildProcess | undefined;

try {
  await migrate(url, log);
  const actor = await seedUser();
  const ids = await seedArtists(names);
  await waitFor(() => portOpen(pusherPort), 30_000, "Soketi");
  const { command, args } = await runnerCommand(root, log);
  runner = spawn(command, args, { env: runnerEnv(pusher), stdio: ["ignore", "pipe", "inherit"] });
  await runnerStarted(runner);
  const idleRssMb = rssMb(runner.pid!, "VmRSS");

  await boss.start();
  const services = { boss, events: new NullJobEventSink() };
  const started = performance.now();
  await enqueueEnrichment(services, actor, {
    artistIds: ids,
    forceRefresh: true,
    priority: "normal",
  });
  await waitFor(() => allFinished(count), 30 * 60_000, "the enrichment jobs");
  const wallMs = performance.now() - started;
  const peakRssMb = rssMb(runner.pid!, "VmHWM");

  const stats = await sim.stats();
  const floorMs = stats.requests.musicbrainz * scaledLimit("musicbrainz", rateScale).intervalMs;
  const calls = stats.requests.musicbrainz + stats.requests.lastfm + stats.requests.spotify;
  console.log(
    JSON.stringify(
      {
        artists: count,
        rateScale,
        concurrency: metadataEnrichment.concurrency,
        runner: [path.basename(command), ...args.map((a) => path.relative(root, a) || a)].join(" "),
        statuses: await artistStatuses(),
        jobs: await jobStatuses(),
        wallMs: Math.round(wallMs),
        floorMs,
        ratio: Number((wallMs / floorMs).toFixed(3)),
        violations: stats.violations,
        violationLog: stats.violationLog,
        minGapMs: stats.minGapMs,
        requests: stats.requests,
        callsPerArtist: Number((calls / count).toFixed(2)),
        runnerIdleRssMb: idleRssMb,
        peakRssMb,
        targetPeakRssMb: TARGET_PEAK_RSS_MB,
        simulatorPeakRssMb: rssMb(sim.pid, "VmHWM"),
      },
      null,
      2,
    ),
  );
} finally {
  if (runner && runner.exitCode === null) {
    const exited = new Promise((resolve) => runner!.once("exit", resolve));
    runner.kill("SIGTERM");
    await exited;
  }
  await boss.stop({ graceful: false, timeout: 2_000 }).catch(() => {});
  await pool.end();
  sim.stop();
  await stopProcess(soketi, 5_000, log);
  await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  rmSync(fixtures, { recursive: true, force: true });
}

/** What the chaos scenarios give a runner: the simulator for every provider, fake keys. */
function runnerEnv(p: typeof pusher): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: url,
    ROADIE_SERVICE: "runner",
    LOG_LEVEL: "info",
    MUSICBRAINZ_BASE_URL: sim.url,
    LASTFM_BASE_URL: sim.url,
    LASTFM_API_KEY: "bench-key",
    SPOTIFY_API_BASE_URL: sim.url,
    SPOTIFY_ACCOUNTS_BASE_URL: sim.url,
    SPOTIFY_CLIENT_ID: "bench-client",
    SPOTIFY_CLIENT_SECRET: "bench-secret",
    PROVIDER_RATE_SCALE: String(rateScale),
    PUSHER_APP_ID: p.appId,
    PUSHER_KEY: p.key,
    PUSHER_SECRET: p.secret,
    PUSHER_HOST: "127.0.0.1",
    PUSHER_PORT: String(pusherPort),
  };
}

/**
 * Resolves on the runner's "runner started" line. Of its other output (pino lines, at the info
 * level it logs at in production) warnings and errors are passed on; the rest is dropped.
 */
function runnerStarted(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (line.includes('"msg":"runner started"')) resolve();
      if (/"level":(4|5|6)0/.test(line)) process.stderr.write(`runner: ${line}\n`);
    });
    child.once("exit", (code) => reject(new Error(`the runner exited with ${code}`)));
  });
}

async function seedUser(): Promise<Actor> {
  const userId = randomUUID();
  const email = "bench-enrich@example.test";
  await pool.query(
    `INSERT INTO "user" (id, name, email, role, "updatedAt") VALUES ($1, 'Bench', $2, 'admin', now())`,
    [userId, email],
  );

  return { userId, email, name: "Bench", role: "admin", via: "session" };
}

async function seedArtists(artistNames: string[]): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO artist (id, name, "updatedAt")
     SELECT gen_random_uuid(), n, now() FROM unnest($1::text[]) WITH ORDINALITY AS t(n, i)
     ORDER BY i RETURNING id`,
    [artistNames],
  );

  return rows.map((r) => r.id);
}

async function allFinished(expected: number): Promise<boolean> {
  const { rows } = await pool.query<{ finished: number }>(
    `SELECT count(*)::int AS finished FROM job
      WHERE status IN ('completed', 'failed', 'cancelled') AND NOT 'follow-up' = ANY(tags)`,
  );

  return (rows[0]?.finished ?? 0) >= expected;
}

async function artistStatuses(): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ status: string; n: number }>(
    `SELECT "enrichmentStatus" AS status, count(*)::int AS n FROM artist GROUP BY 1 ORDER BY 1`,
  );

  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

async function jobStatuses(): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM job GROUP BY 1 ORDER BY 1`,
  );

  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** A line of a process's /proc status (VmRSS now, VmHWM its high-water mark), in MB. */
function rssMb(pid: number, field: "VmRSS" | "VmHWM"): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1];

    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}
