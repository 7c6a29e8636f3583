import pg from "pg";
import type { Db as IDatabase } from "pg-boss";

import { logger } from "../logger";
import { isStalePlan, StatementNames } from "./statement-names";

/** How long a rollback may wait behind statements still running before the connection is dropped. */
const ROLLBACK_TIMEOUT_MS = 5_000;

type TransactionHandle = Awaited<ReturnType<NonNullable<IDatabase["beginTransaction"]>>>;

export interface PipelinedDbOptions {
  connectionString: string;
  max: number;
  application_name: string;
}

/**
 * pg-boss's database adapter for the web process, on connections in pg's pipeline mode: the
 * statements of a transaction go out without waiting for the answers before them, so an enqueue
 * (BEGIN, the job row, pg-boss's insert, COMMIT) costs one round trip instead of four. Each
 * round trip is a write and a read on both sides, and on a busy machine those system calls are a
 * large part of what a request costs.
 *
 * Statements given in the same turn of the event loop also leave in one write: on this kind of
 * machine a write to a database connection costs the sender a wake-up of the server process,
 * about as much CPU as the rest of what an enqueue does in node.
 *
 * A statement that fails aborts the transaction on the server, every later statement of it
 * fails, and COMMIT answers ROLLBACK: so a transaction whose statements were sent unanswered is
 * still all or nothing, and commit() reports the first failure.
 */
export class PipelinedDb implements IDatabase {
  private readonly pool: pg.Pool;
  private readonly names = new StatementNames("roadie_tx");

  constructor(options: PipelinedDbOptions) {
    this.pool = new pg.Pool({ ...options, pipeline: true, connectionTimeoutMillis: 10_000 });
    // An idle connection that dies (a database restart) is dropped by the pool; the next
    // statement opens a new one.
    // Only the reason: pg hangs the whole client off the error, statements and all.
    this.pool.on("error", (err: Error & { code?: string }) =>
      logger.warn({ code: err.code, reason: err.message }, "idle database connection lost"),
    );
  }

  executeSql(text: string, values?: unknown[]): Promise<pg.QueryResult> {
    return this.pool.query(text, values);
  }

  async beginTransaction(): Promise<TransactionHandle> {
    const client = await this.pool.connect();

    return new PipelinedTransaction(client, this.names);
  }

  async close(): Promise<void> {
    if (!this.pool.ending) await this.pool.end();
  }
}

/**
 * One transaction on one checked-out connection. BEGIN is sent, not awaited: its failure shows
 * in the statements after it.
 */
class PipelinedTransaction implements TransactionHandle {
  /** Its statements may be sent before the ones ahead of them are answered. */
  readonly pipelined = true;
  readonly db: IDatabase;
  private readonly sent: Promise<unknown>[] = [];
  private firstError: unknown;
  private settled = false;
  private released = false;
  /** Whether the connection holds back writes until the end of this turn. */
  private corked = false;
  /** Why the connection must be closed rather than go back to the pool, once it is released. */
  private unusable: Error | undefined;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly names: StatementNames,
  ) {
    // The pool removes its own error listener from a checked-out client; without one, a
    // connection dropping mid-transaction would be an uncaught exception.
    client.on("error", this.onClientError);
    this.track(this.send(() => client.query("BEGIN")));
    this.db = {
      executeSql: (text: string, values?: unknown[]) => {
        if (this.settled) return Promise.reject(this.settledError());

        return this.track(
          this.send(() => this.client.query({ name: this.names.of(text), text, values })),
        );
      },
    };
  }

  async commit(): Promise<void> {
    if (this.settled) throw this.settledError();
    this.settled = true;
    const commit = this.send(() => this.client.query("COMMIT"));
    await Promise.allSettled(this.sent);
    let outcome: pg.QueryResult;
    try {
      outcome = await commit;
    } catch (err) {
      this.release(err);
      throw this.firstError ?? err;
    }
    this.release(this.unusable);
    if (this.firstError !== undefined) throw this.firstError;
    // Only a failed statement turns COMMIT into ROLLBACK, and that failure was recorded above.
    if (outcome.command === "ROLLBACK") throw new Error("The transaction was rolled back.");
  }

  async rollback(): Promise<void> {
    if (this.settled) return;
    this.settled = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      const late = () => reject(new Error("ROLLBACK did not complete in time"));
      timer = setTimeout(late, ROLLBACK_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.send(() => this.client.query("ROLLBACK")), deadline]);
      this.release(this.unusable);
    } catch (err) {
      this.release(err);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Sends a statement, holding the connection's writes until the end of this turn so that the
   * statements given with it share one. pg corks around each statement's messages too; corks
   * nest, so nothing leaves before this one is lifted.
   */
  private send<T>(statement: () => Promise<T>): Promise<T> {
    if (!this.corked) {
      this.corked = true;
      const stream = this.client.connection.stream;
      stream.cork();
      setImmediate(() => {
        this.corked = false;
        stream.uncork();
      });
    }

    return statement();
  }

  private settledError(): Error {
    return this.unusable ?? new Error("The transaction is already settled.");
  }

  /** Remembers a sent statement and its failure; the caller still gets the statement's own promise. */
  private track<T>(statement: Promise<T>): Promise<T> {
    this.sent.push(
      statement.catch((err: unknown) => {
        this.firstError ??= err;
        // Closing the connection drops its stale statements: the next one prepares afresh.
        if (isStalePlan(err)) this.unusable ??= err as Error;
      }),
    );

    return statement;
  }

  private readonly onClientError = (err: Error) => {
    this.unusable ??= err;
    this.settled = true;
    this.release(err);
  };

  private release(err?: unknown) {
    if (this.released) return;
    this.released = true;
    this.client.removeListener("error", this.onClientError);
    this.client.release(err instanceof Error ? err : err ? new Error(String(err)) : undefined);
  }
}
