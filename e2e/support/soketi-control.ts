// Pauses and resumes the e2e stack's Soketi to cut every browser's live connection. The stack
// treats a Soketi that exits as fatal and shuts down, so a real restart is not possible from a
// test: SIGSTOP freezes the process (sockets stay open, nothing is answered, clients time out
// and reconnect in vain) and SIGCONT brings the same process back.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/** Socket inodes listening on `port` (IPv4 or IPv6), from the kernel's tables. */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      const local = fields[1];
      // State 0A is LISTEN.
      if (local?.endsWith(`:${hexPort}`) && fields[3] === "0A" && fields[9]) inodes.add(fields[9]);
    }
  }

  return inodes;
}

function holdsSocket(pid: string, inodes: Set<string>): boolean {
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`, { encoding: "utf8" });
      const match = /^socket:\[(\d+)\]$/.exec(target);
      if (match?.[1] && inodes.has(match[1])) return true;
    }
  } catch {
    // The process ended or is not ours to inspect.
  }

  return false;
}

/** The pid of the process listening on `port`; throws when there is none. */
export function findListenerPid(port: number): number {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) throw new Error(`Nothing listens on port ${port}.`);
  const pid = readdirSync("/proc").find(
    (entry) => /^\d+$/.test(entry) && holdsSocket(entry, inodes),
  );
  if (!pid) throw new Error(`No visible process holds the listener on port ${port}.`);

  return Number(pid);
}

/** Controls the Soketi process that listens on `port`. */
export function soketiOnPort(port: number) {
  const pid = findListenerPid(port);

  return {
    pid,
    /** Freezes Soketi: open sockets go silent, new connections are never answered. */
    pause: () => process.kill(pid, "SIGSTOP"),
    /** Lets the same process run again. */
    resume: () => process.kill(pid, "SIGCONT"),
  };
}
