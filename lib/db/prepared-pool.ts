import pg from "pg";
import type { Db as IDatabase } from "pg-boss";

import { logger } from "../logger";
import { isStalePlan, StatementNames } from "./statement-names";

export interface PreparedPoolOptions {
  connectionString: string;
  max: number;
  application_name: string;
}

/**
 * A small pool on which every statement is prepared once per connection. It is for a runner's
 * own writes: the same few statements keyed by job id, thousands of times a minute, which
 * PostgreSQL otherwise spent a fifth of their time planning. A statement whose prepared plan
 * went stale under a migration closes its connection and runs once more on a fresh one.
 */
export class PreparedPool implements IDatabase {
  private readonly pool: pg.Pool;
  private readonly names = new StatementNames("roadie_runner");

  constructor(options: PreparedPoolOptions) {
    this.pool = new pg.Pool({
      ...options,
      connectionTimeoutMillis: 10_000,
      // Every statement here reaches its rows by key. A prepared statement keeps the plan it
      // was given while its tables were small, until they are next analyzed; planned on a
      // fresh install, the attempt lookups scanned the whole attempt table for every write, so
      // each write cost more than the one before (an end write of 10 jobs took 2.4 ms after
      // 10,000 jobs instead of 1.4). Scans stay possible, only priced out.
      options: "-c enable_seqscan=off",
    });
    // Only the reason: pg hangs the whole client off the error, statements and all.
    this.pool.on("error", (err: Error & { code?: string }) =>
      logger.warn({ code: err.code, reason: err.message }, "idle database connection lost"),
    );
  }

  async executeSql(text: string, values?: unknown[]): Promise<pg.QueryResult> {
    const name = this.names.of(text);
    for (let attempt = 1; ; attempt += 1) {
      const client = await this.pool.connect();
      // The pool drops its error listener from a checked-out client; without one, a connection
      // dying mid-statement would be an uncaught exception. The statement fails on its own.
      const onError = () => {};
      client.on("error", onError);
      try {
        const result = await client.query({ name, text, values });
        client.removeListener("error", onError);
        client.release();

        return result;
      } catch (err) {
        client.removeListener("error", onError);
        // An error the server answered with leaves the connection fit for use, unless it is a
        // stale plan, which stays on that connection; anything else (a dropped socket) does not.
        const keep = err instanceof pg.DatabaseError && !isStalePlan(err);
        client.release(keep ? undefined : (err as Error));
        if (!(isStalePlan(err) && attempt === 1)) throw err;
      }
    }
  }

  async close(): Promise<void> {
    if (!this.pool.ending) await this.pool.end();
  }
}
