import type { Db } from "../db/client";
import type { Sql } from "../jobs/sql";

/**
 * Where provider pacing, circuit and enrichment statements run: pg-boss's pool in the runner,
 * which so never loads the Prisma client and its query compiler (about 70 MB of a runner's
 * memory), or a Prisma client in scripts and tests that already hold one. Statements return
 * the same rows on both: none selects int8 (Prisma reads it as bigint, pg as a string).
 */
export type SqlClient = Sql | Db;

/** A parameterised statement: values travel as $1..$n, never spliced into the text. */
export interface Statement {
  text: string;
  values: unknown[];
}

/** `sql\`... ${value} ...\`` as a statement with numbered parameters. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Statement {
  return { text: strings.reduce((text, part, i) => `${text}$${i}${part}`), values };
}

/** Runs a statement and returns its rows, typed by the caller. */
export async function selectRows<T>(client: SqlClient, statement: Statement): Promise<T[]> {
  if ("executeSql" in client) {
    return (await client.executeSql(statement.text, statement.values)).rows as T[];
  }

  return client.$queryRawUnsafe<T[]>(statement.text, ...statement.values);
}

/** Runs a statement for its effect. */
export async function execute(client: SqlClient, statement: Statement): Promise<void> {
  if ("executeSql" in client) await client.executeSql(statement.text, statement.values);
  else await client.$executeRawUnsafe(statement.text, ...statement.values);
}

type Tag<R> = (strings: TemplateStringsArray, ...values: unknown[]) => Promise<R>;

/** `await queryWith<Row>(db)\`SELECT ... ${value}\``: the rows of a tagged statement. */
export function queryWith<T>(client: SqlClient): Tag<T[]> {
  return (strings, ...values) => selectRows<T>(client, sql(strings, ...values));
}

/** `await executeWith(db)\`UPDATE ... ${value}\``: runs a tagged statement for its effect. */
export function executeWith(client: SqlClient): Tag<void> {
  return (strings, ...values) => execute(client, sql(strings, ...values));
}
