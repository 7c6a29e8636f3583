import { describe, expect, it } from "vitest";

import { PROVIDER_LIMITS } from "../../lib/providers/provider-limits";
import { RateWindow } from "./rate-window";

const mb = PROVIDER_LIMITS.musicbrainz;
const window = () => new RateWindow(mb.windows, mb.minGapMs);

/** Violations when requests arrive at these times (ms). */
function violations(times: number[]): number {
  const w = window();
  return times.filter((t) => w.hit(t) !== null).length;
}

const paced = (gapMs: number, n: number, jitter = () => 0) =>
  Array.from({ length: n }, (_, i) => i * gapMs + jitter());

describe("MusicBrainz rate window", () => {
  it("accepts a client pacing start-to-start at the limit with a small margin and jitter", () => {
    let seed = 1;
    const jitter = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 20;
    expect(violations(paced(1025, 300, jitter))).toBe(0);
  });

  it("refuses a client that is too fast on average even when no two requests are close", () => {
    // 1.3 requests/s: each gap is 770 ms, above the half-interval rule.
    expect(violations(paced(770, 40))).toBeGreaterThan(0);
  });

  it("refuses two uncoordinated 1/s limiters and parallel bursts", () => {
    const two = [...paced(1000, 20), ...paced(1000, 20).map((t) => t + 600)].sort((a, b) => a - b);
    expect(violations(two)).toBeGreaterThan(0);
    expect(violations([0, 5, 10, 2000, 2005])).toBeGreaterThan(0);
  });
});

describe("judgement under the simulator's own stalls", () => {
  it("is exactly as strict as the stamps when the simulator was not stalled", () => {
    const w = window();
    expect(w.hit(0, 0)).toBeNull();
    expect(w.hit(499, 499)).toEqual({ rule: "gap 499.0 ms < 500 ms", certain: true });
  });

  it("calls a short gap uncertain when a stall may have held the earlier request back", () => {
    const w = window();
    expect(w.hit(0)).toBeNull();
    // Read at 2000 after a stall that began at 1300: it may have arrived anywhere since then.
    expect(w.hit(2000, 1300)).toBeNull();
    expect(w.hit(2015, 2015)).toEqual({ rule: "gap 15.0 ms < 500 ms", certain: false });
  });

  it("calls a request during a Retry-After certain only if it came after the answer", () => {
    const w = window();
    expect(w.hit(0)).toBeNull();
    w.block(1000, 3000);
    // Read after the answer, but a stall since 900 may have held back one sent before it.
    expect(w.hit(1500, 900)).toEqual({ rule: "during Retry-After", certain: false });
    expect(w.hit(2100, 2100)).toEqual({ rule: "during Retry-After", certain: true });
    // A second answer while the first one runs does not move the start of the wait.
    w.block(2500, 4000);
    expect(w.hit(2600, 1200)).toEqual({ rule: "during Retry-After", certain: true });
    expect(w.hit(4100)).toBeNull();
  });

  it("keeps a violation certain when even the longest possible gap is too short", () => {
    const w = window();
    expect(w.hit(0)).toBeNull();
    expect(w.hit(2000, 1900)).toBeNull();
    expect(w.hit(2015, 2015)).toEqual({ rule: "gap 15.0 ms < 500 ms", certain: true });
  });
});
