import type { Job, JobResult, PgBoss } from "pg-boss";

import { PreparedPool } from "../db/prepared-pool";
import type { Logger } from "../logger";
import type { JobDefinition } from "../queue/job-definition";
import type { JobEventSink } from "../realtime/job-event-publisher";
import { readClaimed, RUNNABLE_STATUSES, staleProcessing } from "./attempt-store";
import { asNextAttempt, notStartedResults, unrecordedResult } from "./claim-results";
import { DeferredStarts } from "./deferred-starts";
import { EndBatcher } from "./end-batcher";
import { CANCEL_CHANNEL } from "./job-actions";
import { StopSignal } from "./job-context";
import type { RegisteredHandler } from "./job-handler";
import { publishRows } from "./job-events";
import { reconcileLost } from "./lost-attempts";
import { runAttempt } from "./run-attempt";
import { bossSql, queryRows, type Sql } from "./sql";
import { settleStrandedJobs } from "./stranded-jobs";

export interface JobRunnerOptions {
  runnerId: string;
  /**
   * Where the runner's own row writes go, on a small pool of prepared statements of its own.
   * Without it they share pg-boss's pool and are planned afresh each time.
   */
  databaseUrl?: string;
  log: Logger;
  events: JobEventSink;
  handlers: readonly RegisteredHandler[];
  /** Least time between two progress writes of one job. */
  progressIntervalMs?: number;
  /** Idle polling while NOTIFY wakes workers; also how soon retries are noticed. */
  notifyPollingIntervalSeconds?: number;
  /**
   * How long a claimed attempt's start may wait to be written together with its end; longer
   * jobs show as processing this much later than they began.
   */
  startWriteDelayMs?: number;
  /** How often rows left processing by a lost runner are reconciled with pg-boss. */
  reconcileIntervalMs?: number;
  /** Per-type overrides for benchmarks and tests. */
  workOverrides?: { batchSize?: number; localConcurrency?: number };
}

interface Running {
  controller: AbortController;
  done: Promise<unknown>;
}

/**
 * Works every job type in one process: claims through pg-boss (woken by NOTIFY), runs each
 * attempt through its handler, stops handlers on cancel NOTIFYs, reconciles rows whose runner
 * vanished, and drains on shutdown.
 */
export class JobRunner {
  private readonly running = new Map<string, Running>();
  private readonly sql: Sql;
  /** The hot writes: claims read, attempts started and ended, progress. */
  private readonly writes: Sql;
  private readonly preparedPool: PreparedPool | undefined;
  private readonly ends: EndBatcher;
  private listenHandle: { close(): Promise<void> } | undefined;
  private reconcileTimer: ReturnType<typeof setInterval> | undefined;
  private draining = false;

  constructor(
    private readonly boss: PgBoss,
    private readonly definitions: readonly JobDefinition[],
    private readonly options: JobRunnerOptions,
  ) {
    this.sql = bossSql(boss);
    if (options.databaseUrl) {
      this.preparedPool = new PreparedPool({
        connectionString: options.databaseUrl,
        max: 4,
        application_name: "roadie-runner-writes",
      });
    }
    this.writes = this.preparedPool ?? this.sql;
    this.ends = new EndBatcher(this.writes);
  }

  /** Registers one pg-boss worker per type and starts listening for cancellations. */
  async start(): Promise<void> {
    const listen = this.sql.listen?.bind(this.sql);
    if (listen) {
      this.listenHandle = await listen(
        CANCEL_CHANNEL,
        (jobId) => this.stop(jobId, "cancelled"),
        () => void this.recheckCancelled(),
      );
    }
    for (const definition of this.definitions) await this.work(definition);
    const every = this.options.reconcileIntervalMs ?? 15_000;
    this.reconcileTimer = setInterval(() => void this.reconcile(), every);
    this.reconcileTimer.unref();
  }

  private async work(definition: JobDefinition) {
    const overrides = this.options.workOverrides ?? {};
    const notifyPolling = this.options.notifyPollingIntervalSeconds ?? 5;
    const handler = this.options.handlers.find((h) => h.type === definition.type);
    const workOptions = {
      localConcurrency: overrides.localConcurrency ?? definition.concurrency,
      batchSize: this.batchSizeOf(definition),
      // The queue's options (retry limit and the rest) are the definition's, which the runner
      // refuses to start without; parsing them again for every job cost more than the job.
      includeMetadata: false,
      perJobResults: true,
      burstWhenBatchFull: true,
      pollingIntervalSeconds: Math.min(2, notifyPolling),
      notifyPollingIntervalSeconds: notifyPolling,
    } as const;
    await this.boss.work(definition.type, workOptions, (jobs: Job<unknown>[]) =>
      this.runBatch(definition, handler, jobs),
    );
  }

  private async runBatch(
    definition: JobDefinition,
    handler: RegisteredHandler | undefined,
    jobs: Job<unknown>[],
  ): Promise<JobResult[]> {
    const controllers = new Map(jobs.map((job) => [job.id, new AbortController()]));
    let release: () => void = () => {};
    const done = new Promise<void>((resolve) => (release = resolve));
    for (const [id, controller] of controllers) this.running.set(id, { controller, done });
    let starts: DeferredStarts | undefined;
    try {
      const claimed = await readClaimed(this.writes, [...controllers.keys()]);
      const runnable = new Map(
        claimed.filter((row) => RUNNABLE_STATUSES.includes(row.status)).map((r) => [r.id, r]),
      );
      const skipped = notStartedResults(
        jobs.filter((job) => !runnable.has(job.id)),
        claimed,
        this.options.log,
      );
      starts = new DeferredStarts([...runnable.values()], {
        sql: this.writes,
        runnerId: this.options.runnerId,
        log: this.options.log,
        delayMs: this.options.startWriteDelayMs ?? 50,
        onStarted: (rows) => publishRows(this.options.events, rows, "started"),
        onLost: (id) => controllers.get(id)?.abort(new StopSignal("superseded")),
      });
      const deps = {
        ...this.options,
        boss: this.boss,
        sql: this.sql,
        writes: this.writes,
        ends: this.ends,
        starts,
        progressIntervalMs: this.options.progressIntervalMs ?? 200,
      };
      const ran = await Promise.all(
        jobs.flatMap((job) => {
          const row = runnable.get(job.id);
          const controller = controllers.get(job.id);

          return row && controller
            ? [
                runAttempt(deps, definition, handler, job, asNextAttempt(row), controller).catch(
                  (err: unknown) => unrecordedResult(job, err, this.options.log),
                ),
              ]
            : [];
        }),
      );

      return [...ran, ...skipped];
    } finally {
      starts?.close();
      for (const id of controllers.keys()) this.running.delete(id);
      release();
      if (this.batchSizeOf(definition) === 1) this.fetchAgainNow(definition.type);
    }
  }

  private batchSizeOf(definition: JobDefinition): number {
    return this.options.workOverrides?.batchSize ?? definition.batchSize;
  }

  /**
   * A full batch suggests more work is waiting. pg-boss would otherwise sleep its polling
   * interval before the next fetch (NOTIFY only fires for new jobs, not for a backlog), so a
   * queue of short jobs would drain at one batch per interval per worker. pg-boss fetches again
   * at once by itself after a full batch (burstWhenBatchFull), but not for batches of one.
   */
  private fetchAgainNow(type: string) {
    if (this.draining) return;
    for (const worker of this.boss.getWipData()) {
      if (worker.name === type) this.boss.notifyWorker(worker.id);
    }
  }

  /** Aborts a running handler of this runner, if it holds the job. */
  stop(jobId: string, reason: "cancelled" | "drain"): boolean {
    const running = this.running.get(jobId);
    if (!running) return false;
    running.controller.abort(new StopSignal(reason));

    return true;
  }

  /** After a LISTEN reconnect: catch cancellations whose NOTIFY was missed. */
  private async recheckCancelled() {
    const ids = [...this.running.keys()];
    if (ids.length === 0) return;
    const rows = await queryRows<{ id: string }>(
      this.sql,
      `SELECT id FROM job WHERE id = ANY($1::uuid[]) AND status = 'cancelled'`,
      [ids],
    ).catch(() => []);
    for (const { id } of rows) this.stop(id, "cancelled");
  }

  /**
   * Rows a vanished runner left processing, and waiting rows whose pg-boss job already ended,
   * take pg-boss's word for what became of them.
   */
  async reconcile(olderThanSeconds = 30): Promise<number> {
    try {
      // Rows whose attempt still runs here, or whose end is still being written, are not lost.
      const held = [...this.running.keys(), ...this.ends.pendingJobIds()];
      const stale = await staleProcessing(this.sql, held, olderThanSeconds);
      for (const row of stale) {
        const definition = this.definitions.find((d) => d.type === row.type);
        if (definition)
          await reconcileLost(
            { ...this.options, boss: this.boss, sql: this.sql },
            definition,
            row,
            row,
          );
      }

      const stranded = await settleStrandedJobs(this.sql, held, olderThanSeconds);
      for (const row of stranded) {
        this.options.log.warn(
          { jobId: row.id, type: row.type, status: row.status, error: row.error },
          "settled a job the queue had ended without a recorded attempt",
        );
        publishRows(this.options.events, [row], row.eventKind);
      }

      return stale.length + stranded.length;
    } catch (err) {
      this.options.log.warn({ err }, "reconcile failed");

      return 0;
    }
  }

  /**
   * Stops claiming, lets running jobs finish for up to timeoutMs, then aborts the rest, which
   * release their jobs for another runner, and waits (bounded) for them to do so.
   */
  async drain(timeoutMs: number): Promise<{ released: number }> {
    this.draining = true;
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    await Promise.all(this.definitions.map((d) => this.boss.offWork(d.type, { wait: false })));
    await waitAll(this.pending(), timeoutMs);
    const left = [...this.running.keys()];
    for (const id of left) this.stop(id, "drain");
    await waitAll(this.pending(), 5_000);
    // Ends are written behind the attempts; one that cannot be written by then is left to the
    // reconciler, which takes pg-boss's record of the job.
    await Promise.race([this.ends.idle(), delay(5_000)]);
    const unwritten = this.ends.pendingJobIds();
    if (unwritten.length > 0) {
      this.options.log.warn(
        { jobIds: unwritten },
        "attempt outcomes not written before exit; pg-boss's record of them will settle the rows",
      );
    }
    await this.listenHandle?.close().catch(() => {});
    await Promise.race([this.options.events.flush(), delay(2_000)]);
    // Closing waits for connections still out, which a stalled database would hold forever.
    await Promise.race([this.preparedPool?.close(), delay(2_000)]);

    return { released: left.length };
  }

  private pending(): Promise<unknown>[] {
    return [...new Set([...this.running.values()].map((r) => r.done))];
  }

  /** Ids of jobs this runner is working now. */
  heldJobIds(): string[] {
    return [...this.running.keys()];
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

async function waitAll(promises: Promise<unknown>[], timeoutMs: number) {
  await Promise.race([Promise.allSettled(promises), delay(timeoutMs)]);
}
