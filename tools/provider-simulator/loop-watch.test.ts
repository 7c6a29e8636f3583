import { setTimeout as sleep } from "node:timers/promises";

import { expect, it } from "vitest";

import { LoopWatch } from "./loop-watch";

function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Holds the event loop, as a starved or busy simulator would.
  }
}

// Only the stall side is checked: on a busy machine this process may be stalled at any moment
// too, so "no stall, stamp kept" cannot be asserted from wall-clock time.
it("dates a stamp back to the start of a stall", async () => {
  const watch = new LoopWatch();
  try {
    await sleep(5);
    const before = performance.now();
    spin(30);
    const late = performance.now();
    expect(watch.earliest(late)).toBeLessThanOrEqual(before);

    await sleep(5);
    expect(watch.figures.count).toBeGreaterThanOrEqual(1);
    expect(watch.figures.maxMs).toBeGreaterThanOrEqual(25);
  } finally {
    watch.stop();
  }
});
