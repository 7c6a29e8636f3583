// Starts the whole stack: PostgreSQL (DATABASE_URL or embedded), Soketi, migrations, the
// runner and the Next.js server. Ctrl-C stops them in reverse order.
import path from "node:path";
import { parseArgs } from "node:util";

import { config } from "../../lib/config";
import { migrate } from "../../lib/db/migrate";
import { logger } from "../../lib/logger";
import { ensureBuild } from "./build";
import {
  afterDemoStart,
  demoDataDir,
  demoRefusal,
  startDemo,
  USE_DATABASE_URL_FLAG,
  warnAboutDemoAdmin,
} from "./demo";
import { startEmbeddedPostgres } from "./embedded-postgres";
import {
  type ManagedProcess,
  ensurePortFree,
  startProcess,
  stopProcess,
  waitFor,
} from "./processes";
import { runnerCommand } from "./runner-bundle";
import { loadOrCreateSecrets } from "./secrets";
import { startSoketi } from "./soketi";

const root = path.resolve(import.meta.dirname, "../..");
const log = logger;
const { values: flags } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    "no-build": { type: "boolean", default: false },
    demo: { type: "boolean", default: false },
    [USE_DATABASE_URL_FLAG]: { type: "boolean", default: false },
  },
});

const processes: ManagedProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
let stopping = false;

async function main() {
  const cfg = config();
  if (flags.demo) {
    const refusal = demoRefusal(cfg, flags[USE_DATABASE_URL_FLAG]);
    if (refusal) throw new Error(refusal);
  }
  const ownDataDir = path.resolve(root, cfg.ROADIE_DATA_DIR);
  const dataDir = flags.demo ? demoDataDir(ownDataDir) : ownDataDir;
  await ensurePortFree(cfg.PORT, "web", "PORT");
  await ensurePortFree(cfg.PUSHER_PORT, "Soketi", "PUSHER_PORT");

  const secrets = await loadOrCreateSecrets(dataDir);
  const databaseUrl = await resolveDatabase(dataDir, secrets.postgresPassword);
  await migrate(databaseUrl, log);
  if (!flags.demo) await warnAboutDemoAdmin(databaseUrl, log);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PUSHER_APP_ID: cfg.PUSHER_APP_ID ?? secrets.pusherAppId,
    PUSHER_KEY: cfg.PUSHER_KEY ?? secrets.pusherKey,
    PUSHER_SECRET: cfg.PUSHER_SECRET ?? secrets.pusherSecret,
    PUSHER_HOST: cfg.PUSHER_HOST,
    PUSHER_PORT: String(cfg.PUSHER_PORT),
    AUTH_SECRET: cfg.AUTH_SECRET ?? secrets.authSecret,
    PORT: String(cfg.PORT),
  };
  if (flags.demo) {
    const demo = await startDemo(dataDir, Number(process.env.DEMO_SIMULATOR_PORT ?? 4100), log);
    Object.assign(env, demo.env);
    cleanups.push(() => demo.simulator.close());
  }
  if (!flags.dev && !flags["no-build"]) await ensureBuild(root, env, log, (p) => processes.push(p));
  startSoketiProcess(env);

  const node = process.execPath;
  const runner = await runnerCommand(root, log);
  const runnerEnv = { ...env, ROADIE_SERVICE: "runner" };
  supervise(() => startProcess("runner", runner.command, runner.args, runnerEnv));
  // Built: our server in front of Next.js (tools/web-server.mjs); hot reload: Next.js's own.
  const webArgs = flags.dev
    ? [path.join(root, "node_modules/next/dist/bin/next"), "dev", "-p", String(cfg.PORT)]
    : [path.join(root, "tools/web-server.mjs"), "--port", String(cfg.PORT)];
  // The demo signs anyone in who reaches it: only this machine may.
  if (flags.demo) webArgs.push(flags.dev ? "-H" : "--hostname", "127.0.0.1");
  track(startProcess("web", node, webArgs, { ...env, ROADIE_SERVICE: "web" }));

  await waitFor(() => healthy(cfg.PORT), 120_000, "Roadie");
  // One address everywhere, APP_URL's: it is where cookies and links point.
  const appOrigin = new URL(cfg.APP_URL).origin;
  log.info({ url: appOrigin }, `Roadie is up at ${appOrigin}`);
  if (flags.demo) {
    await afterDemoStart(databaseUrl, cfg.PORT, log);
    const enter = `${appOrigin}/api/auth/demo`;
    log.info({ url: enter, dataDir }, `Demo: open ${enter} to sign in without a password`);
  }
}

async function resolveDatabase(dataDir: string, password: string): Promise<string> {
  const external = config().DATABASE_URL;
  if (external) return external;

  const port = config().EMBEDDED_PG_PORT;
  await ensurePortFree(port, "embedded PostgreSQL", "EMBEDDED_PG_PORT");
  const embedded = await startEmbeddedPostgres(dataDir, port, password, log);
  cleanups.push(embedded.stop);
  log.info({ port }, "embedded PostgreSQL started");

  return embedded.url;
}

function startSoketiProcess(env: NodeJS.ProcessEnv) {
  supervise(() =>
    startSoketi({
      root,
      port: Number(env.PUSHER_PORT),
      appId: env.PUSHER_APP_ID!,
      key: env.PUSHER_KEY!,
      secret: env.PUSHER_SECRET!,
    }),
  );
}

const RESTART_WINDOW_MS = 60_000;
const MAX_RESTARTS = 5;

/**
 * Keeps a process that may safely be restarted running: the runner (its jobs are retried from
 * PostgreSQL) and Soketi (it stores nothing; browsers refetch after reconnecting). One that keeps
 * dying (more than five times a minute) stops Roadie instead of looping.
 */
function supervise(start: () => ManagedProcess, restarts: number[] = []) {
  const proc = start();
  processes.push(proc);
  void proc.exited.then((code) => {
    if (stopping) return;
    processes.splice(processes.indexOf(proc), 1);
    const now = Date.now();
    const recent = [...restarts.filter((t) => now - t < RESTART_WINDOW_MS), now];
    if (recent.length > MAX_RESTARTS) {
      log.error({ process: proc.name, code }, `${proc.name} keeps exiting; stopping Roadie`);
      void shutdown(1);
      return;
    }
    logExit(proc, code, "restarting it");
    setTimeout(() => {
      if (!stopping) supervise(start, recent);
    }, 1_000);
  });
}

/** A process whose exit stops Roadie (the web server: nothing works without it). */
function track(proc: ManagedProcess) {
  processes.push(proc);
  void proc.exited.then((code) => {
    if (stopping) return;
    logExit(proc, code, "stopping Roadie");
    void shutdown(1);
  });
}

/**
 * Says how a process ended and what follows. Code 0 is a stop someone asked of that process
 * alone (a SIGTERM to the runner, say), so it is a warning; anything else is an error.
 */
function logExit(proc: ManagedProcess, code: number, next: string) {
  const signal = proc.signal();
  const fields = { process: proc.name, code, signal: signal ?? undefined };
  if (code === 0) log.warn(fields, `${proc.name} stopped; ${next}`);
  else {
    const how = signal ? `was ended by ${signal}` : "exited unexpectedly";
    log.error(fields, `${proc.name} ${how}; ${next}`);
  }
}

async function healthy(port: number) {
  const res = await fetch(`http://127.0.0.1:${port}/api/health`, {
    signal: AbortSignal.timeout(2000),
  });

  return res.ok;
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log.info("stopping Roadie");
  // Web first (no new work), then the runner (drains), then Soketi, then the database. By
  // name, since a restarted runner or Soketi joins the list again at its end.
  const order = ["build", "web", "runner", "soketi"];
  const inOrder = [...processes].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  for (const proc of inOrder) await stopProcess(proc, 25_000, log);
  for (const cleanup of cleanups.reverse())
    await cleanup().catch((err) => log.warn({ err }, "cleanup failed"));
  process.exit(code);
}

// Last resort when we exit without a clean shutdown: no child may outlive the stack.
process.on("exit", () => {
  for (const proc of processes) {
    if (proc.child.exitCode === null && proc.child.pid) {
      try {
        process.kill(-proc.child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  }
});
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

main().catch(async (err: Error) => {
  // A missing prerequisite or busy port is the operator's to fix: one sentence, no stack trace.
  process.stderr.write(`\nRoadie could not start: ${err.message}\n`);
  await shutdown(1);
});
