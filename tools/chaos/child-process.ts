import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";

/** A node child process of a chaos scenario, its output kept in a log file. */
export interface Child {
  name: string;
  child: ChildProcess;
  pid: number;
  startedAt: number;
  /** Resolves with the exit code (or 128 + signal number style: null code, signal set). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** Resolves when a line of output matches, rejects when the process exits first or on timeout. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<string>;
  alive(): boolean;
  signal(signal: NodeJS.Signals): void;
}

/** Starts `node --import tsx <script> ...args` as startCommand does. */
export function startNode(
  name: string,
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  logFile: string,
  options: { niceness?: number } = {},
): Child {
  const argv = [process.execPath, "--import", "tsx", script, ...args];

  return startCommand(name, argv, env, logFile, options);
}

/**
 * Starts `argv` with its output appended to `logFile`. Node is run directly (never through
 * npm) so that signals reach the script itself; `niceness` runs it through nice(1), which execs
 * the command in the same process.
 */
export function startCommand(
  name: string,
  argv: string[],
  env: NodeJS.ProcessEnv,
  logFile: string,
  options: { niceness?: number } = {},
): Child {
  const [command, ...rest] =
    options.niceness === undefined ? argv : ["nice", "-n", String(options.niceness), ...argv];
  const child = spawn(command!, rest, { env, stdio: ["ignore", "pipe", "pipe"] });
  const log = createWriteStream(logFile, { flags: "a" });
  let seen = "";
  const watchers = new Set<(text: string) => void>();
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    log.write(text);
    seen = (seen + text).slice(-20_000);
    for (const watcher of watchers) watcher(text);
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  let exitInfo: { code: number | null; signal: NodeJS.Signals | null; at: number } | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>(
    (resolve) => {
      child.on("exit", (code, signal) => {
        exitInfo = { code, signal, at: Date.now() };
        log.end();
        resolve(exitInfo);
      });
    },
  );

  return {
    name,
    child,
    pid: child.pid ?? 0,
    startedAt: Date.now(),
    exited,
    alive: () => exitInfo === undefined,
    signal: (signal) => {
      if (exitInfo === undefined) child.kill(signal);
    },
    waitForOutput(pattern, timeoutMs) {
      const found = pattern.exec(seen);
      if (found) return Promise.resolve(found[0]);

      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          watchers.delete(watch);
          reject(new Error(`${name}: no output matching ${pattern} within ${timeoutMs} ms`));
        }, timeoutMs);
        const watch = () => {
          const match = pattern.exec(seen);
          if (!match) return;
          clearTimeout(timer);
          watchers.delete(watch);
          resolve(match[0]);
        };
        watchers.add(watch);
        void exited.then((info) => {
          if (!watchers.has(watch)) return;
          clearTimeout(timer);
          watchers.delete(watch);
          reject(new Error(`${name} exited (${info.code ?? info.signal}) before ${pattern}`));
        });
      });
    },
  };
}

/** Sends `signal` and waits up to `timeoutMs` for the exit; SIGKILL after that. */
export async function stopChild(
  child: Child,
  signal: NodeJS.Signals = "SIGTERM",
  timeoutMs = 20_000,
) {
  if (!child.alive()) return child.exited;
  child.signal(signal);
  const timer = setTimeout(() => child.signal("SIGKILL"), timeoutMs);
  const info = await child.exited;
  clearTimeout(timer);

  return info;
}
