import { describe, expect, it } from "vitest";

import { logger } from "../logger";
import { DeferredStarts } from "./deferred-starts";
import type { Sql } from "./sql";

interface Call {
  starts: { id: string; attempt: number }[];
  answer: (rows: { id: string }[]) => void;
  fail: (err: Error) => void;
}

/** A database that holds each start write until the test answers it. */
function heldDatabase() {
  const calls: Call[] = [];
  const sql: Sql = {
    executeSql: (_text: string, values?: unknown[]) =>
      new Promise((resolve, reject) => {
        calls.push({
          starts: JSON.parse(String(values?.[0])) as Call["starts"],
          answer: (rows) => resolve({ rows }),
          fail: reject,
        });
      }),
  };

  return { sql, calls };
}

const flushPromises = () => new Promise((resolve) => setImmediate(resolve));

function startsOf(sql: Sql, ids: string[], delayMs = 60_000) {
  const started: string[] = [];
  const lost: string[] = [];
  const starts = new DeferredStarts(
    ids.map((id) => ({ id, attempt: 2, seq: 5 })),
    {
      sql,
      runnerId: "r1",
      log: logger.child({ test: true }),
      delayMs,
      onStarted: (rows) => started.push(...rows.map((r) => r.id)),
      onLost: (id) => lost.push(id),
    },
  );

  return { starts, started, lost };
}

describe("DeferredStarts", () => {
  it("hands an unwritten start to the end, and writes nothing itself", async () => {
    const { sql, calls } = heldDatabase();
    const { starts } = startsOf(sql, ["a"]);

    const unstarted = await starts.beforeEnd("a");
    starts.close();

    expect(unstarted).toMatchObject({ runnerId: "r1", seq: 5 });
    expect(unstarted!.runningMs).toBeGreaterThanOrEqual(0);
    expect(calls).toHaveLength(0);
    expect(await starts.beforeEnd("a")).toBeUndefined();
  });

  it("writes every waiting start of the batch in one statement when one is needed", async () => {
    const { sql, calls } = heldDatabase();
    const { starts, started, lost } = startsOf(sql, ["a", "b", "c"]);
    await starts.beforeEnd("c");

    const owned = starts.ensure("a");
    await flushPromises();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.starts.map((s) => [s.id, s.attempt])).toEqual([
      ["a", 3],
      ["b", 3],
    ]);
    calls[0]!.answer([{ id: "a" }]);

    expect(await owned).toBe(true);
    expect(await starts.ensure("b")).toBe(false);
    expect(started).toEqual(["a"]);
    expect(lost).toEqual(["b"]);
    starts.close();
  });

  it("makes an end wait for a start being written, then close it normally", async () => {
    const { sql, calls } = heldDatabase();
    const { starts } = startsOf(sql, ["a"]);
    void starts.ensure("a");
    await flushPromises();

    let settled = false;
    const before = starts.beforeEnd("a").then((u) => {
      settled = true;

      return u;
    });
    await flushPromises();
    expect(settled).toBe(false);
    calls[0]!.answer([{ id: "a" }]);

    expect(await before).toBeUndefined();
    starts.close();
  });

  it("keeps a start waiting after a failed write, so the end can still carry it", async () => {
    const { sql, calls } = heldDatabase();
    const { starts } = startsOf(sql, ["a"]);

    const owned = starts.ensure("a");
    await flushPromises();
    calls[0]!.fail(new Error("connection reset"));

    await expect(owned).rejects.toThrow(/could not be written/);
    expect(await starts.beforeEnd("a")).toMatchObject({ runnerId: "r1" });
    starts.close();
  });

  it("writes the waiting starts when the delay is up", async () => {
    const { sql, calls } = heldDatabase();
    const { starts, started } = startsOf(sql, ["a", "b"], 10);

    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(calls).toHaveLength(1);
    calls[0]!.answer([{ id: "a" }, { id: "b" }]);
    await flushPromises();

    expect(started).toEqual(["a", "b"]);
    expect(await starts.beforeEnd("a")).toBeUndefined();
    starts.close();
  });
});
