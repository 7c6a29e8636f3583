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

/**
 * Opens a transaction on pg-boss's pool. Jobs code may send a transaction's statements without
 * waiting for the ones before (lib/jobs/enqueue-job.ts): the web's pipelined connections take
 * them so, and on any other connection they are sent one after another here, since pg no
 * longer wants a query given to a connection still busy with one.
 */
export async function beginTransaction(boss: PgBoss): Promise<Transaction> {
  const db = boss.getDb();
  if (!db.beginTransaction) throw new Error("pg-boss database adapter cannot open transactions");
  const tx = await db.beginTransaction();

  return "pipelined" in tx && tx.pipelined === true ? tx : oneAtATime(tx);
}

function oneAtATime(tx: Transaction): Transaction {
  let previous: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(send: () => Promise<T>): Promise<T> => {
    const sent = previous.then(send, send);
    previous = sent.catch(() => {});

    return sent;
  };

  return {
    db: { executeSql: (text, values) => inTurn(() => tx.db.executeSql(text, values)) },
    commit: () => inTurn(() => tx.commit()),
    rollback: () => inTurn(() => tx.rollback()),
  };
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
