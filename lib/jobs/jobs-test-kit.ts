// Shared set-up for the jobs integration tests: a database of the test's own, a web-side
// pg-boss, runners on demand, users, and waiting for a state instead of sleeping.
import { randomUUID } from "node:crypto";

import { PgBoss } from "pg-boss";

import { JOB_DEFINITIONS } from "../../jobs/definitions";
import { JOB_HANDLERS } from "../../jobs/handlers";
import type { Actor } from "../auth/actor";
import { logger } from "../logger";
import { BOSS_SCHEMA, createSenderBoss, RUNNER_POOL_OPTIONS } from "../queue/boss";
import { syncQueues } from "../queue/sync-queues";
import type { JobEventPayload } from "../realtime/job-event";
import type { JobEventSink, PublisherStats } from "../realtime/job-event-publisher";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import { bindAppToDatabase } from "../testing/users";
import { JobRunner, type JobRunnerOptions } from "./job-runner";
import { type JobServices, jobServices } from "./job-services";
import type { JobRow } from "./job-summary";
import { bossSql, queryRows } from "./sql";

/** Keeps every published event, for assertions. */
export class RecordingSink implements JobEventSink {
  readonly events: { createdById: string; event: JobEventPayload }[] = [];

  publish(createdById: string, event: JobEventPayload): void {
    this.events.push({ createdById, event });
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  stats(): PublisherStats {
    return { sent: this.events.length, dropped: 0, failed: 0, queued: 0 };
  }

  of(jobId: string): JobEventPayload[] {
    return this.events.filter((e) => e.event.jobId === jobId).map((e) => e.event);
  }
}

export interface JobsKit {
  database: TestDatabase;
  services: JobServices & { events: RecordingSink };
  startRunner(
    options?: Partial<JobRunnerOptions> & { supervise?: boolean },
  ): Promise<{ runner: JobRunner; boss: PgBoss }>;
  createActor(role?: Actor["role"]): Promise<Actor>;
  job(id: string): Promise<JobRow>;
  waitForJob(id: string, done: (row: JobRow) => boolean, timeoutMs?: number): Promise<JobRow>;
  close(): Promise<void>;
}

/** A runner-side pg-boss on the test database, queues in sync with the code. */
export async function startRunnerBoss(url: string, supervise = false): Promise<PgBoss> {
  const boss = new PgBoss({
    ...RUNNER_POOL_OPTIONS,
    connectionString: url,
    schema: BOSS_SCHEMA,
    max: 6,
    useListenNotify: true,
    supervise,
    superviseIntervalSeconds: 2,
    monitorIntervalSeconds: 2,
    schedule: false,
  });
  boss.on("error", (err) => logger.debug({ err }, "test runner boss error"));
  await boss.start();
  await syncQueues(boss, JOB_DEFINITIONS);

  return boss;
}

/** Sets up a jobs test: call in beforeAll, close() in afterAll. */
export async function createJobsKit(): Promise<JobsKit> {
  const database = await createTestDatabase();
  const setupBoss = await startRunnerBoss(database.url);
  await setupBoss.stop({ graceful: false });
  const boss = createSenderBoss(database.url);
  await boss.start();
  const events = new RecordingSink();
  const services = { boss, events };
  const started: { runner: JobRunner; boss: PgBoss }[] = [];
  const sql = bossSql(boss);

  const job = async (id: string) => {
    const [row] = await queryRows<JobRow>(sql, `SELECT * FROM job WHERE id = $1`, [id]);
    if (!row) throw new Error(`no job ${id}`);

    return row;
  };

  return {
    database,
    services,
    job,
    async startRunner({ supervise, ...options } = {}) {
      const runnerBoss = await startRunnerBoss(database.url, supervise);
      const runner = new JobRunner(runnerBoss, JOB_DEFINITIONS, {
        runnerId: `test-${randomUUID().slice(0, 8)}`,
        databaseUrl: database.url,
        log: logger.child({ test: true }),
        events,
        handlers: JOB_HANDLERS,
        notifyPollingIntervalSeconds: 0.5,
        ...options,
      });
      await runner.start();
      started.push({ runner, boss: runnerBoss });

      return { runner, boss: runnerBoss };
    },
    async createActor(role = "member") {
      const id = randomUUID();
      const name = `${role} ${id.slice(0, 6)}`;
      await sql.executeSql(
        `INSERT INTO "user" (id, name, email, role, "updatedAt") VALUES ($1, $2, $3, $4, now())`,
        [id, name, `${id}@example.test`, role],
      );

      return { userId: id, email: `${id}@example.test`, name, role, via: "session" };
    },
    async waitForJob(id, done, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const row = await job(id);
        if (done(row)) return row;
        if (Date.now() > deadline) throw new Error(`job ${id} stuck at ${row.status}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async close() {
      for (const s of started) {
        await s.runner.drain(1_000).catch(() => {});
        await s.boss.stop({ graceful: false }).catch(() => {});
      }
      await boss.stop({ graceful: false });
      await database.drop();
    },
  };
}

/**
 * A jobs kit whose database the app's route handlers use as well; close() also stops the
 * pg-boss those handlers started, before the database goes.
 */
export async function createAppJobsKit(): Promise<JobsKit> {
  const kit = await createJobsKit();
  bindAppToDatabase(kit.database);

  return {
    ...kit,
    async close() {
      await (await jobServices()).boss.stop({ graceful: false });
      await kit.close();
    },
  };
}
