import type { PgBoss } from "pg-boss";

import type { JobEventPayload } from "../realtime/job-event";
import type { JobEventSink } from "../realtime/job-event-publisher";
import type { JobServices } from "../jobs/job-services";
import { inTransaction, type Sql } from "../jobs/sql";

/**
 * Runs fn in one transaction and gives it job services whose enqueues join that transaction,
 * so library rows and the jobs they need commit (or roll back) together. lib/jobs' enqueue
 * opens a transaction of its own; the services handed to fn answer its begin with the open one
 * (commit and rollback left to this function), and hold the "queued" events back until the
 * real commit, so no browser hears of a job that is not there yet.
 */
export async function withJobTransaction<T>(
  services: JobServices,
  fn: (tx: Sql, joined: JobServices) => Promise<T>,
): Promise<T> {
  const held: { createdById: string; event: JobEventPayload }[] = [];
  const events: JobEventSink = {
    publish: (createdById, event) => void held.push({ createdById, event }),
    flush: () => services.events.flush(),
    stats: () => services.events.stats(),
  };
  const result = await inTransaction(services.boss, (tx) =>
    fn(tx, { boss: joinedBoss(services.boss, tx), events }),
  );
  for (const { createdById, event } of held) services.events.publish(createdById, event);

  return result;
}

// Only what lib/jobs' enqueue calls on the boss: its database (for the transaction) and the
// two send methods, which take the transaction as their `db` option.
function joinedBoss(boss: PgBoss, tx: Sql): PgBoss {
  const db: Sql = {
    executeSql: (text, values) => tx.executeSql(text, values),
    beginTransaction: () =>
      Promise.resolve({
        db: tx,
        commit: () => Promise.resolve(),
        rollback: () => Promise.resolve(),
      }),
  };
  const facade: Pick<PgBoss, "getDb" | "send" | "insert"> = {
    getDb: () => db,
    send: boss.send.bind(boss),
    insert: boss.insert.bind(boss),
  };

  return facade as PgBoss;
}
