import type { PgBoss } from "pg-boss";

import { databaseUrl } from "../config";
import { createSenderBoss } from "../queue/boss";
import { type JobEventSink, jobEvents } from "../realtime/job-event-publisher";

/** What jobs code needs from its process: the queue (and its pool) and the event sink. */
export interface JobServices {
  boss: PgBoss;
  events: JobEventSink;
}

const globalForJobs = globalThis as unknown as { roadieJobServices?: Promise<JobServices> };

/**
 * The web process's jobs services: a started sender-only pg-boss and the event publisher,
 * made once per process (kept on globalThis so dev reloads do not open new pools).
 */
export function jobServices(): Promise<JobServices> {
  globalForJobs.roadieJobServices ??= (async () => {
    const boss = createSenderBoss(databaseUrl());
    await boss.start();

    return { boss, events: jobEvents() };
  })().catch((err: unknown) => {
    globalForJobs.roadieJobServices = undefined;
    throw err;
  });

  return globalForJobs.roadieJobServices;
}
