import pg from "pg";

import { type AttemptEnd, type EndedRow, endAttempts } from "./attempt-store";
import type { Sql } from "./sql";

interface Waiting {
  end: AttemptEnd;
  /** Writes of this end that failed so far. */
  failures: number;
  resolve: (rows: EndedRow[]) => void;
  reject: (err: unknown) => void;
}

export interface EndBatcherOptions {
  /**
   * Statements that may be in flight at once. With one, end writes were a serial stage that
   * every claimed batch queued behind; two let PostgreSQL work on one while the next is sent.
   */
  maxInFlight?: number;
  /**
   * Waits before writing a failed end again, one per retry. The runner does not wait for its
   * ends (pg-boss settles the job meanwhile), so a write that failed would otherwise leave the
   * row behind until the reconciler takes pg-boss's record of the job.
   */
  retryDelaysMs?: readonly number[];
}

const DEFAULT_RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 16_000];

/**
 * Writes attempt ends in as few statements as it can without holding any back: ends that arrive
 * in the same turn of the event loop go together, and ends that arrive while the statements in
 * flight are all taken wait for one to finish and then go together in the next. Idle, an end
 * is written at once; busy, the ends of several batches share one round trip, as commits share
 * a flush in a database's group commit.
 */
export class EndBatcher {
  private waiting: Waiting[] = [];
  private scheduled = false;
  private inFlight = 0;
  /** Ends not yet written nor given up on: waiting, in flight or waiting to be tried again. */
  private readonly open = new Set<Waiting>();
  private idleWaiters: (() => void)[] = [];
  private readonly maxInFlight: number;
  private readonly retryDelaysMs: readonly number[];

  constructor(
    private readonly sql: Sql,
    options: EndBatcherOptions = {},
  ) {
    this.maxInFlight = options.maxInFlight ?? 2;
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  }

  /**
   * Ends one attempt; resolves with its job row if the attempt still owned it. A failed write is
   * tried again after each of the retry delays before the promise rejects.
   */
  end(end: AttemptEnd): Promise<EndedRow[]> {
    return new Promise((resolve, reject) => {
      const w: Waiting = {
        end,
        failures: 0,
        resolve: (rows) => {
          this.close(w);
          resolve(rows);
        },
        reject: (err) => {
          this.close(w);
          reject(err);
        },
      };
      this.open.add(w);
      this.waiting.push(w);
      this.schedule();
    });
  }

  /** Ids of jobs whose ends are not written yet: their rows are still this runner's to move. */
  pendingJobIds(): string[] {
    return [...this.open].map((w) => w.end.id);
  }

  /** Resolves once every end given so far is written or given up on. */
  idle(): Promise<void> {
    if (this.open.size === 0) return Promise.resolve();

    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private close(w: Waiting) {
    this.open.delete(w);
    if (this.open.size > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }

  private schedule() {
    if (this.scheduled || this.inFlight >= this.maxInFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.waiting.length === 0) return;
      this.inFlight += 1;
      void this.flush().finally(() => {
        this.inFlight -= 1;
        if (this.waiting.length > 0) this.schedule();
      });
    });
  }

  private async flush() {
    const batch = this.waiting;
    this.waiting = [];
    try {
      const rows = await endAttempts(
        this.sql,
        batch.map((w) => w.end),
      );
      const byId = new Map(rows.map((row) => [row.id, row]));
      for (const w of batch) {
        const row = byId.get(w.end.id);
        w.resolve(row ? [row] : []);
      }
    } catch (err) {
      // The server refused the statement, perhaps for one row (its job deleted meanwhile):
      // each end is tried alone, so one cannot fail the others. Without a connection, all of
      // them wait to be tried again.
      if (batch.length > 1 && err instanceof pg.DatabaseError) await this.oneByOne(batch);
      else for (const w of batch) this.retryLater(w, err);
    }
  }

  private async oneByOne(batch: Waiting[]) {
    for (const w of batch) {
      await endAttempts(this.sql, [w.end]).then(w.resolve, (err: unknown) =>
        this.retryLater(w, err),
      );
    }
  }

  private retryLater(w: Waiting, err: unknown) {
    const delay = this.retryDelaysMs[w.failures];
    if (delay === undefined) {
      w.reject(err);

      return;
    }
    w.failures += 1;
    setTimeout(() => {
      this.waiting.push(w);
      this.schedule();
    }, delay).unref();
  }
}
