import pg from "pg";
import { describe, expect, it } from "vitest";

import type { AttemptEnd } from "./attempt-store";
import { EndBatcher } from "./end-batcher";
import type { Sql } from "./sql";

const ended = (id: string): AttemptEnd => ({
  id,
  attempt: 1,
  status: "completed",
  outcome: "completed",
  kind: "completed",
  error: null,
  message: null,
  result: null,
});

describe("EndBatcher", () => {
  it("writes ends that arrive while a write is in flight together, in the next statement", async () => {
    const writes: string[][] = [];
    const answers: (() => void)[] = [];
    const sql: Sql = {
      executeSql: (_text: string, values?: unknown[]) => {
        const ids = (JSON.parse(String(values?.[0])) as { id: string }[]).map((e) => e.id);
        writes.push(ids);

        return new Promise((resolve) => {
          answers.push(() => resolve({ rows: ids.map((id) => ({ id })) }));
        });
      },
    };
    const batcher = new EndBatcher(sql);

    const first = batcher.end(ended("a"));
    await new Promise((resolve) => setImmediate(resolve));
    const later = [batcher.end(ended("b")), batcher.end(ended("c"))];
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual([["a"]]);

    answers[0]!();
    expect(await first).toEqual([{ id: "a" }]);
    for (let turn = 0; turn < 5 && writes.length < 2; turn += 1) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(writes).toEqual([["a"], ["b", "c"]]);
    answers[1]!();

    expect(await Promise.all(later)).toEqual([[{ id: "b" }], [{ id: "c" }]]);
  });

  it("tries each end alone when the server refuses a statement holding several", async () => {
    const writes: string[][] = [];
    const sql: Sql = {
      executeSql: (_text: string, values?: unknown[]) => {
        const ids = (JSON.parse(String(values?.[0])) as { id: string }[]).map((e) => e.id);
        writes.push(ids);
        if (ids.includes("gone")) {
          return Promise.reject(new pg.DatabaseError("violates foreign key", 0, "error"));
        }

        return Promise.resolve({ rows: ids.map((id) => ({ id })) });
      },
    };
    const batcher = new EndBatcher(sql);

    const fine = batcher.end(ended("fine"));
    const gone = batcher.end(ended("gone"));

    expect(await fine).toEqual([{ id: "fine" }]);
    await expect(gone).rejects.toThrow(/foreign key/);
    expect(writes).toEqual([["fine", "gone"], ["fine"], ["gone"]]);
  });

  it("fails every end of a statement that lost its connection, without trying them again", async () => {
    let calls = 0;
    const sql: Sql = {
      executeSql: () => {
        calls += 1;

        return Promise.reject(new Error("Connection terminated unexpectedly"));
      },
    };
    const batcher = new EndBatcher(sql);

    const ends = [batcher.end(ended("a")), batcher.end(ended("b"))];

    for (const end of ends) await expect(end).rejects.toThrow(/terminated/);
    expect(calls).toBe(1);
  });
});
