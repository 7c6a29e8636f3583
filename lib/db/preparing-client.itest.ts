import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../testing/database";
import { PreparingClient } from "./preparing-client";

describe("a client that prepares repeated statements", () => {
  let database: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    // As pg-boss builds its pool: the client class is a pool option.
    pool = new pg.Pool({ connectionString: database.url, max: 1, Client: PreparingClient });
    await pool.query(
      `CREATE TABLE preparing_probe (n int UNIQUE); INSERT INTO preparing_probe VALUES (1)`,
    );
  });

  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  const prepared = async () =>
    (
      await pool.query<{ statement: string }>(
        `SELECT statement FROM pg_prepared_statements WHERE name LIKE 'roadie_boss_%'`,
        [],
      )
    ).rows.map((row) => row.statement);

  it("prepares a single statement sent with values, with or without any, once", async () => {
    for (let i = 0; i < 3; i += 1) {
      expect((await pool.query(`SELECT n FROM preparing_probe WHERE n = $1`, [1])).rows).toEqual([
        { n: 1 },
      ]);
      expect((await pool.query(`SELECT count(*)::int AS c FROM preparing_probe`, [])).rows).toEqual(
        [{ c: 1 }],
      );
    }

    expect(await prepared()).toEqual(
      expect.arrayContaining([
        `SELECT n FROM preparing_probe WHERE n = $1`,
        `SELECT count(*)::int AS c FROM preparing_probe`,
      ]),
    );
  });

  it("leaves several commands in one text, and a text sent without values, unprepared", async () => {
    const several = `INSERT INTO preparing_probe VALUES (2); DELETE FROM preparing_probe WHERE n = 2`;
    await pool.query(several, []);
    await pool.query(`SELECT n FROM preparing_probe WHERE n = 1`);

    const statements = await prepared();
    expect(statements).not.toContain(several);
    expect(statements).not.toContain(`SELECT n FROM preparing_probe WHERE n = 1`);
    expect((await pool.query(`SELECT n FROM preparing_probe ORDER BY n`)).rows).toEqual([{ n: 1 }]);
  });

  it("answers a callback as pg would", async () => {
    const rows = await new Promise((resolve, reject) =>
      pool.query(`SELECT n FROM preparing_probe WHERE n = $1`, [1], (err, result) =>
        err ? reject(err) : resolve(result.rows),
      ),
    );

    expect(rows).toEqual([{ n: 1 }]);
  });
});
