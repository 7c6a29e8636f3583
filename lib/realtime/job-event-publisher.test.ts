import { describe, expect, it } from "vitest";

import type { JobEventPayload } from "./job-event";
import { type BatchTrigger, JobEventPublisher } from "./job-event-publisher";

const event = (seq: number, message = "m"): JobEventPayload => ({
  jobId: "j1",
  type: "self_test",
  kind: "progress",
  status: "processing",
  progress: seq,
  stage: null,
  message,
  etaSeconds: null,
  attempt: 1,
  seq,
  label: "",
  at: new Date(0).toISOString(),
});

describe("JobEventPublisher", () => {
  it("sends each event to the owner's and the admin channel, in batches of ten", async () => {
    const calls: { channel: string; name: string }[][] = [];
    const client: BatchTrigger = {
      triggerBatch: async (batch) => {
        calls.push(batch.map(({ channel, name }) => ({ channel, name })));
      },
    };
    const publisher = new JobEventPublisher(client, { maxInFlight: 1 });

    for (let i = 1; i <= 7; i += 1) publisher.publish("u1", event(i));
    await publisher.flush();

    expect(calls.map((c) => c.length)).toEqual([10, 4]);
    expect(calls[0]?.slice(0, 2)).toEqual([
      { channel: "private-user-u1", name: "job" },
      { channel: "private-admin", name: "job" },
    ]);
    expect(publisher.stats()).toMatchObject({ sent: 7, dropped: 0 });
  });

  it("drops and counts events beyond its queue while Soketi hangs, without waiting", () => {
    const client: BatchTrigger = { triggerBatch: () => new Promise(() => {}) };
    const publisher = new JobEventPublisher(client, { maxQueue: 10, maxInFlight: 1 });

    const started = performance.now();
    for (let i = 0; i < 1_000; i += 1) publisher.publish("u1", event(i));

    expect(performance.now() - started).toBeLessThan(200);
    expect(publisher.stats().dropped).toBe(1_000 - 10);
  });

  it("keeps events small whatever a handler writes", async () => {
    const sent: unknown[] = [];
    const publisher = new JobEventPublisher({ triggerBatch: async (b) => void sent.push(...b) });

    publisher.publish("u1", { ...event(1, "x".repeat(50_000)), error: "e".repeat(50_000) });
    await publisher.flush();

    expect(JSON.stringify(sent[0]).length).toBeLessThan(2_000);
  });

  it("lets a partial batch wait for company, then sends it without being asked", async () => {
    const calls: number[] = [];
    const client: BatchTrigger = { triggerBatch: async (batch) => void calls.push(batch.length) };
    const publisher = new JobEventPublisher(client, { lingerMs: 40 });

    publisher.publish("u1", event(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    publisher.publish("u1", event(2));
    expect(calls).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 80));

    expect(calls).toEqual([4]);
  });

  it("sends a full batch at once and stops lingering when flushed", async () => {
    const calls: number[] = [];
    const client: BatchTrigger = { triggerBatch: async (batch) => void calls.push(batch.length) };
    const publisher = new JobEventPublisher(client, { lingerMs: 60_000, maxInFlight: 1 });

    for (let i = 1; i <= 6; i += 1) publisher.publish("u1", event(i));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(calls).toEqual([10]);

    const started = performance.now();
    await publisher.flush();
    expect(calls).toEqual([10, 2]);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
