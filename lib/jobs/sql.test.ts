import type { PgBoss } from "pg-boss";
import { describe, expect, it } from "vitest";

import { beginTransaction, type Transaction } from "./sql";

/** A transaction whose statements answer when told to, recording what was sent when. */
function fakeBoss(pipelined: boolean) {
  const log: string[] = [];
  const answers: (() => void)[] = [];
  const send = (what: string) => {
    log.push(`sent ${what}`);

    return new Promise<{ rows: never[] }>((resolve) => {
      answers.push(() => {
        log.push(`answered ${what}`);
        resolve({ rows: [] });
      });
    });
  };
  const tx: Transaction & { pipelined?: boolean } = {
    db: { executeSql: (text: string) => send(text) },
    commit: () => send("COMMIT").then(() => {}),
    rollback: () => send("ROLLBACK").then(() => {}),
    ...(pipelined ? { pipelined: true } : {}),
  };
  const boss = { getDb: () => ({ executeSql: send, beginTransaction: async () => tx }) };

  return { boss: boss as unknown as PgBoss, log, answers };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("beginTransaction", () => {
  it("sends statements given at once one after another on a plain connection", async () => {
    const { boss, log, answers } = fakeBoss(false);
    const tx = await beginTransaction(boss);

    const first = tx.db.executeSql("INSERT 1", []);
    const second = tx.db.executeSql("INSERT 2", []);
    const committed = tx.commit();
    await turn();
    expect(log).toEqual(["sent INSERT 1"]);

    answers[0]!();
    await first;
    await turn();
    answers[1]!();
    await second;
    await turn();
    answers[2]!();
    await committed;
    expect(log).toEqual([
      "sent INSERT 1",
      "answered INSERT 1",
      "sent INSERT 2",
      "answered INSERT 2",
      "sent COMMIT",
      "answered COMMIT",
    ]);
  });

  it("leaves a pipelined transaction's statements to go out at once", async () => {
    const { boss, log, answers } = fakeBoss(true);
    const tx = await beginTransaction(boss);

    void tx.db.executeSql("INSERT 1", []);
    void tx.db.executeSql("INSERT 2", []);
    await turn();
    expect(log).toEqual(["sent INSERT 1", "sent INSERT 2"]);
    for (const answer of answers) answer();
  });
});
