import { describe, expect, it } from "vitest";

import { effectiveStatus, initialStatus, statusFromBoss } from "./status";

const now = new Date("2026-12-04T12:00:00Z");
const past = new Date("2026-12-04T11:59:00Z");
const future = new Date("2026-12-04T12:05:00Z");

describe("statusFromBoss", () => {
  it.each([
    ["created", past, false, "queued"],
    ["created", future, false, "waiting"],
    ["created", past, true, "waiting"],
    ["retry", future, false, "retrying"],
    ["active", past, false, "processing"],
    ["completed", past, false, "completed"],
    ["cancelled", past, false, "cancelled"],
    ["failed", past, false, "failed"],
  ] as const)("maps %s (start %s, blocked %s) to %s", (state, startAfter, blocked, status) => {
    expect(statusFromBoss({ state, startAfter, blocked }, now)).toBe(status);
  });
});

describe("effectiveStatus", () => {
  it("shows a waiting row whose start has passed as queued", () => {
    expect(effectiveStatus({ status: "waiting", runAt: past }, now)).toBe("queued");
    expect(effectiveStatus({ status: "waiting", runAt: future }, now)).toBe("waiting");
    expect(effectiveStatus({ status: "failed", runAt: null }, now)).toBe("failed");
  });

  it("starts a job with a future runAt as waiting, else queued", () => {
    expect(initialStatus(future, now)).toBe("waiting");
    expect(initialStatus(past, now)).toBe("queued");
    expect(initialStatus(null, now)).toBe("queued");
  });
});
