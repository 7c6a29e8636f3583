// A whole Roadie for a benchmark, on ports and a database of its own: Soketi, the traced runner
// (bench/lib/traced-runner.ts) and the web server `npm start` runs (tools/web-server.mjs) with
// ROADIE_BENCH=1, built from tools/stack's pieces. The database is created on the machine's
// PostgreSQL and dropped by stop().
import { randomBytes, randomInt } from "node:crypto";
import net from "node:net";
import path from "node:path";

import { migrate } from "../../lib/db/migrate";
import { logger } from "../../lib/logger";
import { adminQuery, testServerUrl, withDatabase } from "../../lib/testing/database";
import { ensureBuild } from "../../tools/stack/build";
import {
  ensurePortFree,
  type ManagedProcess,
  startProcess,
  stopProcess,
  waitFor,
} from "../../tools/stack/processes";
import { startSoketi } from "../../tools/stack/soketi";
import { installQueues } from "./bench-database";

export interface BenchStackOptions {
  port: number;
  pusherPort: number;
  /** Where the traced runner appends its timestamps. */
  traceFile: string;
  /** Run `next build` first when the build is missing or older than the sources. */
  build: boolean;
  /**
   * Start the runner (default). Without it the queues are installed as a runner would, and
   * queued jobs stay queued: for benchmarks that need a backlog nobody works.
   */
  runner?: boolean;
}

export interface BenchStack {
  baseUrl: string;
  databaseUrl: string;
  pusher: { appId: string; key: string; secret: string; port: number };
  /** Process group of each stack process (web, runner, soketi), for CPU accounting. */
  groups: () => Record<string, number>;
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, "../..");
const log = logger.child({ bench: "stack" });

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

/** Starts the stack and resolves once the web answers its health check. */
export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  await ensurePortFree(options.port, "web", "--port");
  await ensurePortFree(options.pusherPort, "Soketi", "--pusher-port");
  const name = `roadie_bench_stack_${randomBytes(4).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const databaseUrl = withDatabase(testServerUrl(), name);
  const processes: ManagedProcess[] = [];
  const pusher = {
    appId: String(randomInt(100_000, 999_999)),
    key: randomBytes(10).toString("hex"),
    secret: randomBytes(20).toString("hex"),
    port: options.pusherPort,
  };
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    for (const proc of [...processes].reverse()) await stopProcess(proc, 15_000, log);
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };

  try {
    await migrate(databaseUrl, log);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PUSHER_APP_ID: pusher.appId,
      PUSHER_KEY: pusher.key,
      PUSHER_SECRET: pusher.secret,
      PUSHER_HOST: "127.0.0.1",
      PUSHER_PORT: String(pusher.port),
      AUTH_SECRET: randomBytes(32).toString("hex"),
      PORT: String(options.port),
      APP_URL: baseUrl,
      ROADIE_BENCH: "1",
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "warn",
    };
    if (options.build) await ensureBuild(root, env, log, (p) => processes.push(p));
    processes.push(startSoketi({ root, ...pusher }));
    await waitFor(() => portOpen(pusher.port), 30_000, "Soketi");
    if (options.runner === false) {
      await (await installQueues(databaseUrl)).stop({ graceful: false });
    } else {
      const runnerArgs = ["--import", "tsx", path.join(root, "bench/lib/traced-runner.ts")];
      processes.push(
        startProcess("runner", process.execPath, runnerArgs, {
          ...env,
          ROADIE_SERVICE: "runner",
          BENCH_PROGRESS_TRACE: options.traceFile,
        }),
      );
    }
    // The web process as `npm start` runs it.
    const server = path.join(root, "tools/web-server.mjs");
    // BENCH_WEB_CPU_PROF=<dir>: a V8 CPU profile of the web process, written there when it stops.
    const profile = process.env.BENCH_WEB_CPU_PROF;
    const profileArgs = profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [];
    const webArgs = [
      ...profileArgs,
      server,
      "--port",
      String(options.port),
      "--hostname",
      "127.0.0.1",
    ];
    const webEnv = { ...env, ROADIE_SERVICE: "web" };
    processes.push(startProcess("web", process.execPath, webArgs, webEnv));
    const healthy = async () => (await fetch(`${baseUrl}/api/health`)).ok;
    await waitFor(healthy, 120_000, "Roadie");
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }

  // Each process leads a group of its own (it is started detached), so its pid is the group id.
  const groups = () =>
    Object.fromEntries(
      processes.flatMap((p) => (p.child.pid ? [[p.name, p.child.pid] as const] : [])),
    );

  return { baseUrl, databaseUrl, pusher, groups, stop };
}

/**
 * First-run setup of a fresh bench stack through its API (the first admin), then an API token
 * for that admin: what a benchmark needs to call the API like a script would.
 */
export async function createBenchToken(baseUrl: string): Promise<string> {
  const headers = { origin: baseUrl, "content-type": "application/json" };
  const admin = { name: "Bench Admin", email: "bench@bench.test", password: "bench-password-1" };
  const setup = await fetch(`${baseUrl}/api/auth/setup`, {
    method: "POST",
    headers,
    body: JSON.stringify(admin),
  });
  if (setup.status !== 201) throw new Error(`setup answered ${setup.status}`);
  const cookie = setup.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  const token = await fetch(`${baseUrl}/api/tokens`, {
    method: "POST",
    headers: { ...headers, cookie },
    body: JSON.stringify({ name: "bench" }),
  });
  if (token.status !== 201) throw new Error(`token answered ${token.status}`);

  return ((await token.json()) as { secret: string }).secret;
}
