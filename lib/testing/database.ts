import { randomBytes } from "node:crypto";

import pg from "pg";

import { createDb, type Db } from "../db/client";

/** The server tests run against: TEST_DATABASE_URL, DATABASE_URL, or the machine's own. */
export function testServerUrl(): string {
  return (
    process.env.TEST_DATABASE_URL ??
    process.env.DATABASE_URL ??
    "postgresql://root@127.0.0.1:5432/postgres"
  );
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;

  return u.toString();
}

export const TEMPLATE_ENV = "ROADIE_TEST_TEMPLATE";
export const RUN_PID_ENV = "ROADIE_TEST_RUN_PID";

/**
 * The pid of the test run that owns a database, in its name, so that a run cleaning up after
 * killed runs never drops the databases of a run still going on beside it.
 */
export function runPid(): number {
  return Number(process.env[RUN_PID_ENV] ?? process.pid);
}

export interface TestDatabase {
  name: string;
  url: string;
  db: Db;
  drop: () => Promise<void>;
}

/**
 * A database of the test's own, copied from the migrated template that the integration
 * suite's global setup prepares (app tables and the pg-boss schema already installed).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) throw new Error("Integration tests run through `npm run test:integration`.");

  const name = `roadie_t_${runPid()}_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = withDatabase(testServerUrl(), name);
  const db = createDb(url, 5);

  const drop = async () => {
    await db.$disconnect();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };

  return { name, url, db, drop };
}

export async function adminQuery(sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: testServerUrl() });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}
