// Prepares one migrated template database per run; each test file copies it (fast) into a
// database of its own, so tests never share rows or queues.
import { PgBoss } from "pg-boss";

import { migrate, readMigrations } from "../db/migrate";
import { BOSS_SCHEMA } from "../queue/boss";
import { adminQuery, TEMPLATE_ENV, testServerUrl, withDatabase } from "./database";

export default async function setup() {
  const migrations = await readMigrations();
  const fingerprint = migrations.map((m) => m.checksum.slice(0, 4)).join("").slice(-24);
  const template = `roadie_tpl_${process.pid}_${fingerprint}`.slice(0, 60);

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

/** Removes databases left by runs that were killed before their teardown. */
async function dropStale() {
  const { rows } = await adminQuery(
    `SELECT datname FROM pg_database
      WHERE (datname LIKE 'roadie\\_t\\_%' OR datname LIKE 'roadie\\_tpl\\_%')
        AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = pg_database.datname)`,
  );
  for (const { datname } of rows) await adminQuery(`DROP DATABASE IF EXISTS "${datname}"`);
}
