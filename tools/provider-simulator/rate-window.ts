/**
 * The provider's rate rule as a sliding window: more than `burst` requests within `windowMs`,
 * two requests closer than `minGapMs`, or any request while a Retry-After is running, is a
 * violation. Violating requests are answered with the provider's own error.
 */
export class RateWindow {
  private readonly times: number[] = [];
  private blockedUntil = 0;

  constructor(
    private readonly burst: number,
    private readonly windowMs: number,
    private readonly minGapMs: number,
  ) {}

  /** Records a request at `now`; true when it breaks the rule. */
  hit(now: number): boolean {
    while (this.times.length > 0 && this.times[0]! <= now - this.windowMs) this.times.shift();
    const last = this.times.at(-1);
    const tooClose = this.minGapMs > 0 && last !== undefined && now - last < this.minGapMs;
    const violation = now < this.blockedUntil || this.times.length >= this.burst || tooClose;
    this.times.push(now);

    return violation;
  }

  /** After answering with a Retry-After, every request before it passes is a violation. */
  block(until: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, until);
  }
}
