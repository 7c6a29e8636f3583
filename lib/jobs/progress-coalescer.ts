export interface ProgressUpdate {
  /** 0 to 100. */
  percent: number;
  stage?: string;
  message?: string;
}

type Flush = (update: ProgressUpdate) => Promise<void>;

/**
 * Keeps only the latest progress report and hands it on at most once per interval, plus the
 * final value on close. A handler may report a thousand times a second; the database and the
 * browsers see a few writes a second. Never more than one flush runs at a time.
 */
export class ProgressCoalescer {
  private pending: ProgressUpdate | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | undefined;
  // The first write also waits an interval: a job that finishes sooner writes no progress at
  // all, only its end.
  private lastFlushAt = Date.now();
  private closed = false;
  /** How many flushes ran, for tests and benchmarks. */
  flushes = 0;

  constructor(
    private readonly flush: Flush,
    private readonly intervalMs = 200,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  /** Records the latest progress; cheap enough to call in a tight loop. */
  report(update: ProgressUpdate): void {
    if (this.closed) return;
    this.pending = update;
    this.schedule();
  }

  /** Drops a pending report (the caller is about to store a newer truth itself). */
  discard(): void {
    this.pending = undefined;
  }

  /** Flushes whatever is pending now and stops accepting reports. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
    if (this.pending) await this.run();
  }

  private schedule(): void {
    if (this.timer || this.inFlight) return;
    const wait = this.lastFlushAt + this.intervalMs - Date.now();
    if (wait <= 0) {
      void this.run();

      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, wait);
  }

  private async run(): Promise<void> {
    const update = this.pending;
    if (!update) return;
    this.pending = undefined;
    this.lastFlushAt = Date.now();
    this.flushes += 1;
    this.inFlight = this.flush(update).catch(this.onError);
    await this.inFlight;
    this.inFlight = undefined;
    if (this.pending && !this.closed) this.schedule();
  }
}
