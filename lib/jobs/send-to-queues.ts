// pg-boss inserts for prepared jobs, sent inside an enqueue's transaction so that each job's row
// and its queue entry commit together.
import type { JobInsert } from "pg-boss";

import type { PreparedJob } from "./enqueue-job";
import type { JobServices } from "./job-services";
import { bossPriorityOf } from "./priority";
import type { Sql } from "./sql";

/** The pg-boss send options for a prepared job. */
export function bossOptionsOf(job: PreparedJob): JobInsert {
  const singletonKey = job.definition.singletonKey?.(job.payload);
  const insert: JobInsert = {
    id: job.id,
    data: job.payload,
    priority: bossPriorityOf(job.priority),
  };
  if (job.runAt) insert.startAfter = job.runAt;
  if (singletonKey) insert.singletonKey = singletonKey;

  return insert;
}

/**
 * Hands each type's jobs to pg-boss inside the transaction. handedOver resolves once pg-boss
 * has sent every insert statement (so COMMIT may follow it), or rejects with what stopped it;
 * done resolves when the inserts have answered.
 */
export function sendToQueues(
  services: JobServices,
  tx: Sql,
  jobs: PreparedJob[],
): { handedOver: Promise<void>; done: Promise<void> } {
  const byType = new Map<string, PreparedJob[]>();
  for (const job of jobs) {
    const group = byType.get(job.definition.type);
    if (group) group.push(job);
    else byType.set(job.definition.type, [job]);
  }
  const calls = [...byType].map(([type, group]) =>
    withOneStatement(tx, async (db) => {
      if (group.length > 1) {
        await services.boss.insert(type, group.map(bossOptionsOf), { db });

        return;
      }
      const { data, ...options } = bossOptionsOf(group[0] as PreparedJob);
      // Every queue policy in use admits an insert; a refusal here is a broken assumption, and
      // the transaction is already on its way to COMMIT, so it is reported, not answered 409.
      if (!(await services.boss.send(type, data ?? {}, { ...options, db }))) {
        throw new Error(`pg-boss skipped the insert of job ${options.id} into ${type}`);
      }
    }),
  );

  return {
    handedOver: Promise.all(calls.map((call) => call.handedOver)).then(() => {}),
    done: Promise.all(calls.map((call) => call.done)).then(() => {}),
  };
}

/**
 * Runs a pg-boss call on the transaction, holding it to one statement, and tells when that
 * statement was sent. A call that fails before sending rejects handedOver with its error.
 */
function withOneStatement(
  tx: Sql,
  call: (db: Sql) => Promise<void>,
): { handedOver: Promise<void>; done: Promise<void> } {
  let sent: () => void = () => {};
  const handed = new Promise<void>((resolve) => (sent = resolve));
  let statements = 0;
  const db: Sql = {
    executeSql: (text, values) => {
      statements += 1;
      if (statements > 1) {
        return Promise.reject(new Error("pg-boss sent a second statement for one insert"));
      }
      sent();

      return tx.executeSql(text, values);
    },
  };
  const done = call(db);
  const handedOver = Promise.race([
    handed,
    done.then(() => {
      if (statements === 0) throw new Error("pg-boss returned without inserting");
    }),
  ]);
  done.catch(() => {});

  return { handedOver, done };
}
