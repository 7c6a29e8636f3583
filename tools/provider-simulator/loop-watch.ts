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
 *
 * A stall's effects outlast the turn that ends it. Clients whose earlier requests are still
 * unanswered open new connections, which the kernel completes and fills during the stall; the
 * loop then accepts them (one per turn here) and reads each one's first request a turn after
 * accepting it, when the heartbeats are on time again. So the stall is remembered until a turn
 * accepts no connection (nothing is left over from it), and every connection accepted meanwhile
 * carries the stall's start to its first request.
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
  /** The start of the last stall (or run of stalls) while its requests may still be read. */
  private stallStart: number | null = null;
  private acceptedThisTurn = false;
  private settling = false;
  /** Connections accepted while a stall was remembered: its start, until their first request. */
  private readonly acceptedAfterStall = new WeakMap<object, number>();
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
    // A stall still going on when the request was read (the beat has not run yet).
    const current = now - this.lastBeat > this.beatMs + this.toleranceMs ? this.lastBeat : now;

    return Math.min(this.stallStart ?? now, current);
  }

  /** Notes a connection as the server accepts it (its "connection" event). */
  accepted(connection: object, now: number): void {
    this.acceptedThisTurn = true;
    const earliest = this.earliest(now);
    if (earliest < now) this.acceptedAfterStall.set(connection, earliest);
  }

  /** earliest() for a request read at `now` on `connection`. */
  earliestOn(connection: object, now: number): number {
    const accepted = this.acceptedAfterStall.get(connection);
    this.acceptedAfterStall.delete(connection);

    return Math.min(this.earliest(now), accepted ?? now);
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
      // A stall while the last one is still remembered extends it back to that one's start.
      this.stallStart = Math.min(this.stallStart ?? this.lastBeat, this.lastBeat);
      // Timers run before the poll phase, so this turn's reads and accepts come after this
      // beat; the check phase (setImmediate) comes after them.
      this.acceptedThisTurn = false;
      if (!this.settling) {
        this.settling = true;
        setImmediate(this.settle);
      }
    }
    this.lastBeat = now;
  }

  /** At the end of each turn after a stall: forgets it once a turn has accepted nothing. */
  private readonly settle = (): void => {
    if (this.acceptedThisTurn) {
      this.acceptedThisTurn = false;
      setImmediate(this.settle);
      return;
    }
    this.settling = false;
    this.stallStart = null;
  };
}
