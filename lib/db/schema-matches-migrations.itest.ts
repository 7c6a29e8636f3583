import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { schemaToSql } from "../../tools/schema-sql/schema-sql";
import { describePublicSchema } from "../testing/catalog";
import {
  adminQuery,
  createTestDatabase,
  runPid,
  type TestDatabase,
  testServerUrl,
  withDatabase,
} from "../testing/database";

describe("prisma/schema.prisma and prisma/migrations", () => {
  let migrated: TestDatabase;
  const fromSchema = `roadie_t_${runPid()}_schema`;

  beforeAll(async () => {
    migrated = await createTestDatabase();
    await adminQuery(`CREATE DATABASE ${fromSchema}`);
  });

  afterAll(async () => {
    await migrated.drop();
    await adminQuery(`DROP DATABASE IF EXISTS ${fromSchema} WITH (FORCE)`);
  });

  it("describe the same tables, columns, indexes and constraints", async () => {
    const url = withDatabase(testServerUrl(), fromSchema);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(schemaToSql());
    await client.end();

    const expected = await describePublicSchema(url);
    const actual = await describePublicSchema(migrated.url);

    expect(actual).toEqual(expected);
  });
});
