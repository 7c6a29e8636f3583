import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

import pg from "pg";

import type { Logger } from "../logger";

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");
// Any constant works; it only has to be the same in every process that migrates.
const MIGRATION_LOCK_KEY = 727_001;

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** Reads prisma/migrations/<name>/migration.sql in name order, as Prisma does. */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();

  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");

      return { name, sql, checksum };
    }),
  );
}

// Same table and columns as Prisma Migrate, so `prisma migrate status` reads our history.
const CREATE_HISTORY = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * Applies pending migrations, each in its own transaction, under an advisory lock so that
 * several processes starting together migrate once. Works with no network: Prisma's own
 * `migrate deploy` needs a schema engine binary these machines cannot download.
 * Refuses to go on when an applied migration's file has changed since.
 */
export async function migrate(url: string, log?: Logger, dir = MIGRATIONS_DIR): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(CREATE_HISTORY);

    return await applyPending(client, await readMigrations(dir), log);
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

async function applyPending(client: pg.Client, migrations: Migration[], log?: Logger) {
  const { rows } = await client.query<{ migration_name: string; checksum: string }>(
    `SELECT migration_name, checksum FROM "_prisma_migrations"
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
  const done: string[] = [];

  for (const m of migrations) {
    const known = applied.get(m.name);
    if (known && known !== m.checksum) {
      throw new Error(`Migration ${m.name} was changed after it was applied; add a new one.`);
    }
    if (known) continue;

    await applyOne(client, m);
    log?.info({ migration: m.name }, "migration applied");
    done.push(m.name);
  }

  return done;
}

async function applyOne(client: pg.Client, m: Migration) {
  await client.query("BEGIN");
  try {
    await client.query(m.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 1)`,
      [randomUUID(), m.checksum, m.name],
    );
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK");
    throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
  }
}
