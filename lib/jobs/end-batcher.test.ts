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

/** The job ids of an end statement's input. */
const idsOf = (values?: unknown[]) =>
  (JSON.parse(String(values?.[0])) as { id: string }[]).map((e) => e.id);

/** A database whose statements answer only when the test says, each recorded by its ids. */
function answeredOnCue() {
  const writes: string[][] = [];
  const answers: (() => void)[] = [];
  const sql: Sql = {
    executeSql: (_text: string, values?: unknown[]) => {
      const ids = idsOf(values);
      writes.push(ids);

      return new Promise((resolve) => {
        answers.push(() => resolve({ rows: ids.map((id) => ({ id })) }));
      });
    },
  };

  return { sql, writes, answers };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("EndBatcher", () => {
  it("writes ends that arrive while a write is in flight together, in the next statement", async () => {
    const { sql, writes, answers } = answeredOnCue();
    const batcher = new EndBatcher(sql, { maxInFlight: 1 });

    const first = batcher.end(ended("a"));
    await turn();
    const later = [batcher.end(ended("b")), batcher.end(ended("c"))];
    await turn();
    expect(writes).toEqual([["a"]]);

    answers[0]!();
    expect(await first).toEqual([{ id: "a" }]);
    for (let i = 0; i < 5 && writes.length < 2; i += 1) {
      await turn();
    }
    expect(writes).toEqual([["a"], ["b", "c"]]);
    answers[1]!();

    expect(await Promise.all(later)).toEqual([[{ id: "b" }], [{ id: "c" }]]);
  });

  it("tries each end alone when the server refuses a statement holding several", async () => {
    const writes: string[][] = [];
    const sql: Sql = {
      executeSql: (_text: string, values?: unknown[]) => {
        const ids = idsOf(values);
        writes.push(ids);
        if (ids.includes("gone")) {
          return Promise.reject(new pg.DatabaseError("violates foreign key", 0, "error"));
        }

        return Promise.resolve({ rows: ids.map((id) => ({ id })) });
      },
    };
    const batcher = new EndBatcher(sql, { retryDelaysMs: [] });

    const fine = batcher.end(ended("fine"));
    const gone = batcher.end(ended("gone"));

    expect(await fine).toEqual([{ id: "fine" }]);
    await expect(gone).rejects.toThrow(/foreign key/);
    expect(writes).toEqual([["fine", "gone"], ["fine"], ["gone"]]);
  });

  it("writes the ends of a statement that lost its connection again, then gives up", async () => {
    const writes: string[][] = [];
    let failing = 1;
    const sql: Sql = {
      executeSql: (_text: string, values?: unknown[]) => {
        const ids = idsOf(values);
        writes.push(ids);
        if (failing > 0 || ids.includes("never")) {
          failing -= 1;

          return Promise.reject(new Error("Connection terminated unexpectedly"));
        }

        return Promise.resolve({ rows: ids.map((id) => ({ id })) });
      },
    };
    const batcher = new EndBatcher(sql, { retryDelaysMs: [5, 5] });

    const ends = [batcher.end(ended("a")), batcher.end(ended("b"))];
    expect(batcher.pendingJobIds()).toEqual(["a", "b"]);

    expect(await Promise.all(ends)).toEqual([[{ id: "a" }], [{ id: "b" }]]);
    expect(writes).toEqual([
      ["a", "b"],
      ["a", "b"],
    ]);
    expect(batcher.pendingJobIds()).toEqual([]);

    const never = batcher.end(ended("never"));
    const idle = batcher.idle();
    await expect(never).rejects.toThrow(/terminated/);
    await idle;
    expect(writes.slice(2)).toEqual([["never"], ["never"], ["never"]]);
  });

  it("keeps two statements in flight, and the ends arriving meanwhile wait for either", async () => {
    const { sql, writes, answers } = answeredOnCue();
    const batcher = new EndBatcher(sql, { maxInFlight: 2 });

    const ends = [batcher.end(ended("a"))];
    await turn();
    ends.push(batcher.end(ended("b")));
    await turn();
    ends.push(batcher.end(ended("c")), batcher.end(ended("d")));
    await turn();
    expect(writes).toEqual([["a"], ["b"]]);

    answers[1]!();
    for (let i = 0; i < 5 && writes.length < 3; i += 1) await turn();
    expect(writes).toEqual([["a"], ["b"], ["c", "d"]]);
    answers[0]!();
    answers[2]!();
    expect(await Promise.all(ends)).toEqual([
      [{ id: "a" }],
      [{ id: "b" }],
      [{ id: "c" }],
      [{ id: "d" }],
    ]);
  });
});
