/** At most `max` requests may fall inside any `windowMs` (a sliding window). */
export interface WindowRule {
  max: number;
  windowMs: number;
}

/** A request that breaks a rule; `certain` is false when the simulator's own stall explains it. */
export interface Violation {
  rule: string;
  certain: boolean;
}

interface Seen {
  /** When the simulator read the request. */
  at: number;
  /** The earliest it may have arrived (equal to `at` unless the simulator was stalled). */
  earliest: number;
}

/**
 * The provider's rate rule as sliding windows: a request that would make more than `max`
 * requests within any rule's `windowMs`, one closer than `minGapMs` to the previous request,
 * or any request while a Retry-After is running, is a violation. Violating requests are
 * answered with the provider's own error.
 *
 * The simulator only knows when it read a request, which a stall of its own can make later than
 * when the request arrived (see LoopWatch). A violation is therefore certain only if it holds
 * for every arrival the simulator cannot rule out: the request judged at its stamp and every
 * earlier one at the earliest moment it may have arrived, which is the most favourable case for
 * the client. A violation that disappears in that case is "uncertain": counted and reported
 * separately, not answered with an error. With no stall every earliest moment equals the stamp,
 * so both judgements are the same and the rule is exactly as strict as before.
 */
export class RateWindow {
  private readonly seen: Seen[] = [];
  private readonly horizonMs: number;
  private blockedUntil = 0;
  /** When the Retry-After now running was answered. */
  private blockedSince = 0;

  constructor(
    private readonly rules: readonly WindowRule[],
    private readonly minGapMs: number,
  ) {
    this.horizonMs = Math.max(0, ...rules.map((rule) => rule.windowMs));
  }

  /**
   * Records a request read at `now` that may have arrived as early as `earliest`; says which
   * rule it breaks, or null when it breaks none.
   */
  hit(now: number, earliest = now): Violation | null {
    while (this.seen.length > 0 && this.seen[0]!.at <= now - this.horizonMs) this.seen.shift();
    let violation: Violation | null = null;
    if (now < this.blockedUntil) {
      // Certain only if it cannot have arrived before the answer that asked it to wait.
      violation = { rule: "during Retry-After", certain: earliest >= this.blockedSince };
    } else {
      const rule = this.broken(now, (s) => s.at);
      if (rule) violation = { rule, certain: this.broken(now, (s) => s.earliest) !== null };
    }
    this.seen.push({ at: now, earliest: Math.min(earliest, now) });

    return violation;
  }

  /**
   * After answering with a Retry-After at `since`, every request before `until` is a violation.
   */
  block(since: number, until: number): void {
    if (since >= this.blockedUntil) this.blockedSince = since;
    this.blockedUntil = Math.max(this.blockedUntil, until);
  }

  /** The rule a request at `now` breaks when the earlier ones are placed at `time(s)`. */
  private broken(now: number, time: (s: Seen) => number): string | null {
    const times = this.seen.map(time);
    const overfull = this.rules.find(
      (rule) => times.filter((t) => t > now - rule.windowMs).length >= rule.max,
    );
    if (overfull) return `more than ${overfull.max} in ${overfull.windowMs} ms`;
    if (this.minGapMs > 0 && times.length > 0) {
      const gap = now - Math.max(...times);
      if (gap < this.minGapMs) return `gap ${gap.toFixed(1)} ms < ${this.minGapMs} ms`;
    }

    return null;
  }
}
