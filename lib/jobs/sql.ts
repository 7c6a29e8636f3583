import type { Db as BossDb, PgBoss } from "pg-boss";

/**
 * Something that runs SQL: pg-boss's own pool, or a transaction on it. Jobs code writes its
 * rows through the same executor pg-boss sends with, so a row and its queue entry commit
 * together in one transaction on one connection.
 */
export type Sql = BossDb;

/** Runs a statement and returns its rows, typed by the caller. */
export async function queryRows<T>(sql: Sql, text: string, values: unknown[] = []): Promise<T[]> {
  const result = await sql.executeSql(text, values);

  return result.rows as T[];
}

/** The pg-boss pool of a started instance. */
export function bossSql(boss: PgBoss): Sql {
  return boss.getDb();
}

/** An open transaction on pg-boss's pool; pass `db` to pg-boss calls to make them part of it. */
export type Transaction = Awaited<ReturnType<NonNullable<Sql["beginTransaction"]>>>;

/** Opens a transaction on pg-boss's pool. */
export async function beginTransaction(boss: PgBoss): Promise<Transaction> {
  const db = boss.getDb();
  if (!db.beginTransaction) throw new Error("pg-boss database adapter cannot open transactions");

  return db.beginTransaction();
}

/**
 * Runs fn in one transaction on pg-boss's pool: commit when it resolves, roll back when it
 * throws. Pass the given executor as `db` to pg-boss calls to make them part of it.
 */
export async function inTransaction<T>(boss: PgBoss, fn: (tx: Sql) => Promise<T>): Promise<T> {
  const tx = await beginTransaction(boss);
  try {
    const result = await fn(tx.db);
    await tx.commit();

    return result;
  } catch (err) {
    await tx.rollback();
    throw err;
  }
}
