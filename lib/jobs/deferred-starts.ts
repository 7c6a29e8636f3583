import type { Logger } from "../logger";
import { type AttemptStart, type RunnerRow, startAttempts } from "./attempt-store";
import type { Sql } from "./sql";

type State =
  | { kind: "pending"; claimedAt: number; attempt: number; seq: number }
  | { kind: "writing"; written: Promise<void> }
  | { kind: "started" }
  /** Ended before its start was written: the end records both. */
  | { kind: "taken" }
  /** The row moved on before the start could be written: the attempt owns nothing. */
  | { kind: "lost" };

export interface DeferredStartsOptions {
  sql: Sql;
  runnerId: string;
  log: Logger;
  /** How long a start may wait for its attempt's end, to be written with it. */
  delayMs: number;
  /** Told of the rows whose start was written, to publish "started". */
  onStarted: (rows: RunnerRow[]) => void;
  /** Told of attempts whose row moved on before their start was written. */
  onLost: (id: string) => void;
}

/**
 * The "started" writes of one claimed batch, held back for a moment. Most short jobs end
 * within it, and their start and end then go to the database as one statement: one job row
 * update instead of two, one attempt row insert instead of an insert and an update. Attempts
 * still running when the delay is up are written as started together, so the dashboard shows
 * them processing; anything that needs the row owned before then (a progress write, a
 * release) asks for the start at once.
 */
export class DeferredStarts {
  private readonly states = new Map<string, State>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    rows: Pick<RunnerRow, "id" | "attempt" | "seq">[],
    private readonly options: DeferredStartsOptions,
  ) {
    const claimedAt = performance.now();
    for (const row of rows) {
      this.states.set(row.id, {
        kind: "pending",
        claimedAt,
        attempt: row.attempt + 1,
        seq: row.seq,
      });
    }
    this.arm();
  }

  /**
   * Takes an attempt's start out of the queue when it has not been written: the caller then
   * writes it with the attempt's end. Undefined when the start is written, being written, or lost.
   */
  private take(id: string): { runningMs: number; seq: number } | undefined {
    const state = this.states.get(id);
    if (state?.kind !== "pending") return undefined;
    this.states.set(id, { kind: "taken" });

    return { runningMs: Math.round(performance.now() - state.claimedAt), seq: state.seq };
  }

  /**
   * Before an attempt's end is written: the start to write with it, when it has not been
   * written; undefined once it is written (the end closes it) or lost (the end will find the
   * row moved on). Waits for a start being written.
   */
  async beforeEnd(
    id: string,
  ): Promise<{ runningMs: number; seq: number; runnerId: string } | undefined> {
    for (;;) {
      const taken = this.take(id);
      if (taken) return { ...taken, runnerId: this.options.runnerId };
      const state = this.states.get(id);
      if (state?.kind !== "writing") return undefined;
      await state.written;
    }
  }

  /**
   * Writes the start now if it waits: true when the attempt owns its row, false when the row
   * moved on. Throws when the write failed (the start waits again).
   */
  async ensure(id: string): Promise<boolean> {
    let state = this.states.get(id);
    if (state?.kind === "pending") {
      await this.write();
      state = this.states.get(id);
    }
    while (state?.kind === "writing") {
      await state.written;
      state = this.states.get(id);
    }
    if (state?.kind === "pending") throw new Error("the attempt's start could not be written");

    return state?.kind === "started";
  }

  /** Stops the timer; the batch is over. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm() {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.write();
    }, this.options.delayMs);
  }

  /** Writes every waiting start of the batch in one statement. */
  private async write(): Promise<void> {
    const now = performance.now();
    const starts: AttemptStart[] = [];
    for (const [id, state] of this.states) {
      if (state.kind !== "pending") continue;
      const runningMs = Math.round(now - state.claimedAt);
      starts.push({ id, attempt: state.attempt, seq: state.seq, runningMs });
    }
    if (starts.length === 0) return;
    const written = startAttempts(this.options.sql, starts, this.options.runnerId).then(
      (rows) => {
        const owned = new Set(rows.map((row) => row.id));
        for (const { id } of starts)
          this.states.set(id, { kind: owned.has(id) ? "started" : "lost" });
        // Telling others must not turn a written start into an unhandled rejection.
        try {
          this.options.onStarted(rows);
          for (const { id } of starts) if (!owned.has(id)) this.options.onLost(id);
        } catch (err) {
          this.options.log.error({ err }, "handling written starts failed");
        }
      },
      (err: unknown) => {
        // Nothing was written: the starts wait again, and an end can still take them.
        for (const { id, attempt, seq, runningMs } of starts) {
          this.states.set(id, { kind: "pending", claimedAt: now - runningMs, attempt, seq });
        }
        this.options.log.warn({ err, jobIds: starts.map((s) => s.id) }, "start write failed");
        this.arm();
      },
    );
    for (const { id } of starts) this.states.set(id, { kind: "writing", written });
    await written;
  }
}
