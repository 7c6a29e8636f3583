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
});
