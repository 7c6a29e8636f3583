import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { ProgressCoalescer, type ProgressUpdate } from "./progress-coalescer";

describe("ProgressCoalescer", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it("writes 1,000 reports a second at most once an interval, the last on close", async () => {
    const writes: ProgressUpdate[] = [];
    const coalescer = new ProgressCoalescer(async (u) => {
      writes.push(u);
    }, 200);

    for (let i = 1; i <= 1_000; i += 1) {
      coalescer.report({ percent: i / 10 });
      await vi.advanceTimersByTimeAsync(1);
    }
    await coalescer.close();

    expect(writes.length).toBeGreaterThanOrEqual(5);
    expect(writes.length).toBeLessThanOrEqual(7);
    expect(writes.at(-1)?.percent).toBe(100);
  });

  it("holds the first report an interval and never runs two writes together", async () => {
    let running = 0;
    let overlapped = false;
    const coalescer = new ProgressCoalescer(async () => {
      running += 1;
      overlapped ||= running > 1;
      await new Promise((resolve) => setTimeout(resolve, 500));
      running -= 1;
    }, 100);

    coalescer.report({ percent: 1 });
    expect(running).toBe(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(running).toBe(1);
    for (let i = 0; i < 20; i += 1) {
      coalescer.report({ percent: i });
      await vi.advanceTimersByTimeAsync(50);
    }
    const closing = coalescer.close();
    await vi.advanceTimersByTimeAsync(2_000);
    await closing;

    expect(overlapped).toBe(false);
  });
});
