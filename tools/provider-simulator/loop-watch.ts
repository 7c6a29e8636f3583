/**
 * Watches the simulator's own event loop, so that its rate judgement can tell what it saw from
 * what its stalls made it see.
 *
 * A request is stamped when its bytes are parsed, which is when the loop reads them: normally
 * within a fraction of a millisecond of their arrival. When the simulator's process does not get
 * the CPU (a starved 2-core machine) or is busy, requests that arrived far apart are read in
 * one turn and stamped back to back. A heartbeat every `beatMs` tells such stalls: a beat later
 * than `beatMs + toleranceMs` means the loop did not run in between. For each stamp the watch
 * gives the earliest moment the request may really have arrived: the stamp itself when the loop
 * was running, or the last moment it was known to run before the stall that the stamp ends.
 */
export interface StallFigures {
  /** Heartbeats later than the tolerance. */
  count: number;
  /** The longest stall seen (ms). */
  maxMs: number;
  /** Stalls summed (ms). */
  totalMs: number;
}

export class LoopWatch {
  private lastBeat = performance.now();
  /** Set by a late beat until the end of that loop turn: stamps in that turn may be stale. */
  private stallStart: number | null = null;
  private readonly timer: NodeJS.Timeout;
  figures: StallFigures = { count: 0, maxMs: 0, totalMs: 0 };

  constructor(
    private readonly beatMs = 1,
    private readonly toleranceMs = 1,
  ) {
    this.timer = setInterval(() => this.beat(), beatMs);
    this.timer.unref();
  }

  /** The earliest moment a request stamped at `now` (performance.now()) may have arrived. */
  earliest(now: number): number {
    if (this.stallStart !== null) return Math.min(this.stallStart, now);
    // A stall still going on when the request was read (the beat has not run yet).
    if (now - this.lastBeat > this.beatMs + this.toleranceMs) return this.lastBeat;

    return now;
  }

  /** Forgets the figures (the simulator's reset). */
  resetFigures(): void {
    this.figures = { count: 0, maxMs: 0, totalMs: 0 };
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private beat(): void {
    const now = performance.now();
    const quiet = now - this.lastBeat;
    if (quiet > this.beatMs + this.toleranceMs) {
      const stallMs = quiet - this.beatMs;
      this.figures.count += 1;
      this.figures.maxMs = Math.max(this.figures.maxMs, stallMs);
      this.figures.totalMs += stallMs;
      // Timers run before the poll phase, so the requests this stall held back are read later
      // in this same turn; the check phase (setImmediate) comes after them.
      this.stallStart = this.lastBeat;
      setImmediate(() => {
        this.stallStart = null;
      });
    }
    this.lastBeat = now;
  }
}
