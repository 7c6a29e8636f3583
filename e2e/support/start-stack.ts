// Starts a whole Roadie stack for the end-to-end tests on a database of its own, created
// fresh for each run on the test server (TEST_DATABASE_URL, DATABASE_URL or the machine's).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, openSync } from "node:fs";
import path from "node:path";

import { adminQuery, testServerUrl, withDatabase } from "../../lib/testing/database";
import { startE2eSimulator } from "./simulator";
import { E2E_STACK } from "./stack-env";

const database = `roadie_e2e_${randomBytes(4).toString("hex")}`;
await adminQuery(`CREATE DATABASE ${database}`);
const simulator = await startE2eSimulator();

// The stack's log lines go to a file, kept after the run: a failed test's job can be traced
// through the web and the runner (E2E_LOG_LEVEL=info for every job's lines).
mkdirSync(E2E_STACK.dataDir, { recursive: true });
const logFile = openSync(path.join(E2E_STACK.dataDir, "stack.log"), "w");

const stack = spawn(process.execPath, ["--import", "tsx", "tools/stack/main.ts"], {
  stdio: ["ignore", logFile, "inherit"],
  env: {
    ...process.env,
    ...simulator.env,
    DATABASE_URL: withDatabase(testServerUrl(), database),
    PORT: String(E2E_STACK.port),
    APP_URL: E2E_STACK.baseURL,
    PUSHER_PORT: String(E2E_STACK.pusherPort),
    ROADIE_DATA_DIR: E2E_STACK.dataDir,
    ROADIE_SERVICE: "stack",
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
  },
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  stack.kill("SIGTERM");
  await new Promise((resolve) => stack.once("exit", resolve));
  await simulator.close().catch(() => {});
  await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
stack.on("exit", (code) => {
  if (!stopping) process.exit(code ?? 1);
});
