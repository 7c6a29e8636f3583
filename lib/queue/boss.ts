import { PgBoss } from "pg-boss";

import { PipelinedDb } from "../db/pipelined-db";
import { PreparingClient } from "../db/preparing-client";
import { logger } from "../logger";

export const BOSS_SCHEMA = "pgboss";

/**
 * A pg-boss instance for the web process: it only sends. It never creates queues, runs
 * maintenance or supervises; the runner owns all of that. Its statements, and the transactions
 * jobs code opens on it, run on pipelined connections (lib/db/pipelined-db.ts), closed when the
 * instance stops.
 */
export function createSenderBoss(url: string): PgBoss {
  const db = new PipelinedDb({ connectionString: url, max: 5, application_name: "roadie-web" });
  const boss = new PgBoss({
    db,
    schema: BOSS_SCHEMA,
    supervise: false,
    schedule: false,
    migrate: false,
    createSchema: false,
  });
  boss.on("error", (err) => logger.error({ err }, "pg-boss error"));
  boss.on("stopped", () => void db.close());

  return boss;
}

/**
 * pg pool options for a runner's pg-boss, passed through to its pool (pg-boss's typed options
 * leave them out). Its statements are prepared (lib/db/preparing-client.ts), and connections
 * are replaced every minute: a prepared plan lives as long as its connection, and one made
 * while a queue was empty must not go on serving it once thousands of jobs wait.
 */
export const RUNNER_POOL_OPTIONS = { Client: PreparingClient, maxLifetimeSeconds: 60 };

/** A pg-boss instance for a runner: installs its schema, supervises, and wakes on NOTIFY. */
export function createRunnerBoss(url: string): PgBoss {
  const boss = new PgBoss({
    ...RUNNER_POOL_OPTIONS,
    connectionString: url,
    schema: BOSS_SCHEMA,
    max: 10,
    useListenNotify: true,
    supervise: true,
    schedule: true,
    // Expiry and lost heartbeats are found on these passes: at 5 s, a runner killed mid-job
    // loses it within heartbeatSeconds + 5 s, well inside the 30 s promised to users.
    superviseIntervalSeconds: 5,
    monitorIntervalSeconds: 5,
    application_name: "roadie-runner",
  });
  boss.on("error", (err) => logger.error({ err }, "pg-boss error"));
  boss.on("warning", (warning) => logger.warn({ warning }, "pg-boss warning"));

  return boss;
}
