import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import os from "node:os";

import type { Logger } from "../../lib/logger";

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** The exit code; 128 plus the signal's number for a process a signal ended, as shells say. */
  exited: Promise<number>;
  /** The signal that ended the process, once it has exited; null when it exited by itself. */
  signal(): NodeJS.Signals | null;
}

/** Starts a child process whose output passes through, prefixed-free, to this terminal. */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): ManagedProcess {
  // A process group of its own: a terminal's Ctrl-C reaches only us, and we stop children in order.
  const child = spawn(command, args, { env, stdio: "inherit", detached: true });
  const exited = new Promise<number>((resolve) => {
    child.on("exit", (code, signal) =>
      resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1)),
    );
    child.on("error", () => resolve(127));
  });

  return { name, child, exited, signal: () => child.signalCode };
}

/** Sends SIGTERM, then SIGKILL to the whole group if it has not exited within graceMs. */
export async function stopProcess(proc: ManagedProcess, graceMs: number, log: Logger) {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  log.info({ process: proc.name, pid: proc.child.pid }, "stopping");
  signalGroup(proc, "SIGTERM");
  const timer = setTimeout(() => {
    log.warn({ process: proc.name }, "did not stop in time; killing");
    signalGroup(proc, "SIGKILL");
  }, graceMs);
  await proc.exited;
  clearTimeout(timer);
}

function signalGroup(proc: ManagedProcess, signal: NodeJS.Signals) {
  try {
    if (proc.child.pid) process.kill(-proc.child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Resolves when the port can be bound, or rejects with a sentence saying what to do. */
export function ensurePortFree(port: number, what: string, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", () =>
      reject(
        new Error(
          `Port ${port} (${what}) is already in use: stop what uses it, or set ${variable}.`,
        ),
      ),
    );
    server.listen(port, "0.0.0.0", () => server.close(() => resolve()));
  });
}

/** Polls until check() resolves true or the deadline passes. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not become ready within ${Math.round(timeoutMs / 1000)} s.`);
}
