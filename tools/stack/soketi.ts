import { existsSync } from "node:fs";
import path from "node:path";

import { type ManagedProcess, startProcess } from "./processes";

export interface SoketiOptions {
  root: string;
  port: number;
  appId: string;
  key: string;
  secret: string;
}

/**
 * The registry build of uWebSockets.js that Soketi runs on here ships binaries for Node 20 and
 * older only, so Soketi runs on the system Node when this process is newer.
 */
function soketiNode(): string {
  const major = Number(process.versions.node.split(".")[0]);
  const systemNode = process.env.SOKETI_NODE ?? "/usr/bin/node";
  if (major > 20 && existsSync(systemNode)) return systemNode;

  return process.execPath;
}

export function startSoketi(opts: SoketiOptions): ManagedProcess {
  const server = path.join(opts.root, "soketi/node_modules/@soketi/soketi/bin/server.js");
  if (!existsSync(server)) {
    throw new Error("Soketi is not installed: run `npm ci --prefix soketi` (npm start does it).");
  }

  return startProcess("soketi", soketiNode(), [server, "start"], {
    ...process.env,
    SOKETI_PORT: String(opts.port),
    SOKETI_DEFAULT_APP_ID: opts.appId,
    SOKETI_DEFAULT_APP_KEY: opts.key,
    SOKETI_DEFAULT_APP_SECRET: opts.secret,
    SOKETI_DEFAULT_APP_ENABLE_CLIENT_MESSAGES: "false",
    SOKETI_METRICS_ENABLED: "false",
    // Soketi always opens this second server (/usage, and /metrics when enabled), on every
    // interface by default; it has no switch to turn it off, so it stays on this machine.
    SOKETI_METRICS_HOST: "127.0.0.1",
    SOKETI_METRICS_SERVER_PORT: String(opts.port + 1),
    // Soketi prints a banner and an AWS SDK notice; only its errors matter to us.
    SOKETI_DEBUG: "false",
    AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: "1",
    NODE_NO_WARNINGS: "1",
  });
}
