import { readdirSync, readFileSync } from "node:fs";

const MS_PER_TICK = 10;

/**
 * CPU time (ms) used so far by every process in each of the given process groups (a stack
 * process and whatever it spawned), read from /proc: Linux only. A benchmark reads it before
 * and after a phase to say what a request costs each process.
 */
export function groupCpuMs(groups: Record<string, number>): Record<string, number> {
  const byGroup = new Map(Object.values(groups).map((pgid) => [pgid, 0]));
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command name: state, ppid, pgrp, ..., utime, stime, cutime, cstime.
      const fields = (readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1] ?? "").split(" ");
      const pgid = Number(fields[2]);
      const used = byGroup.get(pgid);
      if (used === undefined) continue;
      // Own time plus that of reaped children, so a child that exits mid-phase still counts.
      const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
      byGroup.set(pgid, used + ticks * MS_PER_TICK);
    } catch {
      // The process ended while being read.
    }
  }

  return Object.fromEntries(
    Object.entries(groups).map(([name, pgid]) => [name, byGroup.get(pgid) ?? 0]),
  );
}
