// Prepares one migrated template database per run; each test file copies it (fast) into a
// database of its own, so tests never share rows or queues.
import { PgBoss } from "pg-boss";

import { migrate, readMigrations } from "../db/migrate";
import { BOSS_SCHEMA } from "../queue/boss";
import {
  adminQuery,
  RUN_PID_ENV,
  TEMPLATE_ENV,
  testServerUrl,
  withDatabase,
} from "./database";

export default async function setup() {
  const migrations = await readMigrations();
  const fingerprint = migrations.map((m) => m.checksum.slice(0, 4)).join("").slice(-24);
  const template = `roadie_tpl_${process.pid}_${fingerprint}`.slice(0, 60);
  process.env[RUN_PID_ENV] = String(process.pid);

  await dropStale();
  await adminQuery(`CREATE DATABASE ${template}`);
  const url = withDatabase(testServerUrl(), template);
  await migrate(url);

  const boss = new PgBoss({ connectionString: url, schema: BOSS_SCHEMA, supervise: false, schedule: false });
  await boss.start();
  await boss.stop({ graceful: false });

  process.env[TEMPLATE_ENV] = template;

  return async () => {
    await adminQuery(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  };
}

/** Removes databases left by test runs that were killed before their teardown. */
async function dropStale() {
  const { rows } = await adminQuery(
    `SELECT datname FROM pg_database
      WHERE datname LIKE 'roadie\\_t\\_%' OR datname LIKE 'roadie\\_tpl\\_%'`,
  );
  for (const { datname } of rows as { datname: string }[]) {
    const owner = Number(/^roadie_(?:t|tpl)_(\d+)_/.exec(datname)?.[1]);
    if (owner && isAlive(owner)) continue;
    await adminQuery(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);

    return true;
  } catch {
    return false;
  }
}
