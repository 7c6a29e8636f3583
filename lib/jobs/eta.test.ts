import { describe, expect, it } from "vitest";

import { estimateEtaSeconds } from "./eta";

describe("estimateEtaSeconds", () => {
  it("scales elapsed time by the share left", () => {
    expect(estimateEtaSeconds(0, 10_000, 25)).toBe(30);
    expect(estimateEtaSeconds(0, 60_000, 50)).toBe(60);
  });

  it("gives no estimate without progress, too early, or when done", () => {
    expect(estimateEtaSeconds(0, 10_000, 0)).toBeNull();
    expect(estimateEtaSeconds(0, 500, 50)).toBeNull();
    expect(estimateEtaSeconds(0, 10_000, 100)).toBeNull();
  });
});
