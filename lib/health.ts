import pg from "pg";

import { JOB_TYPES } from "../jobs/definitions";
import { config } from "./config";
import { BOSS_SCHEMA } from "./queue/boss";

export interface ComponentHealth {
  ok: boolean;
  detail: string;
  latencyMs: number;
}

export interface Health {
  ok: boolean;
  database: ComponentHealth;
  queue: ComponentHealth;
  realtime: ComponentHealth;
}

const CHECK_TIMEOUT_MS = 1500;

let pool: pg.Pool | undefined;

// A small pool of its own, so health answers even when the app's pool is saturated.
function healthPool(url: string) {
  if (!pool) {
    pool = new pg.Pool({
      connectionString: url,
      max: 2,
      connectionTimeoutMillis: CHECK_TIMEOUT_MS,
      query_timeout: CHECK_TIMEOUT_MS,
    });
    // An idle connection the server dropped is reported by the next check; nothing to do here.
    pool.on("error", () => {});
  }

  return pool;
}

async function timed(check: () => Promise<string>): Promise<ComponentHealth> {
  const started = performance.now();
  try {
    const detail = await check();

    return { ok: true, detail, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    const detail = (err as Error).message || "unreachable";

    return { ok: false, detail, latencyMs: Math.round(performance.now() - started) };
  }
}

async function checkDatabase(url: string) {
  await healthPool(url).query("SELECT 1");

  return "reachable";
}

async function checkQueue(url: string) {
  const { rows } = await healthPool(url).query<{ name: string }>(
    `SELECT name FROM ${BOSS_SCHEMA}.queue WHERE name = ANY($1)`,
    [JOB_TYPES],
  );
  const missing = JOB_TYPES.filter((t) => !rows.some((r) => r.name === t));
  if (missing.length > 0) throw new Error(`queues not created yet: ${missing.join(", ")}`);

  return `${rows.length} queues`;
}

async function checkRealtime() {
  const { PUSHER_HOST, PUSHER_PORT } = config();
  const res = await fetch(`http://${PUSHER_HOST}:${PUSHER_PORT}/ready`, {
    signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`Soketi answered ${res.status}`);

  return "ready";
}

/** Checks PostgreSQL, the pg-boss queues and Soketi at once, each within a short timeout. */
export async function checkHealth(): Promise<Health> {
  const url = config().DATABASE_URL;
  const noDb = async () => {
    throw new Error("DATABASE_URL is not set");
  };
  const [database, queue, realtime] = await Promise.all([
    timed(url ? () => checkDatabase(url) : noDb),
    timed(url ? () => checkQueue(url) : noDb),
    timed(checkRealtime),
  ]);

  return { ok: database.ok && queue.ok && realtime.ok, database, queue, realtime };
}
