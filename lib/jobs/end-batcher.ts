import pg from "pg";

import { type AttemptEnd, type EndedRow, endAttempts } from "./attempt-store";
import type { Sql } from "./sql";

interface Waiting {
  end: AttemptEnd;
  resolve: (rows: EndedRow[]) => void;
  reject: (err: unknown) => void;
}

/**
 * Writes attempt ends in as few statements as it can without holding any back: ends that arrive
 * in the same turn of the event loop go together, and ends that arrive while a write is in flight
 * wait for it and then go together in the next. Idle, an end is written at once; busy, the ends
 * of several batches share one round trip, as commits share a flush in a database's group commit.
 */
export class EndBatcher {
  private waiting: Waiting[] = [];
  private scheduled = false;
  private inFlight: Promise<void> | undefined;

  constructor(private readonly sql: Sql) {}

  /** Ends one attempt; resolves with its job row if the attempt still owned it. */
  end(end: AttemptEnd): Promise<EndedRow[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ end, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || this.inFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.inFlight = this.flush().finally(() => {
        this.inFlight = undefined;
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
      // each end is tried alone, so one cannot fail the others. Without a connection there is
      // nothing to try.
      if (batch.length > 1 && err instanceof pg.DatabaseError) await this.oneByOne(batch);
      else for (const w of batch) w.reject(err);
    }
  }

  private async oneByOne(batch: Waiting[]) {
    for (const w of batch) {
      await endAttempts(this.sql, [w.end]).then(w.resolve, w.reject);
    }
  }
}
