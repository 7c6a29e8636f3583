import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";

import pg from "pg";
import { PgBoss } from "pg-boss";

import { JOB_DEFINITIONS } from "../../jobs/definitions";
import type { Actor } from "../../lib/auth/actor";
import { migrate } from "../../lib/db/migrate";
import { enqueueEnrichment } from "../../lib/jobs/enqueue-enrichment";
import type { JobServices } from "../../lib/jobs/job-services";
import { logger } from "../../lib/logger";
import { BOSS_SCHEMA, createSenderBoss } from "../../lib/queue/boss";
import { syncQueues } from "../../lib/queue/sync-queues";
import { NullJobEventSink } from "../../lib/realtime/job-event-publisher";
import { adminQuery, testServerUrl, withDatabase } from "../../lib/testing/database";
import type { SimulatorStats } from "../provider-simulator/server";
import { runnerCommand } from "../stack/runner-bundle";
import { type Child, startCommand, startNode, stopChild } from "./child-process";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Environment variables a scenario adds to or changes for one runner. */
export type ExtraEnv = Record<string, string>;

/** What every scenario shares: the fixture folder, rate scale, log folder, a closed port. */
export interface ChaosSettings {
  fixturesDir: string;
  artistNames: string[];
  rateScale: number;
  logDir: string;
  /** Where runners send Pusher events: nothing listens there, publishing must not matter. */
  pusherPort: number;
}

// Every artist write is noted with the writing connection, so a scenario can tell whether one
// artist was written twice (and by whom) without any help from the application.
const WRITE_LOG_SQL = `
CREATE TABLE chaos_artist_write (
  id bigserial PRIMARY KEY, "artistId" uuid NOT NULL, status text,
  at timestamptz NOT NULL DEFAULT clock_timestamp(), app text, pid int);
CREATE FUNCTION chaos_note_artist_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO chaos_artist_write ("artistId", status, app, pid)
  VALUES (NEW.id, NEW."enrichmentStatus", current_setting('application_name'), pg_backend_pid());
  RETURN NEW;
END $$;
CREATE TRIGGER chaos_artist_write AFTER UPDATE ON artist
  FOR EACH ROW EXECUTE FUNCTION chaos_note_artist_write();`;

/** One scenario's world: its database, simulator, runners and a sender to enqueue with. */
export class ScenarioEnv {
  readonly pool: pg.Pool;
  readonly runners: Child[] = [];
  private runnerCount = 0;
  services!: JobServices;
  actor!: Actor;
  sim!: Child;
  simUrl = "";
  artistIds: string[] = [];

  private constructor(
    readonly name: string,
    readonly dbName: string,
    readonly url: string,
    readonly settings: ChaosSettings,
  ) {
    this.pool = new pg.Pool({ connectionString: url, max: 3, application_name: "roadie-chaos" });
    // Scenario d terminates these connections on purpose; a query then fails and is retried.
    this.pool.on("error", () => {});
  }

  /** A fresh database (migrated, pg-boss installed, queues created), a user and the artists. */
  static async create(name: string, settings: ChaosSettings): Promise<ScenarioEnv> {
    const dbName = `roadie_chaos_${name}_${randomBytes(4).toString("hex")}`;
    await adminQuery(`CREATE DATABASE ${dbName}`);
    const env = new ScenarioEnv(name, dbName, withDatabase(testServerUrl(), dbName), settings);
    await migrate(env.url);
    const setup = new PgBoss({
      connectionString: env.url,
      schema: BOSS_SCHEMA,
      supervise: false,
      schedule: false,
    });
    await setup.start();
    await syncQueues(setup, JOB_DEFINITIONS);
    await setup.stop({ graceful: false });
    await env.pool.query(WRITE_LOG_SQL);
    await env.seed();
    await env.startSimulator();
    const boss = createSenderBoss(env.url);
    boss.on("error", () => {});
    await boss.start();
    env.services = { boss, events: new NullJobEventSink() };

    return env;
  }

  private async seed() {
    const userId = randomUUID();
    const email = `chaos-${this.name}@example.test`;
    await this.pool.query(
      `INSERT INTO "user" (id, name, email, role, "updatedAt") VALUES ($1, $2, $3, 'admin', now())`,
      [userId, `Chaos ${this.name}`, email],
    );
    this.actor = { userId, email, name: `Chaos ${this.name}`, role: "admin", via: "session" };
    const { rows } = await this.pool.query<{ id: string }>(
      `INSERT INTO artist (id, name, "updatedAt")
       SELECT gen_random_uuid(), n, now() FROM unnest($1::text[]) WITH ORDINALITY AS t(n, i)
       ORDER BY i RETURNING id`,
      [this.settings.artistNames],
    );
    this.artistIds = rows.map((r) => r.id);
  }

  private async startSimulator() {
    const { fixturesDir, rateScale, logDir } = this.settings;
    this.sim = startNode(
      `${this.name}-simulator`,
      path.join(ROOT, "tools/provider-simulator/main.ts"),
      ["--fixtures", fixturesDir, "--port", "0", "--rate-scale", String(rateScale)],
      process.env,
      path.join(logDir, `${this.name}-simulator.log`),
      // The simulator stands in for a server with CPUs of its own. Starved of CPU on a busy
      // 2-core machine it reads requests that arrived apart back to back and sees gaps that
      // were never sent, so it runs ahead of the runners.
      { niceness: -10 },
    );
    const line = await this.sim.waitForOutput(/http:\/\/127\.0\.0\.1:\d+/, 20_000);
    this.simUrl = line;
  }

  /** The environment a runner of this scenario gets. */
  runnerEnv(extra: ExtraEnv = {}): NodeJS.ProcessEnv {
    return {
      ...process.env,
      DATABASE_URL: this.url,
      LOG_LEVEL: "info",
      MUSICBRAINZ_BASE_URL: this.simUrl,
      LASTFM_BASE_URL: this.simUrl,
      LASTFM_API_KEY: "chaos-key",
      SPOTIFY_API_BASE_URL: this.simUrl,
      SPOTIFY_ACCOUNTS_BASE_URL: this.simUrl,
      SPOTIFY_CLIENT_ID: "chaos-client",
      SPOTIFY_CLIENT_SECRET: "chaos-secret",
      PROVIDER_RATE_SCALE: String(this.settings.rateScale),
      PUSHER_APP_ID: "1",
      PUSHER_KEY: "chaos",
      PUSHER_SECRET: "chaos-secret",
      PUSHER_HOST: "127.0.0.1",
      PUSHER_PORT: String(this.settings.pusherPort),
      RUNNER_DRAIN_SECONDS: "3",
      ...extra,
    } as NodeJS.ProcessEnv;
  }

  /** Starts a runner as `npm start` does (tools/stack/runner-bundle.ts), waits until it works. */
  async startRunner(extra: ExtraEnv = {}): Promise<Child> {
    this.runnerCount += 1;
    const id = `${this.name}-runner-${this.runnerCount}`;
    const { command, args } = await runnerCommand(ROOT, logger);
    const runner = startCommand(
      id,
      [command, ...args],
      this.runnerEnv({ RUNNER_ID: id, ...extra }),
      path.join(this.settings.logDir, `${id}.log`),
    );
    this.runners.push(runner);
    await runner.waitForOutput(/"msg":"runner started"/, 60_000);

    return runner;
  }

  /** Enqueues one enrichment job per artist through the same domain call the API uses. */
  async enqueue(artistIds: string[], forceRefresh = false): Promise<string[]> {
    const jobs = await enqueueEnrichment(this.services, this.actor, {
      artistIds,
      forceRefresh,
      priority: "normal",
    });

    // The scenario acts as an administrator, who sees every job id.
    return jobs.flatMap((j) => (j.id ? [j.id] : []));
  }

  async query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
    return (await this.pool.query<T>(sql, values)).rows;
  }

  async simStats(): Promise<SimulatorStats> {
    return (await (await fetch(`${this.simUrl}/__sim/stats`)).json()) as SimulatorStats;
  }

  async simControl(pathname: string, body?: unknown) {
    const res = await fetch(`${this.simUrl}${pathname}`, {
      method: "POST",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`simulator ${pathname} answered ${res.status}`);
  }

  /** Stops every process of the scenario and drops its database. */
  async close(): Promise<void> {
    await Promise.all(this.runners.map((r) => stopChild(r, "SIGKILL", 5_000)));
    if (this.sim) await stopChild(this.sim, "SIGTERM", 5_000);
    await this.services?.boss.stop({ graceful: false, timeout: 2_000 }).catch(() => {});
    await this.pool.end().catch(() => {});
    await adminQuery(`ALTER DATABASE ${this.dbName} ALLOW_CONNECTIONS true`).catch(() => {});
    await adminQuery(`DROP DATABASE IF EXISTS ${this.dbName} WITH (FORCE)`);
  }
}
