// The runner: the only process that works jobs. Run it with node directly so SIGTERM reaches
// it (npm wrappers swallow signals): `npm start` runs the bundle tools/stack/runner-bundle.ts
// compiles from this file; `node --import tsx jobs/runner.ts` runs it from source.
import os from "node:os";

import { config, databaseUrl } from "../lib/config";
import { migrate } from "../lib/db/migrate";
import { schedulePruning } from "../lib/jobs/job-retention";
import { bossSql } from "../lib/jobs/sql";
import { logger } from "../lib/logger";
import { createRunnerBoss } from "../lib/queue/boss";
import { syncQueues } from "../lib/queue/sync-queues";
import { createJobEventSink } from "../lib/realtime/job-event-publisher";
import { JOB_DEFINITIONS } from "./definitions";
import { startWorkers } from "./workers";

const runnerId = config().RUNNER_ID ?? `${os.hostname()}:${process.pid}`;
const log = logger.child({ runnerId });

async function main() {
  // Installed first: a signal during start-up must not kill the process with jobs half-claimed.
  const shutdown: { drain?: () => Promise<void> } = {};
  installShutdown(async () => shutdown.drain?.());

  const url = databaseUrl();
  await migrate(url, log);

  const boss = createRunnerBoss(url);
  await boss.start({ attempts: 5 });

  const { created, drift } = await syncQueues(boss, JOB_DEFINITIONS);
  if (drift.length > 0) {
    log.fatal(
      { drift },
      "queue definitions in the database differ from the code; refusing to start",
    );
    await boss.stop({ graceful: false });
    process.exit(78);
  }
  log.info({ created }, "queues ready");

  const events = createJobEventSink(log);
  const runner = await startWorkers(boss, { runnerId, databaseUrl: url, log, events });
  log.info({ types: JOB_DEFINITIONS.map((d) => d.type) }, "runner started");
  const stopPruning = schedulePruning(bossSql(boss), JOB_DEFINITIONS, log);

  shutdown.drain = async () => {
    stopPruning();
    const drainMs = config().RUNNER_DRAIN_SECONDS * 1000;
    const { released } = await runner.drain(drainMs);
    log.info({ released }, "workers drained");
    await boss.stop({ graceful: true, timeout: 5_000 });
  };
}

/** First SIGTERM/SIGINT drains within its bound and exits 0; a second one exits at once. */
function installShutdown(drain: () => Promise<void>) {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, "second signal: exiting now");
      process.exit(130);
    }
    stopping = true;
    log.info({ signal }, "draining");
    // Every wait of the drain is bounded, but a database that stops answering can still hold a
    // statement of pg-boss's; past the drain time and these margins the runner goes anyway.
    const overrunMs = config().RUNNER_DRAIN_SECONDS * 1000 + 20_000;
    setTimeout(() => {
      log.error({ overrunMs }, "drain overran its bound: exiting now");
      process.exit(1);
    }, overrunMs).unref();
    drain()
      .then(() => {
        log.info("runner stopped");
        process.exit(0);
      })
      .catch((err: unknown) => {
        log.error({ err }, "drain failed");
        process.exit(1);
      });
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}

main().catch((err: unknown) => {
  log.fatal({ err }, "runner failed to start");
  process.exit(1);
});
