// A throwaway database for a benchmark: migrated, pg-boss installed, queues in sync, one user.
import { randomBytes, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";

import pg from "pg";
import { PgBoss } from "pg-boss";

import { JOB_DEFINITIONS } from "../../jobs/definitions";
import type { Actor } from "../../lib/auth/actor";
import { migrate } from "../../lib/db/migrate";
import { BOSS_SCHEMA, RUNNER_POOL_OPTIONS } from "../../lib/queue/boss";
import { syncQueues } from "../../lib/queue/sync-queues";

const SERVER = process.env.BENCH_DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/postgres";

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

export interface BenchDatabase {
  url: string;
  actor: Actor;
  drop(): Promise<void>;
}

/** Creates, migrates and prepares a database of the benchmark's own. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `roadie_bench_${randomBytes(4).toString("hex")}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  const boss = await installQueues(url.toString());
  const userId = randomUUID();
  await boss.getDb().executeSql(
    `INSERT INTO "user" (id, name, email, role, "updatedAt")
       VALUES ($1, 'Bench', $2, 'admin', now())`,
    [userId, `${userId}@bench.test`],
  );
  await boss.stop({ graceful: false });
  const actor: Actor = {
    userId,
    email: `${userId}@bench.test`,
    name: "Bench",
    role: "admin",
    via: "token",
  };

  return {
    url: url.toString(),
    actor,
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/**
 * Installs pg-boss's schema and the queues on a migrated database, as a runner does when it
 * starts; the caller stops the instance it gets.
 */
export async function installQueues(url: string): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    schema: BOSS_SCHEMA,
    supervise: false,
    schedule: false,
  });
  await boss.start();
  await syncQueues(boss, JOB_DEFINITIONS);

  return boss;
}

/**
 * A runner-style pg-boss on the bench database: with `asRunner`, on the connections a Roadie
 * runner gives it (lib/queue/boss.ts); without, as pg-boss comes.
 */
export async function startBoss(url: string, max = 10, asRunner = false): Promise<PgBoss> {
  const boss = new PgBoss({
    ...(asRunner ? RUNNER_POOL_OPTIONS : {}),
    connectionString: url,
    schema: BOSS_SCHEMA,
    max,
    useListenNotify: true,
    supervise: false,
    schedule: false,
  });
  await boss.start();

  return boss;
}

/** A queue with self_test's options under another name, for bare pg-boss references. */
export async function createBareQueue(boss: PgBoss, name: string): Promise<void> {
  const selfTest = JOB_DEFINITIONS.find((d) => d.type === "self_test");
  await boss.createQueue(name, { ...selfTest?.queue, policy: "standard", notify: true });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * CPU time (ms) used so far by this process and by all PostgreSQL server processes on this
 * machine: a benchmark reads it before and after a phase to say which side a phase loads.
 * Linux only (reads /proc); PostgreSQL elsewhere on the network is not counted.
 */
export function cpuSplit(): { self: number; postgres: number } {
  const { user, system } = process.cpuUsage();
  let postgres = 0;
  const ticksPerMs = 100 / 1000;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name, which is "postgres" for the postmaster and every backend alike.
      if (stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")) !== "postgres") continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // Own time, plus reaped children's: the postmaster's count keeps the CPU of backends
      // that ended during a phase (a pool closing idle connections), which would vanish otherwise.
      const own = Number(fields[11]) + Number(fields[12]);
      const reaped = Number(fields[13]) + Number(fields[14]);
      postgres += (own + reaped) / ticksPerMs;
    } catch {
      // The process ended while being read.
    }
  }

  return { self: (user + system) / 1000, postgres };
}
