import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";

import { adminQuery, runPid, testServerUrl, withDatabase } from "../testing/database";
import { migrate, readMigrations } from "./migrate";

const created: string[] = [];

async function emptyDatabase() {
  const name = `roadie_t_${runPid()}_mig_${created.length}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  created.push(name);

  return withDatabase(testServerUrl(), name);
}

afterEach(async () => {
  for (const name of created.splice(0)) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

describe("migrate", () => {
  it("applies every migration once and records it where prisma migrate status looks", async () => {
    const url = await emptyDatabase();

    const first = await migrate(url);
    const second = await migrate(url);

    const names = (await readMigrations()).map((m) => m.name);
    expect(first).toEqual(names);
    expect(second).toEqual([]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(`SELECT migration_name FROM "_prisma_migrations" ORDER BY 1`);
    await client.end();
    expect(rows.map((r) => r.migration_name)).toEqual(names);
  });

  it("migrates once when several processes start together", async () => {
    const url = await emptyDatabase();

    const results = await Promise.all([migrate(url), migrate(url), migrate(url)]);

    expect(results.flat()).toHaveLength((await readMigrations()).length);
  });

  it("refuses a migration whose file changed after it was applied", async () => {
    const url = await emptyDatabase();
    await migrate(url);
    const dir = mkdtempSync(path.join(tmpdir(), "roadie-migrations-"));
    cpSync(path.resolve(import.meta.dirname, "../../prisma/migrations"), dir, { recursive: true });
    const [first] = await readMigrations(dir);
    writeFileSync(path.join(dir, first!.name, "migration.sql"), `${first!.sql}\n-- edited`);

    await expect(migrate(url, undefined, dir)).rejects.toThrow(/changed after it was applied/);
  });
});
