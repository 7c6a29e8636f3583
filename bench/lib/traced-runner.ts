// A runner for benchmarks: the same pg-boss settings, queue sync, handlers and event publisher
// as jobs/runner.ts, with timestamps (Date.now(), one JSON line each) appended to the file in
// BENCH_PROGRESS_TRACE at four points of a progress update's way out of the process:
//   report   the self_test handler calls progress()
//   publish  the event for the stored row is handed to the publisher (after the row's write)
//   sent     the batch carrying it goes to Soketi's HTTP API
//   acked    Soketi answered that batch
// Run it with node directly: node --import tsx bench/lib/traced-runner.ts
import { closeSync, openSync, writeSync } from "node:fs";
import http from "node:http";
import os from "node:os";

import Pusher from "pusher";

import { JOB_DEFINITIONS } from "../../jobs/definitions";
import { JOB_HANDLERS } from "../../jobs/handlers";
import { config, databaseUrl } from "../../lib/config";
import type { RegisteredHandler } from "../../lib/jobs/job-handler";
import { JobRunner } from "../../lib/jobs/job-runner";
import { logger } from "../../lib/logger";
import { createRunnerBoss } from "../../lib/queue/boss";
import { syncQueues } from "../../lib/queue/sync-queues";
import type { JobEventPayload } from "../../lib/realtime/job-event";
import {
  type BatchTrigger,
  JobEventPublisher,
  type JobEventSink,
} from "../../lib/realtime/job-event-publisher";

const traceFile = process.env.BENCH_PROGRESS_TRACE;
if (!traceFile) throw new Error("Set BENCH_PROGRESS_TRACE to the file the trace goes to.");
const fd = openSync(traceFile, "a");
const log = logger.child({ runnerId: `bench:${os.hostname()}:${process.pid}` });

function stamp(record: Record<string, unknown>): void {
  writeSync(fd, `${JSON.stringify({ ...record, t: Date.now() })}\n`);
}

/** self_test with its progress() calls stamped before they reach the runner's coalescer. */
function tracedHandlers(): RegisteredHandler[] {
  return JOB_HANDLERS.map((handler) =>
    handler.type !== "self_test"
      ? handler
      : {
          type: handler.type,
          run: (ctx) =>
            handler.run({
              ...ctx,
              progress: (percent, stage, message) => {
                stamp({ k: "report", jobId: ctx.job.id, percent: Math.round(percent) });
                ctx.progress(percent, stage, message);
              },
            }),
        },
  );
}

/** The publisher's Pusher client as createJobEventSink builds it, its batches stamped. */
function tracedClient(): BatchTrigger {
  const c = config();
  const client = new Pusher({
    appId: c.PUSHER_APP_ID ?? "",
    key: c.PUSHER_KEY ?? "",
    secret: c.PUSHER_SECRET ?? "",
    host: c.PUSHER_HOST,
    port: String(c.PUSHER_PORT),
    useTLS: false,
    timeout: 2_000,
    agent: new http.Agent({ keepAlive: true, maxSockets: 4 }),
  });
  const idsOf = (batch: Pusher.BatchEvent[]) =>
    [...new Set(batch.map((e) => (e.data as JobEventPayload).jobId))].join(",");
  const seqsOf = (batch: Pusher.BatchEvent[]) =>
    [...new Set(batch.map((e) => (e.data as JobEventPayload).seq))].join(",");

  return {
    async triggerBatch(batch) {
      // Read before sending: the pusher library serializes each event's data in place.
      const ids = { jobIds: idsOf(batch), seqs: seqsOf(batch) };
      stamp({ k: "sent", ...ids });
      const answer = await client.triggerBatch(batch);
      stamp({ k: "acked", ...ids });

      return answer;
    },
  };
}

function tracedSink(inner: JobEventSink): JobEventSink {
  return {
    publish(createdById, event) {
      stamp({
        k: "publish",
        jobId: event.jobId,
        kind: event.kind,
        progress: event.progress,
        seq: event.seq,
      });
      inner.publish(createdById, event);
    },
    flush: () => inner.flush(),
    stats: () => inner.stats(),
  };
}

async function main() {
  const boss = createRunnerBoss(databaseUrl());
  await boss.start({ attempts: 5 });
  const { drift } = await syncQueues(boss, JOB_DEFINITIONS);
  if (drift.length > 0) throw new Error(`queue drift: ${JSON.stringify(drift)}`);
  const events = tracedSink(new JobEventPublisher(tracedClient(), { log }));
  const runner = new JobRunner(boss, JOB_DEFINITIONS, {
    runnerId: "bench-traced",
    log,
    events,
    handlers: tracedHandlers(),
  });
  await runner.start();
  log.info("traced runner started");

  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(130);
    stopping = true;
    void runner
      .drain(2_000)
      .then(() => boss.stop({ graceful: true, timeout: 2_000 }))
      .finally(() => {
        closeSync(fd);
        process.exit(0);
      });
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err: unknown) => {
  log.fatal({ err }, "traced runner failed to start");
  process.exit(1);
});
