import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../testing/database";
import { PreparedPool } from "./prepared-pool";

describe("a pool of prepared statements", () => {
  let database: TestDatabase;
  let pool: PreparedPool;
  let admin: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new PreparedPool({ connectionString: database.url, max: 1, application_name: "test" });
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query(
      `CREATE TABLE prepared_probe (n int UNIQUE); INSERT INTO prepared_probe VALUES (1)`,
    );
  });

  afterAll(async () => {
    await pool.close();
    await admin.end();
    await database.drop();
  });

  it("prepares a statement once and reuses it on the connection", async () => {
    for (let i = 0; i < 3; i += 1) {
      const { rows } = await pool.executeSql(`SELECT n FROM prepared_probe WHERE n = $1`, [1]);
      expect(rows).toEqual([{ n: 1 }]);
    }
    const { rows } = await pool.executeSql(
      `SELECT count(*)::int AS named FROM pg_prepared_statements WHERE name LIKE 'roadie_runner_%'`,
    );

    // This one and the lookup before it, each prepared once on the pool's one connection.
    expect(rows).toEqual([{ named: 2 }]);
  });

  it("runs a statement again on a fresh connection when a migration made its plan stale", async () => {
    const readAll = () => pool.executeSql(`SELECT * FROM prepared_probe ORDER BY n`);
    expect((await readAll()).rows).toEqual([{ n: 1 }]);

    await admin.query(`ALTER TABLE prepared_probe ADD COLUMN m int`);

    expect((await readAll()).rows).toEqual([{ n: 1, m: null }]);
  });

  it("keeps working after a statement the server refused", async () => {
    await expect(
      pool.executeSql(`INSERT INTO prepared_probe (n) VALUES (1)`),
    ).rejects.toMatchObject({ code: "23505" });

    const { rows } = await pool.executeSql(`SELECT count(*)::int AS n FROM prepared_probe`);
    expect(rows).toEqual([{ n: 1 }]);
  });
});
