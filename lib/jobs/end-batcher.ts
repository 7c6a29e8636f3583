import { type AttemptEnd, endAttempts } from "./attempt-store";
import type { JobRow } from "./job-summary";
import type { Sql } from "./sql";

interface Waiting {
  end: AttemptEnd;
  resolve: (rows: JobRow[]) => void;
  reject: (err: unknown) => void;
}

/**
 * Collects attempt ends that arrive in the same turn of the event loop and writes them in one
 * statement: a batch of short jobs finishing together costs one round trip, not one each.
 */
export class EndBatcher {
  private waiting: Waiting[] = [];

  constructor(private readonly sql: Sql) {}

  /** Ends one attempt; resolves with its job row if the attempt still owned it. */
  end(end: AttemptEnd): Promise<JobRow[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ end, resolve, reject });
      if (this.waiting.length === 1) setImmediate(() => void this.flush());
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
      for (const w of batch) w.reject(err);
    }
  }
}
